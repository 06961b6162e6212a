package io.caravan.state.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Deployment;
import io.caravan.model.cluster.DeploymentStatuses;
import io.caravan.model.job.Job;
import io.caravan.model.job.ReschedulePolicy;
import io.caravan.model.job.Resources;
import io.caravan.model.job.Task;
import io.caravan.model.job.UpdateStrategy;
import io.caravan.scheduler.schedulers.EvalTriggers;
import io.caravan.scheduler.testing.Jobs;
import io.caravan.scheduler.testing.Nodes;
import io.caravan.state.config.ServerConfig;
import io.caravan.state.server.internal.deployment.DeploymentDecider;
import io.caravan.state.store.StateSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The deployment watcher on a single in-memory server with real scheduler workers and a hand-moved
 * clock: the test plays the clients, reporting allocations running and their deployment health.
 */
@Timeout(60)
class DeploymentWatcherTest {
  private final ManualTimers timers = new ManualTimers(Instant.parse("2026-12-06T00:00:00Z"));
  private final AtomicInteger nextId = new AtomicInteger();
  private final CaravanServer server = CaravanServer.builder(ServerConfig.builder().numSchedulers(1).build())
      .clock(timers.clock()).timers(timers).random(new SplittableRandom(7))
      .ids(() -> String.format("00000000-0000-0000-0000-%012d", nextId.incrementAndGet())).start();

  @AfterEach
  void close() {
    server.close();
  }

  private static Job web(String version, int count, UpdateStrategy update, ReschedulePolicy reschedule) {
    Task task = Task.builder().name("web").driver("exec").env(Map.of("VERSION", version))
        .resources(Resources.builder().cpu(500).memoryMB(256).build()).build();
    return Jobs.mockBuilder("web", Jobs.group(count, 500, 256).tasks(List.of(task)).update(update)
        .reschedulePolicy(reschedule).build()).build();
  }

  private static UpdateStrategy rolling(int maxParallel) {
    return UpdateStrategy.builder().maxParallel(maxParallel).minHealthyTime(Duration.ofSeconds(10))
        .healthyDeadline(Duration.ofMinutes(5)).progressDeadline(Duration.ofMinutes(10)).build();
  }

  private static final ReschedulePolicy NO_RESCHEDULE = ReschedulePolicy.builder().attempts(0).unlimited(false).build();

