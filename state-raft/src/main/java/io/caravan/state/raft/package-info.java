/**
 * Replication of a deterministic state machine with Apache Ratis: {@link io.caravan.state.raft.ReplicatedFsm}
 * is what the application supplies, {@link io.caravan.state.raft.RaftNode} runs one server and
 * {@link io.caravan.state.raft.ReplicatedLog} submits commands (with group commit) and linearizable reads.
 */
package io.caravan.state.raft;
