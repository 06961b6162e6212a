package io.caravan.scheduler.reconcile;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.NodeStatus;
import io.caravan.scheduler.snapshot.ClusterSnapshot;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The tainted nodes among those holding a job's allocations (Nomad's {@code taintedNodes}): nodes
 * that are gone from the snapshot (empty value), down, disconnected or draining.
 */
public final class NodeTaints {
  private NodeTaints() {}

  /** Node ID → the node (empty when it no longer exists), for every tainted node under {@code allocs}. */
  public static Map<String, Optional<Node>> of(ClusterSnapshot snapshot, Collection<Allocation> allocs) {
    Map<String, Optional<Node>> out = new TreeMap<>();
    for (Allocation a : allocs) {
      if (out.containsKey(a.nodeID())) {
        continue;
      }
      Optional<Node> node = snapshot.nodeById(a.nodeID());
      if (node.isEmpty() || isTainted(node.get())) {
        out.put(a.nodeID(), node);
      }
    }
    return out;
  }

  /** True when {@code node} is down, disconnected or draining. */
  public static boolean isTainted(Node node) {
    return NodeStatus.DOWN.equals(node.status()) || NodeStatus.DISCONNECTED.equals(node.status())
        || node.drainStrategy() != null;
  }

  /** True when the node is gone or down: its allocations are lost (Nomad's {@code TerminalStatus}). */
  public static boolean isLostNode(Optional<Node> node) {
    return node.isEmpty() || NodeStatus.DOWN.equals(node.get().status());
  }
}
