package io.caravan.state.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.EvalStatus;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.cluster.Node;
import io.caravan.scheduler.testing.Jobs;
import io.caravan.scheduler.testing.Nodes;
import io.caravan.state.config.ServerConfig;
import io.caravan.state.raft.RaftNode;
import io.caravan.state.server.testing.CountScheduler;
import io.caravan.state.store.StateSnapshot;
import io.caravan.state.testing.TestConfigs;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Register a job -> evaluation -> broker -> worker -> scheduler -> plan -> plan applier -> allocations in
 * state, and the plan applier rejecting a plan that would overcommit a node: on a single in-memory
 * server and through a 3-server Raft cluster. Uses a small test scheduler ({@link CountScheduler}),
 * which can be told to plan one job on a stale view so that its plan overcommits.
 */
@Timeout(60)
class SchedulingPipelineTest {

  private static StateSnapshot awaitState(CaravanServer server, Predicate<StateSnapshot> done) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    StateSnapshot s = server.snapshot();
    while (!done.test(s)) {
      assertThat(System.nanoTime() - deadline).as("state did not get there in time").isNegative();
      s = server.awaitIndex(s.latestIndex(), Duration.ofMillis(500));
    }
    return s;
  }

  private static boolean evalsDone(StateSnapshot s, String jobId) {
    List<Evaluation> evals = s.evalsByJob("default", jobId);
    return !evals.isEmpty() && evals.stream().noneMatch(e -> e.status().equals(EvalStatus.PENDING));
  }

  /** The flow, on a leader reached through {@code leader}. */
  private static void placeThenRejectOvercommit(CaravanServer leader) throws InterruptedException {
    // one node: 13,900 MHz usable, the mock task asks 500 MHz, so 27 fit
    leader.registerNode(Nodes.mock("node-1"));
    JobWriteResult a = leader.registerJob(Jobs.mock("a", 20));
    StateSnapshot placed = awaitState(leader, s -> evalsDone(s, "a"));
    assertThat(placed.evalById(a.evalId()).orElseThrow().status()).isEqualTo(EvalStatus.COMPLETE);
    List<Allocation> allocsA = placed.allocsByJob("default", "a");
    assertThat(allocsA).hasSize(20).allSatisfy(x -> {
      assertThat(x.nodeID()).isEqualTo("node-1");
      assertThat(x.desiredStatus()).isEqualTo("run");
      assertThat(x.evalID()).isEqualTo(a.evalId());
      assertThat(x.job()).isSameAs(placed.jobById("default", "a").orElseThrow());
    });

    // job b is planned as if the node were empty: 10 more would need 15,000 MHz in all
    JobWriteResult b = leader.registerJob(Jobs.mock("b", 10));
    StateSnapshot after = awaitState(leader, s -> evalsDone(s, "b"));
    Evaluation evalB = after.evalById(b.evalId()).orElseThrow();
    assertThat(evalB.status()).isEqualTo(EvalStatus.FAILED);
    assertThat(evalB.statusDescription()).contains("rejected");
    assertThat(after.allocsByJob("default", "b")).isEmpty();
    assertThat(after.allocsByJob("default", "a")).hasSize(20);
    assertThat(leader.schedulingStats().plansPartial()).isGreaterThanOrEqualTo(1);
    assertThat(leader.schedulingStats().plansApplied()).isGreaterThanOrEqualTo(3); // a once, b twice (retried on the refreshed state)
    long cpu = after.allocsByNode("node-1").stream().filter(x -> !x.terminal())
        .mapToLong(x -> x.allocatedResources().tasks().values().stream().mapToLong(t -> t.cpu().cpuShares()).sum())
        .sum();
    Node node = after.nodeById("node-1").orElseThrow();
    assertThat(cpu).isLessThanOrEqualTo(node.nodeResources().cpu().cpuShares() - 100);
  }

  @Test
  void placesAJobAndRejectsAnOvercommittingPlanOnTheInMemoryPath() throws Exception {
    try (CaravanServer server = CaravanServer.builder(ServerConfig.builder().numSchedulers(2).build())
        .schedulers(CountScheduler.blindFor(Set.of("b"))).start()) {
      placeThenRejectOvercommit(server);
    }
  }

  @Test
  void placesAJobAndRejectsAnOvercommittingPlanThroughRaft() throws Exception {
    try (CaravanCluster cluster = CaravanCluster.builder().servers(3)
        .config(TestConfigs.smallSnapshotsBuilder().numSchedulers(2).build())
        .schedulers(CountScheduler.blindFor(Set.of("b"))).start()) {
      CaravanServer leader = cluster.awaitLeader(Duration.ofSeconds(20));
      placeThenRejectOvercommit(leader);
      long index = leader.snapshot().latestIndex();
      for (CaravanServer s : cluster.servers()) {
        StateSnapshot got = awaitState(s, x -> x.latestIndex() >= index);
        assertThat(got.allocsByJob("default", "a")).as(s.name()).hasSize(20);
        assertThat(got.allocsByJob("default", "b")).as(s.name()).isEmpty();
      }
    }
  }
}
