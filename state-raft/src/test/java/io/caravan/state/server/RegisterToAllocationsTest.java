package io.caravan.state.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.EvalStatus;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.cluster.Node;
import io.caravan.scheduler.testing.Jobs;
import io.caravan.scheduler.testing.Nodes;
import io.caravan.state.config.ServerConfig;
import io.caravan.state.server.testing.StaleViewScheduler;
import io.caravan.state.store.StateSnapshot;
import io.caravan.state.testing.TestConfigs;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The must-show flow with scheduler-core's built-in GenericScheduler, on the in-memory path and
 * through Raft: register a job -> evaluation -> broker -> worker -> plan -> plan applier ->
 * allocations in state. Then a second job whose scheduler starts on a stale view (every node looks
 * empty) submits a plan that would overcommit the node: the plan applier rejects it, the scheduler
 * retries on the refreshed state, places what fits and blocks the rest; a new node releases the
 * blocked evaluation and the rest is placed there.
 */
@Timeout(60)
class RegisterToAllocationsTest {

  private static StateSnapshot awaitState(CaravanServer server, Predicate<StateSnapshot> done) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    StateSnapshot s = server.snapshot();
    while (!done.test(s)) {
      assertThat(System.nanoTime() - deadline).as("state did not get there in time").isNegative();
      s = server.awaitIndex(s.latestIndex(), Duration.ofMillis(500));
    }
    return s;
  }

  private static List<Allocation> live(StateSnapshot s, String job) {
    return s.allocsByJob("default", job).stream().filter(a -> a.desiredStatus().equals("run")).toList();
  }

  private static long cpuOn(StateSnapshot s, String nodeId) {
    return s.allocsByNode(nodeId).stream().filter(a -> !a.terminal())
        .mapToLong(a -> a.allocatedResources().tasks().values().stream().mapToLong(t -> t.cpu().cpuShares()).sum())
        .sum();
  }

  private static void flow(CaravanServer leader) throws InterruptedException {
    // node-1: 14,000 MHz with 100 reserved; the mock task asks 500 MHz, so 27 fit
    leader.registerNode(Nodes.mock("node-1"));
    JobWriteResult a = leader.registerJob(Jobs.mock("a", 20));
    StateSnapshot s = awaitState(leader, x -> x.evalById(a.evalId()).orElseThrow().status().equals(EvalStatus.COMPLETE));
    assertThat(live(s, "a")).hasSize(20).allSatisfy(x -> {
      assertThat(x.nodeID()).isEqualTo("node-1");
      assertThat(x.evalID()).isEqualTo(a.evalId());
      assertThat(x.job()).isSameAs(s.jobById("default", "a").orElseThrow());
    });

    long partialBefore = leader.schedulingStats().plansPartial();
    JobWriteResult b = leader.registerJob(Jobs.mock("b", 10));
    StateSnapshot after = awaitState(leader, x -> x.evalById(b.evalId()).orElseThrow().status().equals(EvalStatus.COMPLETE));
    assertThat(leader.schedulingStats().plansPartial()).as("plans the applier cut back").isGreaterThan(partialBefore);
    assertThat(live(after, "b")).hasSize(7);
    assertThat(live(after, "a")).hasSize(20);
    Node node = after.nodeById("node-1").orElseThrow();
    assertThat(cpuOn(after, "node-1")).isLessThanOrEqualTo(node.nodeResources().cpu().cpuShares() - 100);
    Evaluation evalB = after.evalById(b.evalId()).orElseThrow();
    assertThat(evalB.failedTGAllocs()).containsKey("web");
    assertThat(after.evalsByJob("default", "b")).anySatisfy(e -> assertThat(e.status()).isEqualTo(EvalStatus.BLOCKED));

    leader.registerNode(Nodes.mock("node-2"));
    StateSnapshot done = awaitState(leader, x -> live(x, "b").size() == 10);
    assertThat(live(done, "b")).filteredOn(x -> x.nodeID().equals("node-2")).hasSize(3);
  }

  @Test
  void registerPlaceAndRejectAnOvercommittingPlanOnTheInMemoryPath() throws Exception {
    try (CaravanServer server = CaravanServer.builder(ServerConfig.builder().numSchedulers(2).build())
        .schedulers(StaleViewScheduler.forJobs(Set.of("b"))).start()) {
      flow(server);
    }
  }

  @Test
  void registerPlaceAndRejectAnOvercommittingPlanThroughRaft() throws Exception {
    try (CaravanCluster cluster = CaravanCluster.builder().servers(3)
        .config(TestConfigs.smallSnapshotsBuilder().numSchedulers(2).build())
        .schedulers(StaleViewScheduler.forJobs(Set.of("b"))).start()) {
      CaravanServer leader = cluster.awaitLeader(Duration.ofSeconds(20));
      flow(leader);
      long index = leader.snapshot().latestIndex();
      for (CaravanServer s : cluster.servers()) {
        StateSnapshot got = awaitState(s, x -> x.latestIndex() >= index);
        assertThat(live(got, "a")).as(s.name()).hasSize(20);
        assertThat(live(got, "b")).as(s.name()).hasSize(10);
      }
    }
  }
}
