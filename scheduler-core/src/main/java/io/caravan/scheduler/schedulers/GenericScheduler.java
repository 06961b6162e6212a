package io.caravan.scheduler.schedulers;

import io.caravan.model.cluster.AllocMetric;
import io.caravan.model.cluster.AllocStatus;
import io.caravan.model.cluster.AllocatedResources;
import io.caravan.model.cluster.AllocatedSharedResources;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Deployment;
import io.caravan.model.cluster.DeploymentState;
import io.caravan.model.cluster.DeploymentStatusUpdate;
import io.caravan.model.cluster.DeploymentStatuses;
import io.caravan.model.cluster.DesiredUpdates;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.NodeStatus;
import io.caravan.model.cluster.RescheduleEvent;
import io.caravan.model.cluster.RescheduleTracker;
import io.caravan.model.job.EphemeralDisk;
import io.caravan.model.job.Job;
import io.caravan.model.job.TaskGroup;
import io.caravan.scheduler.placement.GroupRequest;
import io.caravan.scheduler.placement.Placement;
import io.caravan.scheduler.placement.PlacementEngine;
import io.caravan.scheduler.placement.PlacementFailure;
import io.caravan.scheduler.placement.PlacementRequest;
import io.caravan.scheduler.placement.PlacementResult;
import io.caravan.scheduler.reconcile.AllocPlacement;
import io.caravan.scheduler.reconcile.AllocState;
import io.caravan.scheduler.reconcile.AllocStateUpdate;
import io.caravan.scheduler.reconcile.AllocStop;
import io.caravan.scheduler.reconcile.ClusterReconciler;
import io.caravan.scheduler.reconcile.DestructiveUpdate;
import io.caravan.scheduler.reconcile.ReconcileInput;
import io.caravan.scheduler.reconcile.ReconcileResult;
import io.caravan.scheduler.reconcile.Reschedule;
import io.caravan.scheduler.reconcile.UpdateDecider;
import io.caravan.scheduler.reconcile.UpdateDecision;
import io.caravan.scheduler.snapshot.ClusterSnapshot;
import io.caravan.scheduler.snapshot.SchedulerConfiguration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Nomad's service and batch scheduler ({@code GenericScheduler}) on the shared
 * {@link EvalProcessor} loop. One attempt: read the job's allocations and tainted nodes from the
 * attempt's snapshot, mark allocations the servers stopped on down nodes lost, run the
 * {@link ClusterReconciler}, then write its decisions into the plan in Nomad's order (stops,
 * disconnect, reconnect, in-place and attribute updates, follow-up evaluations, deployment
 * changes) and place destructive replacements before new allocations through the
 * {@link PlacementEngine} on a {@link ProposedSnapshot} of the plan (so a replacement can use the
 * resources of the allocation it stops). Reschedules penalise their previous nodes; sticky or
 * migrating ephemeral disks prefer the previous node; non-canary placements during an unpromoted
 * canary deployment use the last promoted job version. Unplaced work is recorded as failed
 * task-group metrics, which the processor turns into a blocked evaluation.
 */
public final class GenericScheduler implements Scheduler {
  private final SchedulerContext context;
  private final boolean batch;
  private final EvalProcessor processor;

  /** A service ({@code batch=false}) or batch scheduler built with {@code context}. */
  public GenericScheduler(SchedulerContext context, boolean batch) {
    this.context = context;
    this.batch = batch;
    this.processor = new EvalProcessor(context, batch ? SchedulerPolicy.batch() : SchedulerPolicy.service());
  }

  @Override
  public void process(Evaluation eval) {
    processor.process(eval, this::attempt);
  }

  private void attempt(SchedulingAttempt attempt) {
    new Attempt(attempt).run();
  }

  /** The work of one attempt. */
  private final class Attempt {
    private final SchedulingAttempt attempt;
    private final ClusterSnapshot snapshot;
    private final PlanBuilder plan;
    private final Evaluation eval;
    private final @Nullable Job job;
    private final String namespace;
    private final String jobId;
    private @Nullable Deployment deployment;
    private final Map<String, AllocMetric> lastFailure = new HashMap<>();
    private int allocCounter;