  private StateSnapshot await(String what, Predicate<StateSnapshot> done) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    StateSnapshot s = server.snapshot();
    while (!done.test(s)) {
      assertThat(System.nanoTime() - deadline).as("timed out waiting until " + what).isNegative();
      s = server.awaitIndex(s.latestIndex(), Duration.ofMillis(200));
    }
    return s;
  }

  /** Moves the hand clock in 5 s steps, heartbeating every node so none expires, letting the workers finish between steps. */
  private void advanceKeepingNodesAlive(Duration by) throws InterruptedException {
    for (Duration left = by; !left.isZero(); ) {
      // an evaluation in a worker's hands for more than the nack timeout (60 s) of hand-moved time would be redelivered
      await("no evaluation is pending", x -> x.evals().stream().noneMatch(e -> e.status().equals("pending")));
      Duration step = left.compareTo(Duration.ofSeconds(5)) < 0 ? left : Duration.ofSeconds(5);
      server.nodes().forEach(n -> server.heartbeat(n.id(), n.status()));
      timers.advance(step);
      left = left.minus(step);
    }
  }

  private static List<Allocation> live(StateSnapshot s) {
    return s.allocsByJob("default", "web").stream().filter(a -> a.desiredStatus().equals("run")).toList();
  }

  private static List<Allocation> undecided(StateSnapshot s) {
    return live(s).stream().filter(a -> a.deploymentStatus() == null || a.deploymentStatus().healthy() == null).toList();
  }

  /** Plays the clients: every live allocation whose health is undecided runs and gets {@code healthy}. */
  private int report(StateSnapshot s, boolean healthy) {
    List<Allocation> updates = new ArrayList<>();
    for (Allocation a : undecided(s)) {
      updates.add(server.clientUpdate(a.id(), "running", "", Map.of(), healthy));
    }
    if (!updates.isEmpty()) {
      server.updateAllocations(updates);
    }
    return updates.size();
  }

  private static Deployment latestDeployment(StateSnapshot s) {
    return s.deploymentsByJob("default", "web").stream().max(Comparator.comparingLong(Deployment::createIndex)).orElseThrow();
  }

  private static long version(Allocation a) {
    return a.job().version();
  }

  /** Registers v0 and lets it deploy successfully, so it is the stable version. */
  private void deployFirstVersion(Job v0) throws InterruptedException {
    server.registerNode(Nodes.mock("node-1"));
    server.registerJob(v0);
    int count = v0.taskGroups().get(0).count();
    StateSnapshot s = await("v0 is placed", x -> live(x).size() == count);
    report(s, true);
    await("v0 deployed", x -> latestDeployment(x).status().equals(DeploymentStatuses.SUCCESSFUL));
  }

  @Test
  void rollingUpdateProceedsInMaxParallelBatchesAsClientsReportHealthAndMarksTheVersionStable() throws Exception {
    deployFirstVersion(web("v0", 4, rolling(2), NO_RESCHEDULE));
    assertThat(server.job("default", "web").orElseThrow().stable()).isTrue();

    server.registerJob(web("v1", 4, rolling(2), NO_RESCHEDULE));
    List<Integer> batches = new ArrayList<>();
    StateSnapshot s = server.snapshot();
    while (true) {
      s = await("a batch of v1 or the end", x -> !undecided(x).isEmpty()
          || latestDeployment(x).status().equals(DeploymentStatuses.SUCCESSFUL) && latestDeployment(x).jobVersion() == 1);
      if (undecided(s).isEmpty()) {
        break;
      }
      List<Allocation> batch = undecided(s);
      assertThat(batch).allSatisfy(a -> assertThat(version(a)).isEqualTo(1));
      assertThat(live(s)).as("count stays at 4 during the update").hasSize(4);
      batches.add(batch.size());
      report(s, true);
    }
    assertThat(batches).as("placed per batch").containsExactly(2, 2);
    Deployment d = latestDeployment(s);
    assertThat(d.jobVersion()).isEqualTo(1);
    assertThat(d.taskGroups().get("web").healthyAllocs()).isEqualTo(4);
    assertThat(d.taskGroups().get("web").placedAllocs()).isEqualTo(4);
    assertThat(live(s)).hasSize(4).allSatisfy(a -> assertThat(version(a)).isEqualTo(1));
    assertThat(s.jobById("default", "web").orElseThrow().stable()).isTrue();
    assertThat(s.evalsByJob("default", "web")).anySatisfy(e -> {
      assertThat(e.triggeredBy()).isEqualTo(EvalTriggers.DEPLOYMENT_WATCHER);
      assertThat(e.deploymentID()).isEqualTo(d.id());
    });
  }

  @Test
  void anUnhealthyAllocationFailsTheDeploymentAndAutoRevertRestoresTheStableVersion() throws Exception {
    UpdateStrategy revert = rolling(1).toBuilder().canary(1).autoRevert(true).build();
    deployFirstVersion(web("v0", 2, revert, NO_RESCHEDULE));

    server.registerJob(web("v1", 2, revert, NO_RESCHEDULE));
    StateSnapshot s = await("the v1 canary is placed", x -> undecided(x).size() == 1);
    Allocation canary = undecided(s).get(0);
    assertThat(canary.deploymentStatus().canary()).isTrue();
    assertThat(version(canary)).isEqualTo(1);
    report(s, false);

    StateSnapshot failed = await("v1's deployment failed", x -> x.deploymentsByJob("default", "web").stream()
        .anyMatch(d -> d.jobVersion() == 1 && d.status().equals(DeploymentStatuses.FAILED)));
    Deployment d1 = failed.deploymentsByJob("default", "web").stream().filter(d -> d.jobVersion() == 1).findFirst().orElseThrow();
    assertThat(d1.statusDescription()).isEqualTo("Failed due to unhealthy allocations - rolling back to job version 0");
    assertThat(d1.taskGroups().get("web").unhealthyAllocs()).isEqualTo(1);
    Job reverted = failed.jobById("default", "web").orElseThrow();
    assertThat(reverted.version()).isEqualTo(2);
    assertThat(reverted.taskGroups().get(0).tasks().get(0).env()).containsEntry("VERSION", "v0");

    StateSnapshot after = await("the canary is stopped and v0's allocations run", x -> live(x).size() == 2
        && live(x).stream().noneMatch(a -> a.id().equals(canary.id())));
    assertThat(live(after)).allSatisfy(a -> assertThat(a.job().taskGroups().get(0).tasks().get(0).env())
        .containsEntry("VERSION", "v0"));
  }

  @Test
  void autoPromoteRollsOutOnceAllCanariesAreHealthy() throws Exception {
    UpdateStrategy canaries = rolling(2).toBuilder().canary(2).autoPromote(true).build();
    deployFirstVersion(web("v0", 3, canaries, NO_RESCHEDULE));

    server.registerJob(web("v1", 3, canaries, NO_RESCHEDULE));
    StateSnapshot s = await("two canaries placed", x -> undecided(x).size() == 2);
    assertThat(undecided(s)).allSatisfy(a -> assertThat(a.deploymentStatus().canary()).isTrue());
    assertThat(latestDeployment(s).statusDescription()).isEqualTo("Deployment is running pending automatic promotion");
    report(s, true);

    StateSnapshot promoted = await("promoted", x -> latestDeployment(x).taskGroups().get("web").promoted());
    assertThat(latestDeployment(promoted).statusDescription()).isIn("Deployment is running",
        "Deployment completed successfully");
    while (true) {
      s = await("more v1 or the end", x -> !undecided(x).isEmpty()
          || latestDeployment(x).status().equals(DeploymentStatuses.SUCCESSFUL));
      if (report(s, true) == 0) {
        break;
      }
    }
    assertThat(live(s)).hasSize(3).allSatisfy(a -> assertThat(version(a)).isEqualTo(1));
  }

  @Test
  void manualPromotionIsRefusedUntilCanariesAreHealthyThenRollsOut() throws Exception {
    UpdateStrategy canaries = rolling(1).toBuilder().canary(1).build();
    deployFirstVersion(web("v0", 2, canaries, NO_RESCHEDULE));
    server.registerJob(web("v1", 2, canaries, NO_RESCHEDULE));
    StateSnapshot s = await("the canary is placed", x -> undecided(x).size() == 1);
    Deployment d = latestDeployment(s);
    assertThat(d.statusDescription()).isEqualTo("Deployment is running but requires manual promotion");
    assertThatThrownBy(() -> server.promoteDeployment(d.id(), List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0/1 healthy canaries");
    assertThatThrownBy(() -> server.promoteDeployment(d.id(), List.of("db")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no task group \"db\"");

    report(s, true);
    await("the canary is healthy", x -> latestDeployment(x).taskGroups().get("web").healthyAllocs() == 1);
    JobWriteResult r = server.promoteDeployment(d.id(), List.of("web"));
    assertThat(server.snapshot().evalById(r.evalId()).orElseThrow().triggeredBy()).isEqualTo(EvalTriggers.DEPLOYMENT_WATCHER);
    while (true) {
      s = await("more v1 or the end", x -> !undecided(x).isEmpty()
          || latestDeployment(x).status().equals(DeploymentStatuses.SUCCESSFUL));
      if (report(s, true) == 0) {
        break;
      }
    }
    assertThat(live(s)).hasSize(2).allSatisfy(a -> assertThat(version(a)).isEqualTo(1));
  }

  @Test
  void aDeploymentWithoutProgressFailsAtItsProgressDeadline() throws Exception {
    UpdateStrategy slow = rolling(1).toBuilder().progressDeadline(Duration.ofMinutes(10)).build();
    ReschedulePolicy retry = ReschedulePolicy.builder().attempts(3).interval(Duration.ofHours(1))
        .delay(Duration.ofSeconds(5)).delayFunction("constant").unlimited(false).build();
    deployFirstVersion(web("v0", 2, slow, retry));
    server.registerJob(web("v1", 2, slow, retry));
    StateSnapshot s = await("one v1 allocation placed", x -> undecided(x).size() == 1);
    Deployment d = latestDeployment(s);
    assertThat(d.taskGroups().get("web").requireProgressBy()).isEqualTo("2026-12-06T00:10:00Z");
    // the clients never decide its health: no progress
    advanceKeepingNodesAlive(Duration.ofMinutes(9));
    assertThat(server.snapshot().deploymentById(d.id()).orElseThrow().status()).isEqualTo(DeploymentStatuses.RUNNING);
    advanceKeepingNodesAlive(Duration.ofMinutes(1).plusSeconds(1));
    StateSnapshot failed = await("the deadline failed it", x -> x.deploymentById(d.id()).orElseThrow().status()
        .equals(DeploymentStatuses.FAILED));
    assertThat(failed.deploymentById(d.id()).orElseThrow().statusDescription()).isEqualTo("Failed due to progress deadline");
  }

  @Test
  void anUnhealthyAllocationWithReschedulesLeftIsMarkedForReplacementInsteadOfFailing() throws Exception {
    UpdateStrategy progress = rolling(1);
    ReschedulePolicy retry = ReschedulePolicy.builder().attempts(3).interval(Duration.ofHours(1))
        .delay(Duration.ofSeconds(5)).delayFunction("constant").unlimited(false).build();
    deployFirstVersion(web("v0", 2, progress, retry));
    server.registerJob(web("v1", 2, progress, retry));
    StateSnapshot s = await("one v1 allocation placed", x -> undecided(x).size() == 1);
    Allocation bad = undecided(s).get(0);
    report(s, false);
    StateSnapshot marked = await("marked for reschedule", x -> x.allocById(bad.id()).orElseThrow().desiredTransition() != null);
    assertThat(marked.allocById(bad.id()).orElseThrow().desiredTransition().reschedule()).isTrue();
    assertThat(latestDeployment(marked).status()).isEqualTo(DeploymentStatuses.RUNNING);
  }

  @Test
  void failAndPauseAreRefusedForAFinishedDeployment() throws Exception {
    deployFirstVersion(web("v0", 1, rolling(1), NO_RESCHEDULE));
    Deployment d = latestDeployment(server.snapshot());
    assertThatThrownBy(() -> server.failDeployment(d.id())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("it is successful");
    assertThatThrownBy(() -> server.pauseDeployment("nope", true))
        .isInstanceOf(io.caravan.state.store.UnknownObjectException.class);
  }

  /** A pass reuses a deployment's last quiet decision only while deciding afresh would give the same. */
  @Test
  void aQuietDecisionIsReusedOnlyWhileADecisionAfreshWouldComeOutTheSame() throws Exception {
    deployFirstVersion(web("v0", 2, rolling(1), NO_RESCHEDULE));
    server.registerJob(web("v1", 2, rolling(1), NO_RESCHEDULE));
    StateSnapshot s = await("one v1 allocation placed", x -> undecided(x).size() == 1);
    Deployment d = latestDeployment(s);
    Instant deadline = Instant.parse(d.taskGroups().get("web").requireProgressBy());
    java.util.function.Supplier<String> ids = () -> "00000000-0000-0000-0000-0000000000ff";
    Map<String, DeploymentDecider.Quiet> quiet = new java.util.HashMap<>();
    Instant t0 = deadline.minusSeconds(120);

    DeploymentDecider.Pass fresh = DeploymentDecider.decide(s, t0, ids);
    assertThat(fresh.commands()).isEmpty();
    assertThat(fresh.nextWake()).isEqualTo(deadline);
    assertThat(DeploymentDecider.decide(s, t0, ids, quiet)).isEqualTo(fresh);
    assertThat(quiet).containsOnlyKeys(d.id());
    DeploymentDecider.Quiet remembered = quiet.get(d.id());
    assertThat(DeploymentDecider.decide(s, t0.plusSeconds(60), ids, quiet)).isEqualTo(fresh);
    assertThat(quiet.get(d.id())).as("reused, not decided again").isSameAs(remembered);

    // past the deadline it no longer holds: the deployment fails, as a fresh decision says
    Instant late = deadline.plusSeconds(1);
    DeploymentDecider.Pass failing = DeploymentDecider.decide(s, late, ids, quiet);
    assertThat(failing.commands()).hasSize(1);
    assertThat(failing).isEqualTo(DeploymentDecider.decide(s, late, ids));
    assertThat(quiet).isEmpty();

    // a changed allocation of the job is decided again
    assertThat(DeploymentDecider.decide(s, t0, ids, quiet)).isEqualTo(fresh);
    String placed = undecided(s).get(0).id();
    report(s, true);
    StateSnapshot healthy = await("the allocation is healthy", x -> x.allocById(placed).orElseThrow().deploymentStatus() != null
        && Boolean.TRUE.equals(x.allocById(placed).orElseThrow().deploymentStatus().healthy()));
    assertThat(healthy.allocsByJobVersion("default", "web")).isNotSameAs(s.allocsByJobVersion("default", "web"));
    assertThat(DeploymentDecider.decide(healthy, t0, ids, quiet)).isEqualTo(DeploymentDecider.decide(healthy, t0, ids));
  }
}
