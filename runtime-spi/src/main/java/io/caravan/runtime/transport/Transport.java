package io.caravan.runtime.transport;

import io.caravan.model.cluster.Node;
import java.time.Duration;
import java.util.List;

/**
 * What a client node needs from the servers. Implementations may be in-process, or talk to a
 * remote server; every method may throw {@link TransportException} when the server is unreachable.
 */
public interface Transport {

  /** Registers (or re-registers) a node; returns the TTL within which it must heartbeat. */
  HeartbeatResponse register(Node node);

  /**
   * Renews the node's liveness and reports its status ({@code ready}, {@code initializing}, …).
   *
   * @return the TTL within which the next heartbeat is due
   * @throws TransportException with {@link TransportException#unknownNode()} if the server does not
   *     know the node (the client must register again)
   */
  HeartbeatResponse heartbeat(String nodeId, String status);

  /**
   * Returns the allocations assigned to a node once the server's allocation index for that node is
   * above {@code minIndex}, blocking up to {@code maxWait}; returns the current (possibly
   * unchanged) state when the wait ends.
   */
  AllocationUpdates pullAllocations(String nodeId, long minIndex, Duration maxWait)
      throws InterruptedException;

  /** Pushes client-side status (client status, task states, deployment health) of allocations. */
  void updateAllocations(String nodeId, List<AllocStatusUpdate> updates);
}