    Attempt(SchedulingAttempt attempt) {
      this.attempt = attempt;
      this.snapshot = attempt.snapshot();
      this.plan = attempt.plan();
      this.eval = attempt.eval();
      this.job = attempt.job().orElse(null);
      this.namespace = eval.namespace().isEmpty() ? "default" : eval.namespace();
      this.jobId = eval.jobID();
    }

    void run() {
      List<Allocation> allocs = snapshot.allocsByJob(namespace, jobId);
      Map<String, Node> tainted = new LinkedHashMap<>();
      Set<String> gone = new LinkedHashSet<>();
      for (Allocation a : allocs) {
        if (tainted.containsKey(a.nodeID()) || gone.contains(a.nodeID())) {
          continue;
        }
        Optional<Node> n = snapshot.nodeById(a.nodeID());
        if (n.isEmpty()) {
          gone.add(a.nodeID());
        } else if (NodeStatus.DOWN.equals(n.get().status()) || NodeStatus.DISCONNECTED.equals(n.get().status())
            || n.get().drainStrategy() != null) {
          tainted.put(a.nodeID(), n.get());
        }
      }
      // Allocations the servers already stopped on down or missing nodes are lost to the client.
      for (Allocation a : allocs) {
        Node n = tainted.get(a.nodeID());
        boolean down = gone.contains(a.nodeID()) || (n != null && NodeStatus.DOWN.equals(n.status()));
        if (down && a.serverTerminal()
            && (AllocStatus.CLIENT_RUNNING.equals(a.clientStatus()) || AllocStatus.CLIENT_PENDING.equals(a.clientStatus()))) {
          plan.stop(a, ClusterReconciler.ALLOC_LOST, AllocStatus.CLIENT_LOST, null);
        }
      }
      if (!batch) {
        deployment = latestDeployment();
      }
      ReconcileResult r = ClusterReconciler.reconcile(ReconcileInput.builder(job, eval.id(), context.clock().instant())
          .allocations(allocs)
          .allocStates(reconnectHistory(allocs))
          .taintedNodes(tainted)
          .goneNodes(gone)
          .deployment(deployment)
          .evalPriority(eval.priority())
          .batch(batch)
          .updateDecider(new FitCheckingDecider(snapshot))
          .build());
      apply(r);
    }

    /**
     * Client status histories for allocations that carry no {@code AllocStates} (recorded before
     * the model kept them, or by a client that does not): inferred so that a reconnect is still
     * recognised. A running allocation the servers still want, which a live allocation replaced
     * ({@code PreviousAllocation}), can only have been replaced while its node was disconnected
     * (every other replacement stops its predecessor), so it went unknown at its last modify time
     * and is now reconnecting. Allocations with a recorded history are left to the reconciler.
     */
    private Map<String, List<AllocState>> reconnectHistory(List<Allocation> allocs) {
      Set<String> replaced = new LinkedHashSet<>();
      for (Allocation a : allocs) {
        if (!a.serverTerminal() && !a.previousAllocation().isEmpty()) {
          replaced.add(a.previousAllocation());
        }
      }
      Map<String, List<AllocState>> out = new LinkedHashMap<>();
      for (Allocation a : allocs) {
        if (replaced.contains(a.id()) && !a.serverTerminal() && AllocStatus.CLIENT_RUNNING.equals(a.clientStatus())
            && a.allocStatesOrEmpty().isEmpty()) {
          out.put(a.id(), List.of(AllocState.clientStatus(AllocStatus.CLIENT_UNKNOWN, Reschedule.fromNanos(a.modifyTime()))));
        }
      }
      return out;
    }

    private @Nullable Deployment latestDeployment() {
      Deployment latest = null;
      for (Deployment d : snapshot.deploymentsByJob(namespace, jobId)) {
        if (latest == null || d.createIndex() >= latest.createIndex()) {
          latest = d;
        }
      }
      return latest;
    }

