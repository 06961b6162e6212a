package io.caravan.state.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.state.cluster.LocalRaftCluster;
import io.caravan.state.testing.KvFsm;
import io.caravan.state.testing.TestConfigs;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A single-server cluster restarted on its directory keeps its state. */
class RaftNodeRecoveryTest {

  @Test
  void restartOnSameDirectoryRecoversStateFromSnapshotAndLog() throws Exception {
    try (LocalRaftCluster cluster = LocalRaftCluster.start(1, TestConfigs.smallSnapshots(), KvFsm::new)) {
      RaftNode node = cluster.awaitLeader(Duration.ofSeconds(20));
      for (int i = 0; i < 60; i++) {
        cluster.log().submit(KvFsm.put("k" + i, "v" + i)).get(10, TimeUnit.SECONDS);
      }
      long snapshotIndex = node.takeSnapshot();
      assertThat(snapshotIndex).isPositive();
      for (int i = 60; i < 80; i++) { // these are recovered from the log, on top of the snapshot
        cluster.log().submit(KvFsm.put("k" + i, "v" + i)).get(10, TimeUnit.SECONDS);
      }
      String before = node.stateDigest();
      cluster.killServer(node.id()).join();
      RaftNode restarted = cluster.restartServer(node.id());
      assertThat(restarted.recovered()).isTrue();
      cluster.awaitLeader(Duration.ofSeconds(20));
      cluster.awaitConverged(Duration.ofSeconds(10));
      assertThat(restarted.snapshotsLoaded()).as("loaded the snapshot on start-up").isPositive();
      assertThat(restarted.stateDigest()).isEqualTo(before);
      assertThat(KvFsm.text(cluster.log().query(KvFsm.get("k79")).get(10, TimeUnit.SECONDS))).isEqualTo("v79");
      assertThat(KvFsm.text(restarted.queryLocal(KvFsm.get("k42")))).isEqualTo("v42");
    }
  }
}
