package io.caravan.state.testing;

import io.caravan.state.config.ServerConfig;

/** Server configurations for in-process cluster tests. */
public final class TestConfigs {
  private TestConfigs() {}

  /** Defaults with small snapshot threshold and purge gap, so lagging servers are sent snapshots. */
  public static ServerConfig smallSnapshots() {
    return ServerConfig.builder().snapshotThreshold(200).purgeGap(50)
        .set("raft.segment_size_max", "64K").set("raft.group_commit.max_bytes", "32K")
        .set("raft.request_timeout", "2s").build();
  }
}