    private void apply(ReconcileResult r) {
      for (AllocStop s : r.stop()) {
        plan.stop(s.alloc(), s.statusDescription(), s.clientStatus(), s.followupEvalId());
      }
      for (AllocStateUpdate u : r.disconnectUpdates()) {
        plan.appendAlloc(recorded(u).evalID(eval.id()).modifyTime(attempt.nowNanos()).build());
      }
      for (AllocStateUpdate u : r.reconnectUpdates()) {
        plan.appendAlloc(recorded(u).evalID(eval.id()).modifyTime(attempt.nowNanos()).build());
      }
      Deployment current = r.deployment() != null ? r.deployment() : activeDeployment(r);
      String deploymentId = current == null ? "" : current.id();
      for (Allocation updated : r.inplaceUpdates()) {
        plan.updateInPlace(updated, job, deploymentId);
      }
      for (Allocation a : r.attributeUpdates()) {
        plan.appendAlloc(a);
      }
      for (Evaluation f : r.allFollowupEvals()) {
        attempt.addFollowUp(f.toBuilder().createTime(attempt.nowNanos()).modifyTime(attempt.nowNanos()).build());
      }
      if (r.deployment() != null) {
        plan.createDeployment(r.deployment());
      }
      for (DeploymentStatusUpdate u : r.deploymentUpdates()) {
        plan.updateDeployment(u);
      }
      attempt.deploymentId(deploymentId);
      r.desiredTGUpdates().forEach(this::annotate);
      if (job == null || Boolean.TRUE.equals(job.stop())) {
        return;
      }
      List<Item> items = new ArrayList<>();
      for (DestructiveUpdate d : r.destructiveUpdates()) {
        items.add(new Item(new AllocPlacement(d.placeName(), d.taskGroup(), d.stopAlloc(), false, false, false,
            0, false, false), true, d.stopStatusDescription()));
      }
      for (AllocPlacement p : r.place()) {
        items.add(new Item(p, false, ""));
      }
      for (Item i : items) {
        attempt.queue(i.p.taskGroup(), 1);
      }
      place(items, current);
    }

    /** The updated allocation with the client status change appended to its {@code AllocStates}, as Nomad's {@code AppendState}. */
    private static Allocation.Builder recorded(AllocStateUpdate u) {
      List<io.caravan.model.cluster.AllocState> states = new ArrayList<>(u.alloc().allocStatesOrEmpty());
      states.add(u.appended().toModel());
      return u.alloc().toBuilder().allocStates(states);
    }

    /** The existing deployment still current after reconciling (not cancelled, not completed). */
    private @Nullable Deployment activeDeployment(ReconcileResult r) {
      if (deployment == null || job == null) {
        return null;
      }
      for (DeploymentStatusUpdate u : r.deploymentUpdates()) {
        if (u.deploymentID().equals(deployment.id())) {
          return null;
        }
      }
      boolean sameVersion = deployment.jobVersion() == orZero(job.version()) && deployment.jobCreateIndex() == orZero(job.createIndex());
      String status = deployment.status();
      boolean over = DeploymentStatuses.SUCCESSFUL.equals(status) || DeploymentStatuses.CANCELLED.equals(status)
          || DeploymentStatuses.FAILED.equals(status);
      return sameVersion && !over ? deployment : null;
    }

    private void annotate(String group, DesiredUpdates u) {
      DesiredChanges c = plan.changes(group);
      c.ignore(u.ignore()).place(u.place()).migrate(u.migrate()).stop(u.stop()).inPlaceUpdate(u.inPlaceUpdate())
          .destructiveUpdate(u.destructiveUpdate()).canary(u.canary()).reconnect(u.reconnect())
          .disconnect(u.disconnect()).rescheduleNow(u.rescheduleNow()).rescheduleLater(u.rescheduleLater());
    }

    /** One allocation to place; {@code destructive} replacements stop their old allocation first. */
    private record Item(AllocPlacement p, boolean destructive, String stopDescription) {}

    /** Where and how an item is placed: the job version, deployment, penalised and preferred nodes. */
    private record Target(Job job, String deploymentId, Set<String> penalties, @Nullable String preferredNode) {
      boolean batchable() {
        return penalties.isEmpty() && preferredNode == null;
      }
    }

    private void place(List<Item> items, @Nullable Deployment current) {
      PlacementEngine engine = new PlacementEngine(new ProposedSnapshot(snapshot, plan), context.config());
      int i = 0;
      while (i < items.size()) {
        Item first = items.get(i);
        Target target = target(first.p, current);
        List<Item> run = new ArrayList<>();
        run.add(first);
        int j = i + 1;
        if (target.batchable()) {
          while (j < items.size() && items.get(j).p.taskGroup().equals(first.p.taskGroup())
              && items.get(j).destructive == first.destructive && target.equals(target(items.get(j).p, current))) {
            run.add(items.get(j));
            j++;
          }
        }
        placeRun(engine, run, target);
        i = j;
      }
    }

