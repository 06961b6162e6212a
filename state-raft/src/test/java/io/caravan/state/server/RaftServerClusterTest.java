package io.caravan.state.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caravan.model.cluster.NodeStatus;
import io.caravan.scheduler.testing.Jobs;
import io.caravan.scheduler.testing.Nodes;
import io.caravan.state.raft.RaftNode;
import io.caravan.state.testing.TestConfigs;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Three Caravan servers as Raft peers: writes through any server, one leader, failover and restart. */
@Timeout(60)
class RaftServerClusterTest {

  @Test
  void writesGoThroughAnyServerAndAFailoverKeepsStateAndLeadership() {
    try (CaravanCluster cluster = CaravanCluster.builder().servers(3)
        .config(TestConfigs.smallSnapshotsBuilder().numSchedulers(0).build()).seed(5).start()) {
      CaravanServer leader = cluster.awaitLeader(Duration.ofSeconds(20));
      assertThat(cluster.servers().stream().filter(CaravanServer::isLeader)).hasSize(1);
      CaravanServer follower = cluster.servers().stream().filter(s -> !s.isLeader()).findFirst().orElseThrow();

      // node calls are leader-only; job writes are forwarded to the leader from any server
      assertThatThrownBy(() -> follower.registerNode(Nodes.mock("n1"))).isInstanceOf(NotLeaderException.class)
          .hasMessageContaining(leader.name());
      leader.registerNode(Nodes.mock("n1"));
      JobWriteResult r = follower.registerJob(Jobs.mock("web", 2));
      assertThat(follower.snapshot().latestIndex()).isGreaterThanOrEqualTo(r.index());
      assertThat(follower.job("default", "web")).isPresent();

      String killed = cluster.killLeader();
      CaravanServer next = cluster.awaitLeader(Duration.ofSeconds(20));
      assertThat(next.name()).isNotEqualTo(killed);
      // the new leader restored from state: the node is still ready, its timer armed at the failover TTL
      assertThat(next.snapshot().nodeById("n1").orElseThrow().status()).isEqualTo(NodeStatus.READY);
      assertThat(next.heartbeat("n1", NodeStatus.READY)).isPositive();
      JobWriteResult after = next.registerJob(Jobs.mock("api", 1));

      CaravanServer back = cluster.restartServer(killed);
      assertThat(back.raftNode().orElseThrow().recovered()).isTrue();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (back.snapshot().latestIndex() < after.index() && System.nanoTime() < deadline) {
        try {
          back.awaitIndex(back.snapshot().latestIndex(), Duration.ofMillis(200));
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
      }
      assertThat(back.job("default", "api")).isPresent();
      assertThat(back.job("default", "web")).isPresent();
      List<String> digests = cluster.servers().stream()
          .map(s -> {
            RaftNode n = s.raftNode().orElseThrow();
            return n.stateDigest();
          }).distinct().toList();
      assertThat(cluster.servers()).hasSize(3);
      assertThat(digests).hasSize(1);
    }
  }
}
