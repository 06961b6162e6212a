package io.caravan.state.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.NodeStatus;
import io.caravan.model.job.Job;
import io.caravan.model.job.Resources;
import io.caravan.model.job.Task;
import io.caravan.model.job.TaskGroup;
import io.caravan.state.testing.TestConfigs;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three servers (scheduler-core's built-in schedulers) and three clients running the mock driver in
 * this JVM: a service job's allocations run on the clients; killing the leader keeps them (same
 * allocations, still running, nodes still ready); a job registered after the failover is placed and
 * runs; the killed server restarts and catches up.
 */
@Timeout(90)
class ClusterWithClientsFailoverTest {

  static Job mockJob(String id, int count) {
    return Job.builder().id(id).namespace("default").type("service").priority(50).datacenters(List.of("dc1"))
        .taskGroups(List.of(TaskGroup.builder().name("g").count(count)
            .task(Task.builder().name("t").driver("mock_driver")
                .resources(Resources.builder().cpu(100).memoryMB(64).build()).build()).build()))
        .build();
  }

  private static Set<String> ids(List<Allocation> allocs) {
    return allocs.stream().map(Allocation::id).collect(Collectors.toSet());
  }

  @Test
  void killingTheLeaderKeepsRunningAllocationsAndANewJobIsPlacedAfterwards() {
    try (CaravanCluster cluster = CaravanCluster.builder().servers(3).clients(3, "mock_driver").seed(11)
        .config(TestConfigs.smallSnapshotsBuilder().numSchedulers(2).build()).start()) {
      cluster.registerJob(mockJob("web", 4));
      Set<String> web = ids(cluster.awaitRunning("default", "web", 4, Duration.ofSeconds(20)));

      String killed = cluster.killLeader();
      CaravanServer next = cluster.awaitLeader(Duration.ofSeconds(20));
      assertThat(next.name()).isNotEqualTo(killed);

      cluster.registerJob(mockJob("api", 2));
      List<Allocation> api = cluster.awaitRunning("default", "api", 2, Duration.ofSeconds(20));
      assertThat(api).hasSize(2);

      CaravanServer leader = cluster.awaitLeader(Duration.ofSeconds(20));
      List<Allocation> webAfter = leader.allocationsOfJob("default", "web");
      assertThat(ids(webAfter)).isEqualTo(web);
      assertThat(webAfter).allSatisfy(a -> {
        assertThat(a.desiredStatus()).isEqualTo("run");
        assertThat(a.clientStatus()).isEqualTo("running");
      });
      assertThat(leader.nodes()).hasSize(3).allSatisfy(n -> assertThat(n.status()).isEqualTo(NodeStatus.READY));
      for (var agent : cluster.clients()) {
        webAfter.forEach(a -> {
          if (cluster.clientNodes().get(cluster.clients().indexOf(agent)).id().equals(a.nodeID())) {
            assertThat(agent.runner(a.id())).as("runner of " + a.id()).isPresent();
          }
        });
      }

      CaravanServer back = cluster.restartServer(killed);
      long index = leader.snapshot().latestIndex();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (back.snapshot().latestIndex() < index && System.nanoTime() < deadline) {
        try {
          back.awaitIndex(back.snapshot().latestIndex(), Duration.ofMillis(200));
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
      }
      assertThat(back.allocationsOfJob("default", "api")).hasSize(2);
    }
  }
}
