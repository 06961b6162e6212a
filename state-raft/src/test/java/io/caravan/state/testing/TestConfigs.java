package io.caravan.state.testing;

import io.caravan.state.config.ServerConfig;
import java.time.Duration;

/** Server configurations for in-process cluster tests. */
public final class TestConfigs {
  private TestConfigs() {}

  /**
   * Small snapshot threshold, purge gap and log segments, so lagging servers are sent snapshots; and
   * short election timeouts (300-600 ms instead of the default 1-2 s), so the failover tests that use
   * these settings replace a killed leader quickly.
   */
  public static ServerConfig.Builder smallSnapshotsBuilder() {
    return ServerConfig.builder().snapshotThreshold(200).purgeGap(50)
        .electionTimeout(Duration.ofMillis(300), Duration.ofMillis(600))
        .set("raft.segment_size_max", "64K").set("raft.group_commit.max_bytes", "32K")
        .set("raft.request_timeout", "2s");
  }

  public static ServerConfig smallSnapshots() {
    return smallSnapshotsBuilder().build();
  }
}
