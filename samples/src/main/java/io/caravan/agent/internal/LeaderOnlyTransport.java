package io.caravan.agent.internal;

import io.caravan.model.cluster.Node;
import io.caravan.runtime.transport.AllocStatusUpdate;
import io.caravan.runtime.transport.AllocationUpdates;
import io.caravan.runtime.transport.HeartbeatResponse;
import io.caravan.runtime.transport.Transport;
import io.caravan.runtime.transport.TransportException;
import io.caravan.state.server.CaravanServer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The client transport an agent's server answers: served only while this server leads, failing at once
 * (naming the leader) on a follower so that a client moves on to another server. While no leader is
 * known yet (an election), it waits for one up to {@code electionWait}.
 */
public final class LeaderOnlyTransport implements Transport {
  private final CaravanServer server;
  private final Transport local;
  private final Supplier<Optional<String>> leaderAddress;
  private final Duration electionWait;

  public LeaderOnlyTransport(CaravanServer server, Supplier<Optional<String>> leaderAddress, Duration electionWait) {
    this.server = server;
    this.local = server.clientTransport();
    this.leaderAddress = leaderAddress;
    this.electionWait = electionWait;
  }

  private void requireLeader(String what) {
    long deadline = System.nanoTime() + electionWait.toNanos();
    while (!server.isLeader()) {
      Optional<String> leader = leaderAddress.get();
      if (leader.isPresent() && !leader.get().isEmpty() || System.nanoTime() - deadline > 0) {
        throw new TransportException(what + ": server " + server.name() + " is not the leader"
            + leader.map(l -> " (the leader is " + l + ")").orElse(" (no leader yet)"), (Throwable) null);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TransportException(what + ": interrupted", e);
      }
    }
  }

  @Override
  public HeartbeatResponse register(Node node) {
    requireLeader("register node " + node.id());
    return local.register(node);
  }

  @Override
  public HeartbeatResponse heartbeat(String nodeId, String status) {
    requireLeader("heartbeat of node " + nodeId);
    return local.heartbeat(nodeId, status);
  }

  @Override
  public AllocationUpdates pullAllocations(String nodeId, long minIndex, Duration maxWait) throws InterruptedException {
    requireLeader("pull allocations of node " + nodeId);
    return local.pullAllocations(nodeId, minIndex, maxWait);
  }

  @Override
  public void updateAllocations(String nodeId, List<AllocStatusUpdate> updates) {
    requireLeader("update allocations of node " + nodeId);
    local.updateAllocations(nodeId, updates);
  }
}
