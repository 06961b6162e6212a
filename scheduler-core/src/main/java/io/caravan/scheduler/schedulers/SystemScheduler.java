package io.caravan.scheduler.schedulers;

import com.google.common.collect.ImmutableMap;
import io.caravan.model.cluster.AllocMetric;
import io.caravan.model.cluster.AllocStatus;
import io.caravan.model.cluster.AllocatedResources;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.NodeStatus;
import io.caravan.model.job.Job;
import io.caravan.model.job.TaskGroup;
import io.caravan.model.job.UpdateStrategy;
import io.caravan.scheduler.placement.GroupRequest;
import io.caravan.scheduler.placement.Placement;
import io.caravan.scheduler.placement.PlacementEngine;
import io.caravan.scheduler.placement.PlacementFailure;
import io.caravan.scheduler.placement.PlacementRequest;
import io.caravan.scheduler.placement.PlacementResult;
import io.caravan.scheduler.reconcile.NodeAllocTuple;
import io.caravan.scheduler.reconcile.NodeReconcileResult;
import io.caravan.scheduler.reconcile.NodeReconciler;
import io.caravan.scheduler.reconcile.NodeTaints;
import io.caravan.scheduler.snapshot.ClusterSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The scheduler of {@code system} and {@code sysbatch} jobs (Nomad's {@code SystemScheduler}):
 * one allocation per eligible node, on the shared {@link EvalProcessor} loop (5 attempts for
 * system, 2 for sysbatch; no blocked evaluation for plan conflicts).
 *
 * <p>One attempt:
 * <ol>
 *   <li>Ready nodes in the job's pool and datacenters, the pool's not-ready nodes, and the tainted
 *       nodes under the job's allocations; allocations on down or missing nodes that the servers
 *       already stopped but the client still reports running are marked lost.
 *   <li>{@link NodeReconciler} decides place / update / migrate / stop / ignore / lost /
 *       disconnecting. Stops, migrations ("alloc not needed as node is tainted") and lost
 *       allocations are stopped; disconnecting ones are marked {@code unknown}.
 *   <li>Updates: a destructive change ({@link DestructiveChangeCheck}) is destructive; a terminal
 *       allocation with an in-place change stays as it is (a finished sysbatch allocation is not
 *       re-run); otherwise the allocation is tried in place on its node with its own resources
 *       released: a fit updates it in place (ports kept), no fit makes it destructive.
 *   <li>Destructive updates are stopped and placed again, at most {@code max_parallel} per group
 *       (group's update block, else the job's; 0 = all); when that limits them, one
 *       {@code rolling-update} evaluation waiting {@code min_healthy_time} is created (older
 *       Nomad's behaviour; Nomad 2 drives this with system deployments, not modelled here).
 *   <li>Each placement runs the {@link PlacementEngine} over the plan-applied snapshot restricted
 *       to its one node (preemption per the configuration's setting for the job type). A node
 *       filtered by constraints only lowers the group's queued count; if no placement of a group
 *       was possible anywhere and none of its allocations exist, the merged filter metrics are the
 *       group's failed metrics. A node without capacity records the group's failed metrics (later
 *       failures coalesce) and, the first time, a blocked evaluation for that node.
 * </ol>
 *
 * <p>Not modelled: system deployments and canaries, reconnecting allocations. Allocation IDs are
 * drawn per node from seeds derived from the evaluation, so a run is reproducible.
 */
public final class SystemScheduler implements Scheduler {
  /** Description of a stop because the job no longer wants the allocation. */
  public static final String ALLOC_NOT_NEEDED = "alloc not needed due to job update";
  /** Description of a stop because the allocation's node is draining or tainted. */
  public static final String ALLOC_NODE_TAINTED = "alloc not needed as node is tainted";
  /** Description of a stop because the allocation's node is down. */
  public static final String ALLOC_LOST = "alloc is lost since its node is down";
  /** Description of a stop for a destructive update. */
  public static final String ALLOC_UPDATING = "alloc is being updated due to job update";
  /** Client description of an allocation on a disconnected node. */
  public static final String ALLOC_UNKNOWN = "alloc is unknown since its node is disconnected";

  private final SchedulerContext context;
  private final DestructiveChangeCheck destructiveCheck;
  private final EvalProcessor processor;
  private final boolean sysbatch;

  /**
   * A system scheduler ({@code sysbatch} false) or sysbatch scheduler, deciding in-place versus
   * destructive updates with {@code destructiveCheck}.
   */
  public SystemScheduler(SchedulerContext context, boolean sysbatch, DestructiveChangeCheck destructiveCheck) {
    this.context = context;
    this.sysbatch = sysbatch;
    this.destructiveCheck = destructiveCheck;
    this.processor = new EvalProcessor(context, sysbatch ? SchedulerPolicy.sysbatch() : SchedulerPolicy.system());
  }

  @Override
  public void process(Evaluation eval) {
    processor.process(eval, this::attempt);
  }

  private void attempt(SchedulingAttempt attempt) {
    new Attempt(attempt).run();
  }

  /** One attempt's working state. */
  private final class Attempt {
    private final SchedulingAttempt at;
    private final PlanBuilder plan;
    private final ClusterSnapshot snapshot;
    private final @Nullable Job job;
    private final List<Node> ready = new ArrayList<>();
    private final Set<String> notReady = new HashSet<>();
    private final Map<String, Integer> byDc = new TreeMap<>();
    private final Map<String, Node> readyById = new HashMap<>();
    private final ProposedSnapshot proposed;
    /** Whether a distinct_property constraint needs the job's allocations on other nodes. */
    private final boolean distinctProperty;

    Attempt(SchedulingAttempt at) {
      this.at = at;
      this.plan = at.plan();
      this.snapshot = at.snapshot();
      this.job = at.job().filter(j -> !Boolean.TRUE.equals(j.stop())).orElse(null);
      this.proposed = new ProposedSnapshot(snapshot, plan);
      this.distinctProperty = job != null && hasDistinctProperty(job);
    }

    void run() {
      if (job != null) {
        findNodes(job);
      }
      Evaluation eval = at.eval();
      String ns = eval.namespace().isEmpty() ? "default" : eval.namespace();
      List<Allocation> allocs = snapshot.allocsByJob(ns, eval.jobID());
      Map<String, Optional<Node>> tainted = NodeTaints.of(snapshot, allocs);
      markLost(allocs, tainted);
      NodeReconcileResult r = NodeReconciler.compute(job, ready, notReady, tainted, allocs);
      for (NodeAllocTuple t : r.stop()) {
        plan.stop(t.alloc(), ALLOC_NOT_NEEDED);
      }
      for (NodeAllocTuple t : r.migrate()) {
        plan.stop(t.alloc(), ALLOC_NODE_TAINTED);
      }
      for (NodeAllocTuple t : r.lost()) {
        plan.stop(t.alloc(), ALLOC_LOST, AllocStatus.CLIENT_LOST, null);
      }
      for (NodeAllocTuple t : r.disconnecting()) {
        plan.appendAlloc(t.alloc().toBuilder().clientStatus(AllocStatus.CLIENT_UNKNOWN)
            .clientDescription(ALLOC_UNKNOWN).build());
      }
      Set<String> existsForGroup = new HashSet<>();
      List<NodeAllocTuple> destructive = new ArrayList<>();
      Map<String, Integer> inPlaceByGroup = new HashMap<>();
      for (NodeAllocTuple t : r.update()) {
        if (tryInPlace(t, destructive)) {
          existsForGroup.add(t.taskGroupName());
          inPlaceByGroup.merge(t.taskGroupName(), 1, Integer::sum);
        }
      }
      annotate(r, inPlaceByGroup, destructive);
      List<NodeAllocTuple> place = new ArrayList<>(r.place());
      evictAndPlace(destructive, place);
      for (NodeAllocTuple t : place) {
        at.queue(t.taskGroupName(), 1);
      }
      for (NodeAllocTuple t : r.ignore()) {
        existsForGroup.add(t.taskGroupName());
      }
      computePlacements(place, existsForGroup);
    }

    /** Nomad's {@code readyNodesInDCsAndPool}: ready nodes, not-ready nodes of the pool, ready counts per DC. */
    private void findNodes(Job j) {
      String pool = j.nodePool() == null ? "" : j.nodePool();
      List<String> dcs = j.datacentersOrEmpty().isEmpty() ? List.of("*") : j.datacentersOrEmpty();
      for (Node n : snapshot.nodesByPool(pool)) {
        if (!NodeStatus.READY.equals(n.status())) {
          notReady.add(n.id());
          continue;
        }
        if (!PlacementEngine.inAnyDc(n.datacenter(), dcs)) {
          continue;
        }
        if (!n.ready()) {
          notReady.add(n.id());
          continue;
        }
        ready.add(n);
        readyById.put(n.id(), n);
        byDc.merge(n.datacenter(), 1, Integer::sum);
      }
    }

    /**
     * Nomad's {@code updateNonTerminalAllocsToLost}: allocations on down or missing nodes that the
     * servers stopped or evicted while the client still reports them pending or running are lost.
     */
    private void markLost(List<Allocation> allocs, Map<String, Optional<Node>> tainted) {
      for (Allocation a : allocs) {
        Optional<Node> node = tainted.get(a.nodeID());
        if (node == null || !NodeTaints.isLostNode(node)) {
          continue;
        }
        boolean serverStopped = AllocStatus.DESIRED_STOP.equals(a.desiredStatus())
            || AllocStatus.DESIRED_EVICT.equals(a.desiredStatus());
        boolean clientLive = AllocStatus.CLIENT_RUNNING.equals(a.clientStatus())
            || AllocStatus.CLIENT_PENDING.equals(a.clientStatus());
        if (serverStopped && clientLive) {
          plan.stop(a, ALLOC_LOST, AllocStatus.CLIENT_LOST, null);
        }
      }
    }

    /**
     * Tries {@code t} in place; returns true when it is (or, being terminal, stays) in place, and
     * adds it to {@code destructive} otherwise.
     */
    private boolean tryInPlace(NodeAllocTuple t, List<NodeAllocTuple> destructive) {
      Allocation existing = t.alloc();
      if (job == null || t.taskGroup() == null || existing.job() == null
          || destructiveCheck.destructive(existing.job(), job, t.taskGroupName())) {
        destructive.add(t);
        return false;
      }
      if (existing.terminal()) {
        return true;
      }
      Node node = readyById.get(existing.nodeID());
      if (node == null) {
        destructive.add(t);
        return false;
      }
      plan.stop(existing, "alloc updating in-place");
      PlacementResult res = placeOn(node, t.taskGroupName(), t.name());
      plan.removeStop(existing);
      if (res.placements().isEmpty()) {
        destructive.add(t);
        return false;
      }
      Placement p = res.placements().get(0);
      AllocatedResources old = existing.allocatedResources();
      AllocatedResources resources = old == null ? p.resources()
          : new AllocatedResources(p.resources().tasks(), old.taskLifecycles(), old.shared());
      plan.appendAlloc(existing.toBuilder().evalID(at.eval().id()).job(job).allocatedResources(resources)
          .metrics(p.metrics()).modifyTime(at.nowNanos()).build());
      return true;
    }

    private void annotate(NodeReconcileResult r, Map<String, Integer> inPlace, List<NodeAllocTuple> destructive) {
      r.place().forEach(t -> plan.changes(t.taskGroupName()).place(1));
      r.stop().forEach(t -> plan.changes(t.taskGroupName()).stop(1));
      r.ignore().forEach(t -> plan.changes(t.taskGroupName()).ignore(1));
      r.migrate().forEach(t -> plan.changes(t.taskGroupName()).migrate(1));
      inPlace.forEach((tg, n) -> plan.changes(tg).inPlaceUpdate(n));
      destructive.forEach(t -> plan.changes(t.taskGroupName()).destructiveUpdate(1));
    }

    /** Stops and re-places destructive updates up to each group's {@code max_parallel}. */
    private void evictAndPlace(List<NodeAllocTuple> destructive, List<NodeAllocTuple> place) {
      if (destructive.isEmpty() || job == null) {
        return;
      }
      Map<String, Integer> limits = new HashMap<>();
      int jobLimit = destructive.size();
      UpdateStrategy ju = job.update();
      if (ju != null && ju.maxParallel() != null && ju.maxParallel() > 0) {
        jobLimit = ju.maxParallel();
      }
      for (TaskGroup tg : job.taskGroupsOrEmpty()) {
        UpdateStrategy u = tg.update();
        limits.put(tg.name(), u != null && u.maxParallel() != null && u.maxParallel() > 0 ? u.maxParallel() : jobLimit);
      }
      boolean limited = false;
      for (NodeAllocTuple t : destructive) {
        int left = limits.getOrDefault(t.taskGroupName(), 0);
        if (left <= 0) {
          limited = true;
          continue;
        }
        if (!t.alloc().terminal()) {
          plan.stop(t.alloc(), ALLOC_UPDATING);
        }
        place.add(t);
        limits.put(t.taskGroupName(), left - 1);
      }
      if (limited) {
        Duration wait = ju == null || ju.minHealthyTime() == null ? Duration.ZERO : ju.minHealthyTime();
        at.requestRollingFollowUp(wait);
      }
    }

    private void computePlacements(List<NodeAllocTuple> place, Set<String> existsForGroup) {
      Map<String, AllocMetric> filtered = new LinkedHashMap<>();
      for (NodeAllocTuple t : place) {
        Node node = readyById.get(t.nodeId());
        if (node == null) {
          continue;
        }
        String tg = t.taskGroupName();
        PlacementResult res = placeOn(node, tg, t.name());
        if (!res.placements().isEmpty()) {
          Placement p = res.placements().get(0);
          Allocation previous = t.alloc();
          PlacementDetails details = previous == null ? PlacementDetails.NONE : PlacementDetails.NONE.replacing(previous.id());
          plan.place(withPoolMetrics(p), details);
          continue;
        }
        PlacementFailure f = res.failures().get(tg);
        AllocMetric metric = f == null ? emptyMetric() : f.metrics();
        if (metric.nodesFiltered() > 0) {
          at.queue(tg, -1);
          filtered.merge(tg, metric, SystemScheduler::mergeFiltered);
          int queued = at.queuedAllocations().getOrDefault(tg, 0);
          if (queued <= 0 && !existsForGroup.contains(tg)) {
            at.replaceFailure(tg, poolMetrics(filtered.get(tg)));
          }
          continue;
        }
        TaskGroup group = t.taskGroup();
        if (at.hasFailed(tg)) {
          AllocMetric first = at.failedTgAllocs().get(tg);
          at.replaceFailure(tg, exhaustResources(withCoalesced(first, first.coalescedFailures() + 1), group));
          continue;
        }
        at.recordFailure(tg, exhaustResources(poolMetrics(metric), group));
        at.createBlockedEval(node);
      }
    }

    private PlacementResult placeOn(Node node, String taskGroup, String name) {
      PlacementRequest req = new PlacementRequest(job, at.ids().next(),
          List.of(new GroupRequest(taskGroup, List.of(name))), Set.of());
      return new PlacementEngine(proposed.restrictedTo(Set.of(node.id()), !distinctProperty), context.config()).place(req);
    }

    private Placement withPoolMetrics(Placement p) {
      return new Placement(p.allocId(), p.name(), p.taskGroup(), p.node(), p.score(), p.resources(),
          poolMetrics(p.metrics()), p.preemptedAllocIds());
    }

    /** The metric with Nomad's pool-wide fields: ready nodes per DC, nodes in pool, pool name. */
    private AllocMetric poolMetrics(AllocMetric m) {
      String pool = job.nodePool() == null || job.nodePool().isEmpty() ? "default" : job.nodePool();
      return new AllocMetric(m.nodesEvaluated(), m.nodesFiltered(), ready.size(), pool, ImmutableMap.copyOf(byDc),
          m.classFiltered(), m.constraintFiltered(), m.nodesExhausted(), m.classExhausted(),
          m.dimensionExhausted(), m.quotaExhausted(), m.resourcesExhausted(), m.scoreMetaData(),
          m.allocationTime(), m.coalescedFailures());
    }

    private AllocMetric emptyMetric() {
      return new AllocMetric(0, 0, 0, "", null, null, null, 0, null, null, null, null, null, Duration.ZERO, 0);
    }
  }

  private static boolean hasDistinctProperty(Job job) {
    if (job.constraintsOrEmpty().stream().anyMatch(c -> "distinct_property".equals(c.operand()))) {
      return true;
    }
    for (TaskGroup tg : job.taskGroupsOrEmpty()) {
      if (tg.constraintsOrEmpty().stream().anyMatch(c -> "distinct_property".equals(c.operand()))) {
        return true;
      }
    }
    return false;
  }

  private static AllocMetric withCoalesced(AllocMetric m, int coalesced) {
    return new AllocMetric(m.nodesEvaluated(), m.nodesFiltered(), m.nodesInPool(), m.nodePool(), m.nodesAvailable(),
        m.classFiltered(), m.constraintFiltered(), m.nodesExhausted(), m.classExhausted(), m.dimensionExhausted(),
        m.quotaExhausted(), m.resourcesExhausted(), m.scoreMetaData(), m.allocationTime(), coalesced);
  }

  /**
   * Nomad's {@code ExhaustResources}: when memory or cpu was the exhausted dimension, adds each
   * task's ask of it to {@code ResourcesExhausted[task]} ({@code MemoryMB}, {@code CPU}).
   */
  static AllocMetric exhaustResources(AllocMetric m, @Nullable TaskGroup tg) {
    Map<String, Integer> dims = m.dimensionExhausted();
    if (dims == null || tg == null) {
      return m;
    }
    boolean mem = dims.getOrDefault("memory", 0) > 0;
    boolean cpu = dims.getOrDefault("cpu", 0) > 0;
    Map<String, Object> out = new TreeMap<>();
    if (m.resourcesExhausted() != null) {
      out.putAll(m.resourcesExhausted());
    }
    for (io.caravan.model.job.Task task : tg.tasksOrEmpty()) {
      Map<String, Object> prev = asMap(out.get(task.name()));
      long memoryMb = ((Number) prev.getOrDefault("MemoryMB", 0)).longValue();
      long cpuMhz = ((Number) prev.getOrDefault("CPU", 0)).longValue();
      io.caravan.model.job.Resources r = task.resources();
      if (mem && r != null && r.memoryMB() != null) {
        memoryMb += r.memoryMB();
      }
      if (cpu && r != null && r.cpu() != null) {
        cpuMhz += r.cpu();
      }
      Map<String, Object> res = new TreeMap<>();
      res.put("CPU", cpuMhz);
      res.put("MemoryMB", memoryMb);
      out.put(task.name(), res);
    }
    return new AllocMetric(m.nodesEvaluated(), m.nodesFiltered(), m.nodesInPool(), m.nodePool(), m.nodesAvailable(),
        m.classFiltered(), m.constraintFiltered(), m.nodesExhausted(), m.classExhausted(), m.dimensionExhausted(),
        m.quotaExhausted(), out, m.scoreMetaData(), m.allocationTime(), m.coalescedFailures());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(@Nullable Object o) {
    return o instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  /** Nomad's {@code mergeNodeFiltered}: sums evaluated/filtered counts and the per-class and per-constraint maps. */
  static AllocMetric mergeFiltered(AllocMetric acc, AllocMetric cur) {
    return new AllocMetric(acc.nodesEvaluated() + cur.nodesEvaluated(), acc.nodesFiltered() + cur.nodesFiltered(),
        acc.nodesInPool(), acc.nodePool(), acc.nodesAvailable(), sum(acc.classFiltered(), cur.classFiltered()),
        sum(acc.constraintFiltered(), cur.constraintFiltered()), acc.nodesExhausted(), acc.classExhausted(),
        acc.dimensionExhausted(), acc.quotaExhausted(), acc.resourcesExhausted(), acc.scoreMetaData(),
        acc.allocationTime().plus(cur.allocationTime()), acc.coalescedFailures());
  }

  private static @Nullable Map<String, Integer> sum(@Nullable Map<String, Integer> a, @Nullable Map<String, Integer> b) {
    if (a == null && b == null) {
      return null;
    }
    Map<String, Integer> out = new TreeMap<>();
    if (a != null) {
      out.putAll(a);
    }
    if (b != null) {
      b.forEach((k, v) -> out.merge(k, v, Integer::sum));
    }
    return out;
  }
}
