package io.caravan.state.server.internal;

import com.google.common.collect.ImmutableList;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Node;
import io.caravan.runtime.transport.AllocStatusUpdate;
import io.caravan.runtime.transport.AllocationUpdates;
import io.caravan.runtime.transport.HeartbeatResponse;
import io.caravan.runtime.transport.Transport;
import io.caravan.runtime.transport.TransportException;
import io.caravan.state.raft.FsmCommandException;
import io.caravan.state.raft.ReplicationException;
import io.caravan.state.server.CaravanServer;
import io.caravan.state.server.NotLeaderException;
import io.caravan.state.store.StateSnapshot;
import io.caravan.state.store.UnknownObjectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The client {@link Transport} served by Caravan servers in this JVM: every call goes to the current
 * leader (found again after a failover), allocations are watched with blocking reads on the node's
 * allocation index, and client reports become FSM writes.
 */
public final class ServerTransport implements Transport {
  private static final Duration LEADER_WAIT = Duration.ofSeconds(15);
  private final Function<Duration, CaravanServer> leader;

  /**
   * @param leader returns the current leader, waiting up to the given time for one, or throws
   *     {@link NotLeaderException} when none appears
   */
  public ServerTransport(Function<Duration, CaravanServer> leader) {
    this.leader = leader;
  }

  private interface Call<T> {
    T run(CaravanServer server) throws InterruptedException;
  }

  private <T> T onLeader(String what, Call<T> call) throws InterruptedException {
    long deadline = System.nanoTime() + LEADER_WAIT.toNanos();
    while (true) {
      try {
        return call.run(leader.apply(Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))));
      } catch (NotLeaderException | ReplicationException e) {
        if (System.nanoTime() - deadline > 0) {
          throw new TransportException(what + ": no leader reachable: " + e.getMessage(), e);
        }
        Thread.sleep(20);
      } catch (UnknownObjectException e) {
        throw new TransportException(what + ": " + e.getMessage(), true);
      } catch (FsmCommandException | IllegalArgumentException e) {
        throw new TransportException(what + " rejected: " + e.getMessage(), e);
      }
    }
  }

  private <T> T onLeaderUninterruptibly(String what, Call<T> call) {
    try {
      return onLeader(what, call);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException(what + ": interrupted", e);
    }
  }

  @Override
  public HeartbeatResponse register(Node node) {
    return new HeartbeatResponse(onLeaderUninterruptibly("register node " + node.id(), s -> s.registerNode(node)));
  }

  @Override
  public HeartbeatResponse heartbeat(String nodeId, String status) {
    return new HeartbeatResponse(onLeaderUninterruptibly("heartbeat of node " + nodeId,
        s -> s.heartbeat(nodeId, status)));
  }

  /** The highest modify index among a node's allocations (0 with none). */
  static long nodeAllocIndex(StateSnapshot s, String nodeId) {
    long max = 0;
    for (Allocation a : s.allocsByNode(nodeId)) {
      max = Math.max(max, a.modifyIndex());
    }
    return max;
  }

  @Override
  public AllocationUpdates pullAllocations(String nodeId, long minIndex, Duration maxWait) throws InterruptedException {
    long deadline = System.nanoTime() + maxWait.toNanos();
    return onLeader("pull allocations of node " + nodeId, server -> {
      StateSnapshot s = server.snapshot();
      if (s.nodeById(nodeId).isEmpty()) {
        throw new UnknownObjectException("node", nodeId);
      }
      while (nodeAllocIndex(s, nodeId) <= minIndex) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        s = server.awaitIndex(s.latestIndex(), Duration.ofNanos(left));
      }
      return new AllocationUpdates(nodeAllocIndex(s, nodeId), ImmutableList.copyOf(s.allocsByNode(nodeId)));
    });
  }

  @Override
  public void updateAllocations(String nodeId, List<AllocStatusUpdate> updates) {
    onLeaderUninterruptibly("update allocations of node " + nodeId, server -> {
      List<Allocation> patches = new ArrayList<>();
      for (AllocStatusUpdate u : updates) {
        patches.add(server.clientUpdate(u.allocId(), u.clientStatus(), u.clientDescription(), u.taskStates(),
            u.deploymentHealthy()));
      }
      return server.updateAllocations(patches);
    });
  }
}