    private Target target(AllocPlacement p, @Nullable Deployment current) {
      Job placeJob = job;
      String deploymentId = current == null ? "" : current.id();
      if (p.downgradeNonCanary() && !p.canary()) {
        Downgrade d = downgrade(p);
        if (d != null) {
          placeJob = d.job;
          deploymentId = d.deploymentId;
        }
      }
      Set<String> penalties = new LinkedHashSet<>();
      Allocation prev = p.previousAlloc();
      if (prev != null && p.reschedule()) {
        if (AllocStatus.CLIENT_FAILED.equals(prev.clientStatus())) {
          penalties.add(prev.nodeID());
        }
        RescheduleTracker t = prev.rescheduleTracker();
        if (t != null && t.events() != null) {
          for (RescheduleEvent e : t.events()) {
            if (!e.prevNodeID().isEmpty()) {
              penalties.add(e.prevNodeID());
            }
          }
        }
      }
      String preferred = null;
      if (prev != null) {
        TaskGroup tg = group(placeJob, p.taskGroup());
        EphemeralDisk disk = tg == null ? null : tg.ephemeralDisk();
        boolean keepsDisk = disk != null && (Boolean.TRUE.equals(disk.sticky()) || Boolean.TRUE.equals(disk.migrate()));
        Optional<Node> node = snapshot.nodeById(prev.nodeID());
        if (keepsDisk && node.isPresent() && node.get().ready()) {
          preferred = prev.nodeID();
        }
      }
      return new Target(placeJob, deploymentId, penalties, preferred);
    }

    private record Downgrade(Job job, String deploymentId) {}

    /** The last promoted (or canary-free) deployment's job version, else the minimum version if it had no update block. */
    private @Nullable Downgrade downgrade(AllocPlacement p) {
      List<Deployment> ds = new ArrayList<>(snapshot.deploymentsByJob(namespace, jobId));
      ds.sort((a, b) -> Long.compare(b.jobVersion(), a.jobVersion()));
      for (Deployment d : ds) {
        DeploymentState s = d.taskGroups() == null ? null : d.taskGroups().get(p.taskGroup());
        if (s != null && (s.promoted() || s.desiredCanaries() == 0)) {
          Optional<Job> j = snapshot.jobByIdAndVersion(namespace, jobId, d.jobVersion());
          return j.map(value -> new Downgrade(value, d.id())).orElse(null);
        }
      }
      Optional<Job> j = snapshot.jobByIdAndVersion(namespace, jobId, p.minJobVersion());
      if (j.isPresent()) {
        TaskGroup tg = group(j.get(), p.taskGroup());
        boolean noUpdate = tg == null || tg.update() == null || tg.update().maxParallel() == null || tg.update().maxParallel() == 0;
        if (noUpdate) {
          return new Downgrade(j.get(), "");
        }
      }
      return null;
    }

