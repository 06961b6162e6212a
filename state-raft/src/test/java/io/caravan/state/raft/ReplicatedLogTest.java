package io.caravan.state.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caravan.state.cluster.LocalRaftCluster;
import io.caravan.state.testing.KvFsm;
import io.caravan.state.testing.TestConfigs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Replication through one shared 3-server in-process cluster. */
class ReplicatedLogTest {
  private static LocalRaftCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = LocalRaftCluster.start(3, TestConfigs.smallSnapshots(), KvFsm::new);
    cluster.awaitLeader(Duration.ofSeconds(20));
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  private static String get(String key) throws Exception {
    return KvFsm.text(cluster.log().query(KvFsm.get(key)).get(10, TimeUnit.SECONDS));
  }

  @Test
  void committedWriteIsReadBackAndReachesEveryServer() throws Exception {
    byte[] previous = cluster.log().submit(KvFsm.put("rl-a", "1")).get(10, TimeUnit.SECONDS);
    assertThat(KvFsm.text(previous)).isEmpty();
    assertThat(get("rl-a")).isEqualTo("1");
    cluster.awaitConverged(Duration.ofSeconds(10));
    for (RaftNode n : cluster.runningServers()) {
      assertThat(KvFsm.text(n.queryLocal(KvFsm.get("rl-a")))).as(n.id()).isEqualTo("1");
    }
  }

  @Test
  void rejectedCommandFailsOnlyItsOwnFuture() throws Exception {
    cluster.log().submit(KvFsm.put("rl-cas", "x")).get(10, TimeUnit.SECONDS);
    CompletableFuture<byte[]> bad = cluster.log().submit(KvFsm.cas("rl-cas", "wrong", "y"));
    CompletableFuture<byte[]> good = cluster.log().submit(KvFsm.cas("rl-cas", "x", "z"));
    assertThat(KvFsm.text(good.get(10, TimeUnit.SECONDS))).isEqualTo("x");
    assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(FsmCommandException.class)
        .hasMessageContaining("expected 'wrong' but was 'x'");
    assertThat(get("rl-cas")).isEqualTo("z");
  }

  @Test
  void concurrentWritesArePackedIntoFewRaftEntries() throws Exception {
    long entriesBefore = cluster.log().entriesSent();
    long commandsBefore = cluster.log().commandsSent();
    List<CompletableFuture<byte[]>> futures = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      futures.add(cluster.log().submit(KvFsm.put("gc-" + i, Integer.toString(i))));
    }
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    long entries = cluster.log().entriesSent() - entriesBefore;
    long commands = cluster.log().commandsSent() - commandsBefore;
    assertThat(commands).isEqualTo(3000);
    assertThat(entries).as("raft entries for 3000 commands").isLessThan(300);
    assertThat(get("gc-2999")).isEqualTo("2999");
  }

  @Test
  void addedServerCatchesUpBySnapshotAndRemovedServerLeavesMembership() throws Exception {
    // one entry per write (each awaited), 2 KB each, so snapshots are taken and closed log segments purged
    String pad = "x".repeat(2048);
    for (int i = 0; i < 600; i++) {
      cluster.log().submit(KvFsm.put("mem-" + i, "v" + i + pad)).get(10, TimeUnit.SECONDS);
    }
    RaftNode added = cluster.addServer();
    cluster.awaitConverged(Duration.ofSeconds(20));
    assertThat(KvFsm.text(added.queryLocal(KvFsm.get("mem-599")))).isEqualTo("v599" + pad);
    assertThat(added.snapshotsLoaded()).as("snapshot installed on the new server").isPositive();
    RaftNode leader = cluster.awaitLeader(Duration.ofSeconds(10));
    assertThat(leader.members()).contains(added.id()).hasSize(4);

    cluster.removeServer(added.id());
    LocalRaftCluster.awaitCondition(() -> cluster.awaitLeader(Duration.ofSeconds(10)).members().size() == 3,
        Duration.ofSeconds(10), "membership did not shrink");
    assertThat(cluster.awaitLeader(Duration.ofSeconds(10)).members()).doesNotContain(added.id());
    cluster.log().submit(KvFsm.put("after-remove", "ok")).get(10, TimeUnit.SECONDS);
    assertThat(get("after-remove")).isEqualTo("ok");
  }
}
