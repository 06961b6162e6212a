package io.caravan.scheduler.reconcile;

import io.caravan.model.cluster.AllocStatus;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.NodeStatus;
import io.caravan.model.job.Job;
import io.caravan.model.job.TaskGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The reconciler of system and sysbatch jobs (Nomad's {@code NodeReconciler.Compute}): every
 * eligible node should run one allocation per required name {@code <job.Name>.<group>[i]},
 * {@code i < Count}. A pure function of its inputs; nodes are visited in ID order.
 *
 * <p>Each live (non-terminal) allocation is classified, first match wins:
 * <ol>
 *   <li>its name is no longer required (group removed, count lowered, job stopped) → stop;
 *   <li>{@code DesiredTransition.Migrate} (the drainer asked) → migrate;
 *   <li>client status {@code unknown}, desired {@code run}, and the group supports disconnected
 *       clients → lost when its node is down or gone (standing in for Nomad's expiry after
 *       {@code lost_after}, which needs the allocation's client-status history), else ignore
 *       (waiting to reconnect);
 *   <li>on a tainted node: a sysbatch allocation that finished successfully → ignore; running on a
 *       disconnected node with disconnect support → disconnecting; the node is down or gone →
 *       lost; otherwise (draining) → ignore;
 *   <li>on a node that is in the pool but not ready (ineligible, draining, initializing): stop if
 *       the job changed, else ignore;
 *   <li>on a node no longer targeted (outside the job's datacenters or pool) → stop;
 *   <li>the job's {@code JobModifyIndex} differs from the allocation's → update;
 *   <li>otherwise → ignore.
 * </ol>
 * Then, for each required name missing on a node: a sysbatch job with a terminal allocation of
 * that name on the node is not re-run unless the job changed (then it is an update of the terminal
 * allocation, which the scheduler re-runs only if the change is destructive); tainted or
 * non-eligible nodes get nothing; otherwise → place (remembering the latest terminal allocation
 * of that name on the node as the predecessor).
 *
 * <p>Not modelled yet: canaries and deployments of system jobs, and the reconnect of allocations
 * whose client came back (both need data the model does not carry yet: system deployments, the
 * allocation's client-status history).
 */
public final class NodeReconciler {
  private NodeReconciler() {}

  /**
   * Reconciles {@code job} ({@code null} or stopped: everything is stopped) with its allocations.
   *
   * @param readyNodes the ready, eligible nodes in the job's pool and datacenters
   * @param notReadyNodeIds nodes in the job's pool that are not ready (ineligible, draining, not ready)
   * @param tainted tainted nodes under the job's allocations ({@link NodeTaints#of})
   * @param allocs all the job's allocations, terminal ones included
   */
  public static NodeReconcileResult compute(@Nullable Job job, List<Node> readyNodes, Set<String> notReadyNodeIds,
      Map<String, Optional<Node>> tainted, List<Allocation> allocs) {
    Map<String, TaskGroup> required = required(job);
    Map<String, Node> eligible = new HashMap<>();
    TreeMap<String, List<Allocation>> liveByNode = new TreeMap<>();
    for (Node n : readyNodes) {
      eligible.put(n.id(), n);
      liveByNode.put(n.id(), new ArrayList<>());
    }
    Map<String, Allocation> terminalByNodeName = new HashMap<>();
    for (Allocation a : allocs) {
      if (a.terminal()) {
        terminalByNodeName.merge(a.nodeID() + "\u0000" + a.name(), a,
            (x, y) -> NEWEST.compare(x, y) >= 0 ? x : y);
      } else {
        liveByNode.computeIfAbsent(a.nodeID(), k -> new ArrayList<>()).add(a);
      }
    }
    boolean sysbatch = job != null && "sysbatch".equals(job.type());
    Long jobModifyIndex = job == null ? null : job.jobModifyIndex();
    List<NodeAllocTuple> place = new ArrayList<>();
    List<NodeAllocTuple> update = new ArrayList<>();
    List<NodeAllocTuple> migrate = new ArrayList<>();
    List<NodeAllocTuple> stop = new ArrayList<>();
    List<NodeAllocTuple> ignore = new ArrayList<>();
    List<NodeAllocTuple> lost = new ArrayList<>();
    List<NodeAllocTuple> disconnecting = new ArrayList<>();
    for (Map.Entry<String, List<Allocation>> e : liveByNode.entrySet()) {
      String nodeId = e.getKey();
      List<Allocation> live = e.getValue();
      live.sort(Comparator.comparing(Allocation::name).thenComparing(Allocation::id));
      Set<String> existing = new TreeSet<>();
      for (Allocation a : live) {
        String name = a.name();
        existing.add(name);
        TaskGroup tg = required.get(name);
        NodeAllocTuple t = new NodeAllocTuple(name, nodeId, tg, a);
        if (tg == null) {
          stop.add(t);
          continue;
        }
        boolean disconnectSupport = supportsDisconnectedClients(tg);
        if (a.desiredTransition() != null && Boolean.TRUE.equals(a.desiredTransition().migrate())) {
          migrate.add(t);
          continue;
        }
        if (disconnectSupport && AllocStatus.CLIENT_UNKNOWN.equals(a.clientStatus())
            && AllocStatus.DESIRED_RUN.equals(a.desiredStatus())) {
          boolean expired = tainted.containsKey(nodeId) && NodeTaints.isLostNode(tainted.get(nodeId));
          (expired ? lost : ignore).add(t);
          continue;
        }
        if (tainted.containsKey(nodeId)) {
          Optional<Node> node = tainted.get(nodeId);
          if (sysbatch && ranSuccessfully(a)) {
            ignore.add(t);
          } else if (node.isPresent() && disconnectSupport && NodeStatus.DISCONNECTED.equals(node.get().status())
              && AllocStatus.CLIENT_RUNNING.equals(a.clientStatus())) {
            disconnecting.add(t);
          } else if (NodeTaints.isLostNode(node)) {
            lost.add(t);
          } else {
            ignore.add(t);
          }
          continue;
        }
        boolean changed = !Objects.equals(jobModifyIndex, a.job() == null ? null : a.job().jobModifyIndex());
        if (notReadyNodeIds.contains(nodeId)) {
          (changed ? stop : ignore).add(t);
          continue;
        }
        if (!eligible.containsKey(nodeId)) {
          stop.add(t);
          continue;
        }
        (changed ? update : ignore).add(t);
      }
      for (Map.Entry<String, TaskGroup> r : required.entrySet()) {
        String name = r.getKey();
        if (existing.contains(name)) {
          continue;
        }
        Allocation term = terminalByNodeName.get(nodeId + "\u0000" + name);
        if (sysbatch && term != null) {
          boolean changed = !Objects.equals(jobModifyIndex, term.job() == null ? null : term.job().jobModifyIndex());
          (changed ? update : ignore).add(new NodeAllocTuple(name, nodeId, r.getValue(), term));
          continue;
        }
        if (tainted.containsKey(nodeId) || !eligible.containsKey(nodeId)) {
          continue;
        }
        place.add(new NodeAllocTuple(name, nodeId, r.getValue(), term));
      }
    }
    return new NodeReconcileResult(place, update, migrate, stop, ignore, lost, disconnecting);
  }

  /** Required names → group: {@code <job.Name>.<group>[i]} for {@code i < Count}; none for a missing or stopped job. */
  public static Map<String, TaskGroup> required(@Nullable Job job) {
    Map<String, TaskGroup> out = new LinkedHashMap<>();
    if (job == null || Boolean.TRUE.equals(job.stop())) {
      return out;
    }
    String jobName = job.name() == null || job.name().isEmpty() ? job.id() : job.name();
    for (TaskGroup tg : job.taskGroupsOrEmpty()) {
      int count = tg.count() == null ? 1 : tg.count();
      for (int i = 0; i < count; i++) {
        out.put(jobName + "." + tg.name() + "[" + i + "]", tg);
      }
    }
    return out;
  }

  /** Newest first: by create index, then modify index, then ID. */
  private static final Comparator<Allocation> NEWEST = Comparator.comparingLong(Allocation::createIndex)
      .thenComparingLong(Allocation::modifyIndex).thenComparing(Allocation::id);

  private static boolean supportsDisconnectedClients(TaskGroup tg) {
    if (tg.maxClientDisconnect() != null) {
      return true;
    }
    Duration lostAfter = tg.disconnect() == null ? null : tg.disconnect().lostAfter();
    return lostAfter != null && lostAfter.compareTo(Duration.ZERO) > 0;
  }

  /**
   * Nomad's {@code RanSuccessfully}: every task is dead and did not fail; without task states
   * (allocations reported without them), a {@code complete} client status counts.
   */
  static boolean ranSuccessfully(Allocation a) {
    if (a.taskStates() == null || a.taskStates().isEmpty()) {
      return AllocStatus.CLIENT_COMPLETE.equals(a.clientStatus());
    }
    return a.taskStates().values().stream().allMatch(s -> "dead".equals(s.state()) && !s.failed());
  }
}
