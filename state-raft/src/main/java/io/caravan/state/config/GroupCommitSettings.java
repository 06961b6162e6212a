package io.caravan.state.config;

/** How small writes are packed into Raft entries (group commit). */
public record GroupCommitSettings(int maxBatch, long maxBytes, int maxInFlight) {
  public GroupCommitSettings {
    if (maxBatch < 1) {
      throw new ConfigValueException("caravan.server.raft.group_commit.max_batch", "must be at least 1, got " + maxBatch);
    }
    if (maxBytes < 1) {
      throw new ConfigValueException("caravan.server.raft.group_commit.max_bytes", "must be at least 1, got " + maxBytes);
    }
    if (maxInFlight < 1) {
      throw new ConfigValueException("caravan.server.raft.group_commit.max_in_flight", "must be at least 1, got " + maxInFlight);
    }
  }
}