    private void placeRun(PlacementEngine engine, List<Item> run, Target target) {
      String group = run.get(0).p.taskGroup();
      if (attempt.hasFailed(group)) {
        for (Item item : run) {
          coalesce(group);
          undo(item);
        }
        return;
      }
      for (Item item : run) {
        if (item.destructive) {
          plan.stop(item.p.previousAlloc(), item.stopDescription);
        }
      }
      List<String> names = run.stream().map(it -> it.p.name()).toList();
      PlacementResult result = null;
      if (target.preferredNode() != null) {
        PlacementEngine preferred = new PlacementEngine(
            new ProposedSnapshot(snapshot, plan).restrictedTo(Set.of(target.preferredNode())), context.config());
        result = preferred.place(new PlacementRequest(target.job(), eval.id(), List.of(new GroupRequest(group, names)), Set.of()));
        if (!result.failures().isEmpty()) {
          result = null;
        }
      }
      if (result == null) {
        result = engine.place(new PlacementRequest(target.job(), eval.id(), List.of(new GroupRequest(group, names)), target.penalties()));
      }
      if (run.size() > 1 && run.get(0).destructive && result.placements().size() < run.size()) {
        // The batch used the resources of every stop it staged, but the stops of the items it
        // could not place are withdrawn again, which would overcommit their nodes. Redo the run
        // one destructive update at a time, as Nomad does (stop, select, pop the stop on failure).
        for (Item item : run) {
          plan.removeStop(item.p.previousAlloc());
        }
        for (Item item : run) {
          placeRun(engine, List.of(item), target);
        }
        return;
      }
      List<Item> pending = new ArrayList<>(run);
      for (Placement placement : result.placements()) {
        Item item = null;
        for (Item candidate : pending) {
          if (candidate.p.name().equals(placement.name())) {
            item = candidate;
            break;
          }
        }
        if (item == null) {
          throw new SchedulerException("eval " + eval.id() + ": the placement engine placed \"" + placement.name()
              + "\" which was not asked for");
        }
        pending.remove(item);
        commit(item, withFreshId(placement), target);
      }
      PlacementFailure failure = result.failures().get(group);
      if (!pending.isEmpty()) {
        if (failure != null) {
          attempt.recordFailure(group, failure.metrics());
          lastFailure.put(group, failure.metrics());
        }
        for (Item item : pending) {
          undo(item);
        }
      }
    }

    /**
     * The placement with an allocation ID of this scheduler's: a name-based UUID of the evaluation
     * ID, the snapshot index and a counter, so IDs are reproducible yet unique across evaluations
     * and attempts (the engine's IDs come from a per-call seed and would repeat across calls).
     */
    private Placement withFreshId(Placement p) {
      String id = UUID.nameUUIDFromBytes((eval.id() + "/" + snapshot.latestIndex() + "/alloc/" + allocCounter++)
          .getBytes(StandardCharsets.UTF_8)).toString();
      return new Placement(id, p.name(), p.taskGroup(), p.node(), p.score(), p.resources(), p.metrics(),
          p.preemptedAllocIds());
    }

    private void commit(Item item, Placement placement, Target target) {
      AllocPlacement p = item.p;
      Allocation prev = p.previousAlloc();
      PlacementDetails details = new PlacementDetails(target.deploymentId(), prev == null ? "" : prev.id(), null, p.canary());
      if (prev != null && p.reschedule()) {
        TaskGroup prevGroup = group(prev.job() != null ? prev.job() : job, prev.taskGroup());
        details = details.withRescheduleTracker(Reschedule.trackerForReplacement(prev,
            prevGroup == null ? null : prevGroup.reschedulePolicy(), context.clock().instant()));
      }
      Allocation alloc = plan.place(placement, details);
      if (target.job() != job) {
        plan.appendAlloc(alloc.toBuilder().job(target.job()).build());
      }
      Deployment created = plan.deployment();
      if (p.canary() && created != null && created.taskGroups() != null && created.taskGroups().containsKey(p.taskGroup())) {
        Map<String, DeploymentState> groups = new LinkedHashMap<>(created.taskGroups());
        DeploymentState s = groups.get(p.taskGroup());
        List<String> canaries = new ArrayList<>(s.placedCanaries() == null ? List.of() : s.placedCanaries());
        canaries.add(alloc.id());
        groups.put(p.taskGroup(), new DeploymentState(canaries, s.autoRevert(), s.autoPromote(), s.progressDeadline(),
            s.requireProgressBy(), s.promoted(), s.desiredCanaries(), s.desiredTotal(), s.placedAllocs(), s.healthyAllocs(),
            s.unhealthyAllocs()));
        plan.createDeployment(created.toBuilder().taskGroups(groups).build());
      }
    }

