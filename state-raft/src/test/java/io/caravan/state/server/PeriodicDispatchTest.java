package io.caravan.state.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.EvalStatus;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.job.Job;
import io.caravan.model.job.PeriodicConfig;
import io.caravan.scheduler.testing.Jobs;
import io.caravan.scheduler.testing.Nodes;
import io.caravan.state.config.ServerConfig;
import io.caravan.state.fsm.Command;
import io.caravan.state.fsm.StateFsm;
import io.caravan.state.server.internal.LocalCommandSink;
import io.caravan.state.server.internal.PeriodicDispatcher;
import io.caravan.state.server.testing.CountScheduler;
import io.caravan.state.server.testing.AwaitState;
import io.caravan.state.store.StateSnapshot;
import io.caravan.state.store.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The leader's periodic dispatcher and force launch, on hand-moved time. */
@Timeout(30)
class PeriodicDispatchTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:30Z");

  private static Job periodic(String id, String cron, boolean prohibitOverlap) {
    return Jobs.mockBuilder(id, Jobs.group(1, 100, 64).build()).type("batch")
        .periodic(new PeriodicConfig(true, cron, null, "cron", prohibitOverlap, "UTC")).build();
  }

  private static CaravanServer server(ManualTimers timers) {
    AtomicInteger ids = new AtomicInteger();
    return CaravanServer.builder(ServerConfig.builder().numSchedulers(1).build()).clock(timers.clock()).timers(timers)
        .ids(() -> "id-" + ids.incrementAndGet()).schedulers(CountScheduler.provider()).start();
  }

  private static List<Job> children(StateSnapshot s, String parent) {
    return s.jobs().stream().filter(j -> parent.equals(j.parentID())).toList();
  }

  private static StateSnapshot awaitState(CaravanServer server, Predicate<StateSnapshot> done) throws InterruptedException {
    return AwaitState.await(server, done);
  }


  /** Moves time in 5 s steps with a heartbeat from node n1 before each, so the node stays up. */
  private static void advanceHeartbeating(ManualTimers timers, CaravanServer server, Duration by) {
    for (Duration left = by; !left.isZero(); left = left.minus(Duration.ofSeconds(5))) {
      server.heartbeat("n1", "ready");
      timers.advance(Duration.ofSeconds(5));
    }
  }

  @Test
  void launchesAChildAtEachCronTimeOfTheInjectedClock() throws Exception {
    ManualTimers timers = new ManualTimers(START);
    try (CaravanServer server = server(timers)) {
      server.registerJob(periodic("report", "*/5 * * * *", false));
      assertThat(server.snapshot().evalsByJob("default", "report")).as("a periodic parent has no evaluation").isEmpty();

      timers.advance(Duration.ofMinutes(4));
      assertThat(children(server.snapshot(), "report")).isEmpty();
      timers.advance(Duration.ofSeconds(30)); // 00:05:00
      StateSnapshot s = server.snapshot();
      long fiveMinutes = Instant.parse("2026-01-01T00:05:00Z").getEpochSecond();
      assertThat(children(s, "report")).extracting(Job::id).containsExactly("report/periodic-" + fiveMinutes);
      Job child = children(s, "report").get(0);
      assertThat(child.periodic()).isNull();
      assertThat(child.name()).isEqualTo(child.id());
      assertThat(s.evalsByJob("default", child.id())).extracting(Evaluation::triggeredBy).containsExactly("periodic-job");
      assertThat(s.periodicLaunch("default", "report").orElseThrow().launchNanos())
          .isEqualTo(fiveMinutes * 1_000_000_000L);

      timers.advance(Duration.ofMinutes(10)); // 00:10 and 00:15
      assertThat(children(server.snapshot(), "report")).extracting(Job::id).containsExactly(
          "report/periodic-" + fiveMinutes, "report/periodic-" + (fiveMinutes + 300),
          "report/periodic-" + (fiveMinutes + 600));
    }
  }

  @Test
  void prohibitOverlapSkipsALaunchWhileAChildStillRuns() throws Exception {
    ManualTimers timers = new ManualTimers(START);
    try (CaravanServer server = server(timers)) {
      server.registerNode(Nodes.mock("n1"));
      server.registerJob(periodic("sync", "* * * * *", true));
      advanceHeartbeating(timers, server, Duration.ofSeconds(30)); // 00:01
      String first = children(server.snapshot(), "sync").get(0).id();
      StateSnapshot placed = awaitState(server, s -> s.allocsByJob("default", first).size() == 1
          && s.evalsByJob("default", first).stream().allMatch(e -> e.status().equals(EvalStatus.COMPLETE)));
      Allocation alloc = placed.allocsByJob("default", first).get(0);

      advanceHeartbeating(timers, server, Duration.ofMinutes(1)); // 00:02: the first child's allocation has not finished
      assertThat(children(server.snapshot(), "sync")).hasSize(1);

      server.updateAllocations(List.of(server.clientUpdate(alloc.id(), "complete", "done", Map.of(), null)));
      advanceHeartbeating(timers, server, Duration.ofMinutes(1)); // 00:03
      assertThat(children(server.snapshot(), "sync")).extracting(Job::id).containsExactly(first,
          "sync/periodic-" + Instant.parse("2026-01-01T00:03:00Z").getEpochSecond());
    }
  }

  @Test
  void stopsLaunchingOnceTheParentIsStopped() throws Exception {
    ManualTimers timers = new ManualTimers(START);
    try (CaravanServer server = server(timers)) {
      server.registerJob(periodic("report", "* * * * *", false));
      timers.advance(Duration.ofSeconds(30));
      server.deregisterJob("default", "report", false);
      timers.advance(Duration.ofMinutes(5));
      assertThat(children(server.snapshot(), "report")).hasSize(1);
    }
  }

  @Test
  void forceLaunchesAtOnceWhateverTheSchedule() throws Exception {
    ManualTimers timers = new ManualTimers(START);
    try (CaravanServer server = server(timers)) {
      server.registerJob(periodic("yearly", "@yearly", true));
      JobWriteResult forced = server.forcePeriodicLaunch("default", "yearly");
      StateSnapshot s = server.snapshot();
      assertThat(children(s, "yearly")).extracting(Job::id).containsExactly("yearly/periodic-" + START.getEpochSecond());
      assertThat(s.evalById(forced.evalId()).orElseThrow().jobID()).isEqualTo("yearly/periodic-" + START.getEpochSecond());

      server.registerJob(Jobs.mock("web", 1));
      assertThatThrownBy(() -> server.forcePeriodicLaunch("default", "web"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("it has no periodic block");
      assertThatThrownBy(() -> server.forcePeriodicLaunch("default", "nope"))
          .isInstanceOf(io.caravan.state.store.UnknownObjectException.class);
    }
  }

  @Test
  void aNewLeaderLaunchesOnceWhenALaunchWasMissedThenFollowsTheSchedule() {
    // state as a new leader finds it: the job last launched at 00:05, the clock at 00:17 (00:10 and 00:15 missed)
    StateStore store = new StateStore(Clock.systemUTC());
    StateFsm fsm = new StateFsm(store);
    LocalCommandSink sink = new LocalCommandSink(fsm);
    Job job = periodic("report", "*/5 * * * *", false).toBuilder().submitTime(0L).build();
    sink.submit(new Command.RegisterJob(job, null)).join();
    sink.submit(new Command.PeriodicLaunch("default", "report",
        Instant.parse("2026-01-01T00:05:00Z").getEpochSecond() * 1_000_000_000L)).join();
    ManualTimers timers = new ManualTimers(Instant.parse("2026-01-01T00:17:00Z"));
    AtomicInteger ids = new AtomicInteger();
    PeriodicDispatcher dispatcher = new PeriodicDispatcher("s1", timers, timers.clock(), () -> "e" + ids.incrementAndGet(),
        c -> sink.submit(c).join(), store::snapshot);

    dispatcher.start(store.snapshot());
    timers.advance(Duration.ZERO);
    long now = Instant.parse("2026-01-01T00:17:00Z").getEpochSecond();
    assertThat(children(store.snapshot(), "report")).extracting(Job::id).containsExactly("report/periodic-" + now);

    timers.advance(Duration.ofMinutes(3)); // 00:20
    assertThat(children(store.snapshot(), "report")).extracting(Job::id)
        .containsExactly("report/periodic-" + now, "report/periodic-" + (now + 180));
    assertThat(dispatcher.nextLaunches()).containsEntry("default/report", Instant.parse("2026-01-01T00:25:00Z"));
    dispatcher.stop();
    assertThat(timers.pending()).isEmpty();
  }

  @Test
  void registrationRecordsTheFirstLaunchTime() {
    ManualTimers timers = new ManualTimers(START);
    try (CaravanServer server = server(timers)) {
      server.registerJob(periodic("report", "@daily", false));
      assertThat(server.snapshot().periodicLaunch("default", "report").orElseThrow().launchNanos())
          .isEqualTo(START.getEpochSecond() * 1_000_000_000L);
    }
  }
}
