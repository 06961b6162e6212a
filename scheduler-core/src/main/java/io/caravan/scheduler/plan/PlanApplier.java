package io.caravan.scheduler.plan;

import io.caravan.model.cluster.AllocStatus;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Deployment;
import io.caravan.model.cluster.DeploymentState;
import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.NodeStatus;
import io.caravan.model.cluster.Plan;
import io.caravan.model.cluster.PlanResult;
import io.caravan.scheduler.plan.internal.AllocsFit;
import io.caravan.scheduler.resources.AllocUsage;
import io.caravan.scheduler.snapshot.ClusterSnapshot;
import io.caravan.scheduler.snapshot.NodeAllocTotals;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Re-checks a plan against the latest cluster state before it is committed, as Nomad's plan
 * applier does ({@code evaluatePlan} / {@code evaluateNodePlan}): schedulers plan optimistically on
 * snapshots that may be stale, so every node the plan touches is checked again.
 *
 * <ul>
 *   <li>A node with only stops is accepted.
 *   <li>A missing node is rejected; a disconnected node accepts only updates marking allocations
 *       {@code unknown}, a down node only updates marking them lost and stopped; any other status
 *       but ready is rejected.
 *   <li>If every allocation the plan puts on the node already runs there (in-place updates), it is
 *       accepted even when the node is ineligible; otherwise an ineligible or draining node is rejected.
 *   <li>Otherwise the node's non-terminal allocations, minus the plan's stops, preemptions and
 *       updated allocations, plus the plan's allocations must fit ({@code AllocsFit}: cpu,
 *       cores, memory, disk, ports, devices, max allocations).
 * </ul>
 *
 * <p>Accepted nodes are copied into the result (preemptions of allocations already terminal are
 * dropped); rejected nodes are left out, so a plan commits partially, and then the result carries
 * {@code RefreshIndex} (the snapshot's index) so the scheduler retries on fresher state, and
 * the deployment's placed-canary lists lose the canaries that were rejected. An
 * {@code AllAtOnce} plan commits nothing once any node is rejected. The applier writes nothing:
 * the caller commits the result and sets {@code AllocIndex}. Stateless apart from the optional
 * {@link RejectionTracker}; safe to share.
 */
public final class PlanApplier {
  private final @Nullable RejectionTracker rejectionTracker;

  /** An applier without bad-node tracking ({@code IneligibleNodes} stays empty), Nomad's default. */
  public PlanApplier() {
    this(null);
  }

  /** An applier that lists nodes the tracker flags as bad in {@code IneligibleNodes}. */
  public PlanApplier(@Nullable RejectionTracker rejectionTracker) {
    this.rejectionTracker = rejectionTracker;
  }

  /**
   * Decides what of {@code plan} to commit on top of {@code snapshot}.
   *
   * @throws IllegalStateException when something must be refreshed but the snapshot's index is 0
   */
  public PlanEvaluation evaluate(ClusterSnapshot snapshot, Plan plan) {
    Set<String> nodeIds = new TreeSet<>();
    nodeIds.addAll(orEmpty(plan.nodeUpdate()).keySet());
    nodeIds.addAll(orEmpty(plan.nodeAllocation()).keySet());

    Map<String, List<Allocation>> updates = new LinkedHashMap<>();
    Map<String, List<Allocation>> placements = new LinkedHashMap<>();
    Map<String, List<Allocation>> preemptions = new LinkedHashMap<>();
    Map<String, String> reasons = new LinkedHashMap<>();
    List<String> ineligible = new ArrayList<>();
    boolean allAtOnceFailed = false;

    for (String nodeId : nodeIds) {
      String reason = rejectionReason(snapshot, plan, nodeId);
      if (reason != null) {
        reasons.put(nodeId, reason);
        if (rejectionTracker != null && rejectionTracker.recordRejection(nodeId)) {
          ineligible.add(nodeId);
        }
        if (plan.allAtOnce()) {
          allAtOnceFailed = true;
          break;
        }
        continue;
      }
      List<Allocation> stops = orEmpty(plan.nodeUpdate()).get(nodeId);
      if (stops != null && !stops.isEmpty()) {
        updates.put(nodeId, stops);
      }
      List<Allocation> placed = orEmpty(plan.nodeAllocation()).get(nodeId);
      if (placed != null && !placed.isEmpty()) {
        placements.put(nodeId, placed);
      }
      List<Allocation> preempted = livePreemptions(snapshot, orEmpty(plan.nodePreemptions()).get(nodeId));
      if (!preempted.isEmpty()) {
        preemptions.put(nodeId, preempted);
      }
    }

    Deployment deployment = plan.deployment();
    List<io.caravan.model.cluster.DeploymentStatusUpdate> deploymentUpdates = plan.deploymentUpdates();
    long refreshIndex = 0;
    if (!reasons.isEmpty()) {
      refreshIndex = snapshot.latestIndex();
      if (refreshIndex == 0) {
        throw new IllegalStateException("plan of evaluation " + plan.evalID()
            + " was only partly accepted but the snapshot has index 0 to refresh to");
      }
      if (allAtOnceFailed) {
        updates.clear();
        placements.clear();
        preemptions.clear();
        deployment = null;
        deploymentUpdates = null;
      } else {
        deployment = dropRejectedCanaries(deployment, plan, placements);
      }
    }
    PlanResult result = new PlanResult(updates, placements, preemptions, deployment, deploymentUpdates,
        List.copyOf(reasons.keySet()), ineligible, refreshIndex, 0);
    return new PlanEvaluation(result, reasons);
  }

  /** Nomad's {@code evaluateNodePlan}: {@code null} when the node's part of the plan may commit. */
  private static @Nullable String rejectionReason(ClusterSnapshot snapshot, Plan plan, String nodeId) {
    List<Allocation> placed = orEmpty(plan.nodeAllocation()).getOrDefault(nodeId, List.of());
    if (placed.isEmpty()) {
      return null; // stops and evictions always fit
    }
    Optional<Node> found = snapshot.nodeById(nodeId);
    if (found.isEmpty()) {
      return "node does not exist";
    }
    Node node = found.get();
    switch (node.status()) {
      case NodeStatus.DISCONNECTED -> {
        return placed.stream().allMatch(a -> AllocStatus.CLIENT_UNKNOWN.equals(a.clientStatus()))
            ? null : "node is disconnected and contains invalid updates";
      }
      case NodeStatus.DOWN -> {
        return placed.stream().allMatch(a -> AllocStatus.CLIENT_LOST.equals(a.clientStatus())
            && AllocStatus.DESIRED_STOP.equals(a.desiredStatus()))
            ? null : "node is not ready for placements";
      }
      case NodeStatus.READY -> { }
      default -> {
        return "node is not ready for placements";
      }
    }
    String fromTotals = rejectionFromTotals(snapshot, plan, nodeId, node, placed);
    if (fromTotals != UNDECIDED) {
      return fromTotals;
    }
    List<Allocation> existing = new ArrayList<>();
    Set<String> existingIds = new HashSet<>();
    for (Allocation a : snapshot.allocsByNode(nodeId)) {
      if (!a.terminal()) {
        existing.add(a);
        existingIds.add(a.id());
      }
    }
    if (placed.stream().allMatch(a -> existingIds.contains(a.id()))) {
      return null; // only in-place updates: allowed even on an ineligible node
    }
    if (!NodeStatus.ELIGIBLE.equals(node.schedulingEligibility()) || node.drainStrategy() != null) {
      return "node is not eligible";
    }
    Set<String> removed = new HashSet<>();
    for (Map<String, List<Allocation>> m
        : List.of(orEmpty(plan.nodeUpdate()), orEmpty(plan.nodePreemptions()), orEmpty(plan.nodeAllocation()))) {
      for (Allocation a : m.getOrDefault(nodeId, List.of())) {
        removed.add(a.id());
      }
    }
    List<Allocation> proposed = new ArrayList<>(existing.size() + placed.size());
    for (Allocation a : existing) {
      if (!removed.contains(a.id())) {
        proposed.add(a);
      }
    }
    proposed.addAll(placed);
    return AllocsFit.check(node, proposed);
  }

  /** Marks that the node totals cannot decide (compared by identity). */
  @SuppressWarnings("StringOperationCanBeSimplified")
  private static final String UNDECIDED = new String("undecided");

  /**
   * {@link #rejectionReason}'s answer from the snapshot's totals of the node's live allocations,
   * without listing them; {@link #UNDECIDED} when the snapshot keeps no totals or ports, reserved
   * cores or devices are involved (then only an allocation-by-allocation check can tell).
   */
  private static @Nullable String rejectionFromTotals(ClusterSnapshot snapshot, Plan plan, String nodeId, Node node,
      List<Allocation> placed) {
    NodeAllocTotals base = snapshot.liveAllocTotals(nodeId);
    if (base == null || !base.simple()) {
      return UNDECIDED;
    }
    boolean onlyInPlace = true;
    for (Allocation a : placed) {
      if (liveOn(snapshot, a.id(), nodeId) == null) {
        onlyInPlace = false;
        break;
      }
    }
    if (onlyInPlace) {
      return null; // only in-place updates: allowed even on an ineligible node
    }
    if (!NodeStatus.ELIGIBLE.equals(node.schedulingEligibility()) || node.drainStrategy() != null) {
      return "node is not eligible";
    }
    int live = base.count();
    long cpu = base.cpu();
    long mem = base.memoryMB();
    long disk = base.diskMB();
    Set<String> removed = new HashSet<>();
    for (Map<String, List<Allocation>> m
        : List.of(orEmpty(plan.nodeUpdate()), orEmpty(plan.nodePreemptions()), orEmpty(plan.nodeAllocation()))) {
      for (Allocation a : m.getOrDefault(nodeId, List.of())) {
        Allocation existing = removed.add(a.id()) ? liveOn(snapshot, a.id(), nodeId) : null;
        if (existing != null) {
          AllocUsage u = AllocUsage.of(existing, 0);
          live--;
          cpu -= u.cpu();
          mem -= u.memoryMB();
          disk -= u.diskMB();
        }
      }
    }
    for (Allocation a : placed) {
      if (a.clientTerminal()) {
        continue;
      }
      AllocUsage u = AllocUsage.of(a, 0);
      if (!u.cores().isEmpty() || u.ports().length > 0 || !u.devices().isEmpty()) {
        return UNDECIDED;
      }
      live++;
      cpu += u.cpu();
      mem += u.memoryMB();
      disk += u.diskMB();
    }
    return AllocsFit.checkTotals(node, live, cpu, mem, disk);
  }

  /** The snapshot's allocation {@code id} when it is on {@code nodeId} and not terminal, else {@code null}. */
  private static @Nullable Allocation liveOn(ClusterSnapshot snapshot, String id, String nodeId) {
    Allocation a = snapshot.allocById(id).orElse(null);
    return a != null && !a.terminal() && nodeId.equals(a.nodeID()) ? a : null;
  }

  /** The plan's preemptions whose allocations still exist and are not terminal. */
  private static List<Allocation> livePreemptions(ClusterSnapshot snapshot, @Nullable List<Allocation> preempted) {
    if (preempted == null || preempted.isEmpty()) {
      return List.of();
    }
    List<Allocation> out = new ArrayList<>(preempted.size());
    for (Allocation p : preempted) {
      Optional<Allocation> current = snapshot.allocById(p.id());
      if (current.isPresent() && !current.get().terminal()) {
        out.add(p);
      }
    }
    return out;
  }

  /**
   * The deployment without the placed canaries this plan tried to place on rejected nodes
   * (Nomad's {@code correctDeploymentCanaries}; canaries placed by earlier plans are kept).
   */
  private static @Nullable Deployment dropRejectedCanaries(@Nullable Deployment d, Plan plan,
      Map<String, List<Allocation>> accepted) {
    if (d == null || d.taskGroups() == null) {
      return d;
    }
    Set<String> rejected = new HashSet<>();
    orEmpty(plan.nodeAllocation()).forEach((node, list) -> {
      if (!accepted.containsKey(node)) {
        list.forEach(a -> rejected.add(a.id()));
      }
    });
    boolean changed = false;
    Map<String, DeploymentState> groups = new TreeMap<>();
    for (Map.Entry<String, DeploymentState> e : d.taskGroups().entrySet()) {
      DeploymentState s = e.getValue();
      if (s.placedCanaries() != null && s.placedCanaries().stream().anyMatch(rejected::contains)) {
        List<String> kept = s.placedCanaries().stream().filter(id -> !rejected.contains(id)).toList();
        s = new DeploymentState(kept, s.autoRevert(), s.autoPromote(), s.progressDeadline(),
            s.requireProgressBy(), s.promoted(), s.desiredCanaries(), s.desiredTotal(), s.placedAllocs(),
            s.healthyAllocs(), s.unhealthyAllocs());
        changed = true;
      }
      groups.put(e.getKey(), s);
    }
    return changed ? d.toBuilder().taskGroups(groups).build() : d;
  }

  private static Map<String, List<Allocation>> orEmpty(@Nullable Map<String, List<Allocation>> m) {
    return m == null ? Map.of() : m;
  }
}