    /**
     * Backs out what an unplaced item queued: the stop of the allocation a destructive update or a
     * reschedule would have replaced (a migration still stops: the node is draining), and marks
     * the failed reschedule so the blocked evaluation retries it. The mark is an allocation update
     * on the failed allocation's node, which the plan applier rejects unless that node takes
     * placements (ready, eligible, not draining); on any other node it would take the node's stops
     * down with it on every retry, so it is left out there: the allocation stays desired-run and
     * failed, which keeps it a reschedule candidate without the mark.
     */
    private void undo(Item item) {
      Allocation prev = item.p.previousAlloc();
      if (prev == null) {
        return;
      }
      if (item.destructive || item.p.reschedule()) {
        plan.removeStop(prev);
      }
      if (item.p.reschedule() && snapshot.nodeById(prev.nodeID()).map(Node::ready).orElse(false)) {
        RescheduleTracker t = prev.rescheduleTracker();
        plan.appendAlloc(prev.toBuilder()
            .rescheduleTracker(new RescheduleTracker(t == null ? null : t.events(), Reschedule.LAST_RESCHEDULE_FAILED))
            .build());
      }
    }

    private void coalesce(String group) {
      AllocMetric m = lastFailure.get(group);
      if (m != null) {
        attempt.recordFailure(group, new AllocMetric(m.nodesEvaluated(), m.nodesFiltered(), m.nodesInPool(), m.nodePool(),
            m.nodesAvailable(), m.classFiltered(), m.constraintFiltered(), m.nodesExhausted(), m.classExhausted(),
            m.dimensionExhausted(), m.quotaExhausted(), m.resourcesExhausted(), m.scoreMetaData(), m.allocationTime(), 0));
      }
    }
  }

  /**
   * {@link UpdateDecider#BY_JOB_SPEC}, plus Nomad's node checks: an allocation whose node is gone,
   * not ready, or outside the job's datacenters or pool is replaced; otherwise the new group must
   * fit on its node with the allocation's own resources freed, keeping its ports and networks.
   */
  private final class FitCheckingDecider implements UpdateDecider {
    private final ClusterSnapshot snapshot;

    FitCheckingDecider(ClusterSnapshot snapshot) {
      this.snapshot = snapshot;
    }

    @Override
    public UpdateDecision decide(Allocation existing, Job existingJob, Job job, TaskGroup group) {
      UpdateDecision d = UpdateDecider.BY_JOB_SPEC.decide(existing, existingJob, job, group);
      if (!(d instanceof UpdateDecision.InPlace)) {
        return d;
      }
      Optional<Node> node = snapshot.nodeById(existing.nodeID());
      if (node.isEmpty() || !node.get().ready()) {
        return new UpdateDecision.Destructive("node " + existing.nodeID() + " is gone or not ready");
      }
      PlanBuilder scratch = new PlanBuilder(Evaluation.builder().id("in-place-" + existing.id()).build(), job, snapshot, 0);
      scratch.stop(existing, "in-place check");
      SchedulerConfiguration noPreemption = new SchedulerConfiguration(context.config().schedulerAlgorithm(),
          new io.caravan.scheduler.snapshot.PreemptionConfig(false, false, false, false),
          context.config().memoryOversubscriptionEnabled());
      PlacementResult fit = new PlacementEngine(new ProposedSnapshot(snapshot, scratch).restrictedTo(Set.of(existing.nodeID())),
          noPreemption).place(new PlacementRequest(job, existing.id(), List.of(new GroupRequest(group.name(), List.of(existing.name()))), Set.of()));
      if (fit.placements().isEmpty()) {
        return new UpdateDecision.Destructive("the updated group no longer fits on node " + existing.nodeID());
      }
      Placement p = fit.placements().get(0);
      AllocatedResources old = existing.allocatedResources();
      AllocatedResources fresh = p.resources();
      AllocatedSharedResources shared = fresh.shared();
      if (old != null && old.shared() != null) {
        shared = new AllocatedSharedResources(old.shared().networks(), fresh.shared() == null ? 0 : fresh.shared().diskMB(),
            old.shared().ports());
      }
      return new UpdateDecision.InPlace(existing.toBuilder().job(job)
          .allocatedResources(new AllocatedResources(fresh.tasks(), fresh.taskLifecycles(), shared))
          .metrics(p.metrics()).build());
    }
  }

  private static @Nullable TaskGroup group(@Nullable Job job, String name) {
    if (job == null) {
      return null;
    }
    for (TaskGroup g : job.taskGroupsOrEmpty()) {
      if (name.equals(g.name())) {
        return g;
      }
    }
    return null;
  }

  private static long orZero(@Nullable Long l) {
    return l == null ? 0 : l;
  }
}
