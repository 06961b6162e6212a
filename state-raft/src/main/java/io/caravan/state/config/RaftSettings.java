package io.caravan.state.config;

import java.time.Duration;

/**
 * Settings of the Raft layer: transport, election timeouts and the leader lease, snapshots, log purge,
 * client retry, group commit.
 */
public record RaftSettings(
    Transport transport,
    String group,
    Duration electionTimeoutMin,
    Duration electionTimeoutMax,
    Duration firstElectionTimeoutMin,
    Duration firstElectionTimeoutMax,
    boolean leaderLeaseEnabled,
    double leaderLeaseTimeoutRatio,
    Duration requestTimeout,
    long snapshotThreshold,
    int purgeGap,
    long segmentSizeMax,
    int clientRetries,
    Duration clientRetrySleep,
    GroupCommitSettings groupCommit) {
  public RaftSettings {
    if (electionTimeoutMin.isNegative() || electionTimeoutMin.isZero()) {
      throw new ConfigValueException("caravan.server.raft.election_timeout_min", "must be positive");
    }
    if (electionTimeoutMax.compareTo(electionTimeoutMin) <= 0) {
      throw new ConfigValueException("caravan.server.raft.election_timeout_max",
          "must be greater than election_timeout_min (" + electionTimeoutMin.toMillis() + " ms)");
    }
    if (firstElectionTimeoutMin.isNegative() || firstElectionTimeoutMin.isZero()) {
      throw new ConfigValueException("caravan.server.raft.first_election_timeout_min", "must be positive");
    }
    if (firstElectionTimeoutMax.compareTo(firstElectionTimeoutMin) <= 0) {
      throw new ConfigValueException("caravan.server.raft.first_election_timeout_max",
          "must be greater than first_election_timeout_min (" + firstElectionTimeoutMin.toMillis() + " ms)");
    }
    if (!(leaderLeaseTimeoutRatio > 0 && leaderLeaseTimeoutRatio <= 1)) {
      throw new ConfigValueException("caravan.server.raft.leader_lease.timeout_ratio",
          "must be greater than 0 and at most 1, got " + leaderLeaseTimeoutRatio);
    }
    if (snapshotThreshold < 1) {
      throw new ConfigValueException("caravan.server.raft.snapshot_threshold", "must be at least 1");
    }
    if (purgeGap < 1) {
      throw new ConfigValueException("caravan.server.raft.purge_gap", "must be at least 1");
    }
    if (group.isBlank()) {
      throw new ConfigValueException("caravan.server.raft.group", "must not be blank");
    }
  }
}
