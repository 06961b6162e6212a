package io.caravan.state.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.EvalStatus;
import io.caravan.model.cluster.NodeStatus;
import io.caravan.scheduler.testing.Jobs;
import io.caravan.scheduler.testing.Nodes;
import io.caravan.state.config.ServerConfig;
import io.caravan.state.store.StateSnapshot;
import io.caravan.state.testing.TestConfigs;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The server running scheduler-core's built-in SystemScheduler (SchedulerFactory): system jobs end to
 * end on the in-memory path and on a Raft cluster with mock-driver clients. (Service jobs with the
 * built-in GenericScheduler: RegisterToAllocationsTest and ClusterWithClientsFailoverTest.)
 */
@Timeout(60)
class BuiltInSchedulersTest {

  private static StateSnapshot awaitState(CaravanServer server, Predicate<StateSnapshot> done) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    StateSnapshot s = server.snapshot();
    while (!done.test(s)) {
      assertThat(System.nanoTime() - deadline).as("state did not get there in time").isNegative();
      s = server.awaitIndex(s.latestIndex(), Duration.ofMillis(500));
    }
    return s;
  }

  private static List<Allocation> running(StateSnapshot s, String job) {
    return s.allocsByJob("default", job).stream().filter(a -> a.desiredStatus().equals("run")).toList();
  }

  @Test
  void aSystemJobRunsOnEveryNodeFollowsNewNodesAndLeavesDownOnes() throws Exception {
    try (CaravanServer server = CaravanServer.builder(ServerConfig.builder().numSchedulers(2).build()).start()) {
      for (var n : Nodes.mocks(3)) {
        server.registerNode(n);
      }
      JobWriteResult r = server.registerJob(Jobs.mock("sys", 1).toBuilder().type("system").build());
      StateSnapshot placed = awaitState(server, s -> running(s, "sys").size() == 3
          && s.evalById(r.evalId()).orElseThrow().status().equals(EvalStatus.COMPLETE));
      assertThat(running(placed, "sys")).extracting(Allocation::nodeID)
          .containsExactlyInAnyOrder("node-000", "node-001", "node-002");

      server.registerNode(Nodes.mock("node-003"));
      awaitState(server, s -> running(s, "sys").stream().anyMatch(a -> a.nodeID().equals("node-003")));

      server.updateNodeStatus("node-001", NodeStatus.DOWN);
      StateSnapshot after = awaitState(server, s -> running(s, "sys").stream().noneMatch(a -> a.nodeID().equals("node-001")));
      assertThat(running(after, "sys")).extracting(Allocation::nodeID)
          .containsExactlyInAnyOrder("node-000", "node-002", "node-003");
      assertThat(after.allocsByNode("node-001")).allSatisfy(a -> assertThat(a.desiredStatus()).isEqualTo("stop"));
    }
  }

  @Test
  void aSystemJobRunsOnEveryClientOfARaftClusterAndSurvivesALeaderKill() {
    try (CaravanCluster cluster = CaravanCluster.builder().servers(3).clients(3, "mock_driver").seed(3)
        .config(TestConfigs.smallSnapshotsBuilder().numSchedulers(2).build()).start()) {
      cluster.registerJob(ClusterWithClientsFailoverTest.mockJob("agent", 1).toBuilder().type("system").build());
      List<Allocation> before = cluster.awaitRunning("default", "agent", 3, Duration.ofSeconds(20));
      assertThat(before).extracting(Allocation::nodeID)
          .containsExactlyInAnyOrderElementsOf(cluster.clientNodes().stream().map(n -> n.id()).toList());
      cluster.killLeader();
      CaravanServer next = cluster.awaitLeader(Duration.ofSeconds(20));
      assertThat(next.allocationsOfJob("default", "agent")).extracting(Allocation::id)
          .containsExactlyInAnyOrderElementsOf(before.stream().map(Allocation::id).toList());
      assertThat(next.allocationsOfJob("default", "agent")).allSatisfy(a -> assertThat(a.clientStatus()).isEqualTo("running"));
    }
  }
}
