package io.caravan.scheduler.schedulers;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.caravan.model.cluster.AllocDeploymentStatus;
import io.caravan.model.cluster.AllocStatus;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Deployment;
import io.caravan.model.cluster.DeploymentStatusUpdate;
import io.caravan.model.cluster.DesiredUpdates;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.cluster.Plan;
import io.caravan.model.cluster.PlanAnnotations;
import io.caravan.model.job.Job;
import io.caravan.scheduler.placement.Placement;
import io.caravan.scheduler.snapshot.ClusterSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Collects one scheduling attempt's decisions and builds the core-model {@link Plan} (Nomad's
 * {@code Evaluation.MakePlan} plus {@code AppendStoppedAlloc}, {@code AppendAlloc},
 * {@code AppendPreemptedAlloc}, {@code PopUpdate} and the plan annotations).
 *
 * <ul>
 *   <li>{@link #stop} puts a copy with {@code DesiredStatus=stop} and a description (optionally a
 *       client status such as {@code lost} and a follow-up eval ID) in {@code NodeUpdate}.
 *   <li>{@link #place} turns a {@link Placement} into a full new {@link Allocation}
 *       ({@code DesiredStatus=run}, {@code ClientStatus=pending}) in {@code NodeAllocation}, and
 *       evicts the allocations the placement preempts ({@code NodePreemptions}).
 *   <li>{@link #updateInPlace} / {@link #appendAlloc} put an updated existing allocation (same ID) in
 *       {@code NodeAllocation}.
 *   <li>{@link #changes} tallies per-group {@link DesiredUpdates}; {@link #createDeployment} and
 *       {@link #updateDeployment} carry deployment changes.
 * </ul>
 *
 * <p>Unlike Nomad, which annotates only when the evaluation asks ({@code AnnotatePlan}), every
 * built plan carries its annotations (per-group desired updates and the preempted allocations), as
 * issue #5 asks. Maps are keyed by node ID in sorted order so plans are deterministic.
 * Not thread-safe; one builder per attempt.
 */
public final class PlanBuilder {
  private final Evaluation eval;
  private final @Nullable Job job;
  private final ClusterSnapshot snapshot;
  private final long nowNanos;
  // hashed while the plan is built (the scheduler asks per node ranked whether the plan touches it);
  // the plan gets them ordered by node ID
  private final Map<String, List<Allocation>> nodeUpdate = new HashMap<>();
  private final Map<String, List<Allocation>> nodeAllocation = new HashMap<>();
  private final Map<String, List<Allocation>> nodePreemptions = new HashMap<>();
  private final Map<String, DesiredChanges> changes = new LinkedHashMap<>();
  private final List<Allocation> preemptedAnnotations = new ArrayList<>();
  private final Set<String> newAllocIds = new LinkedHashSet<>();
  private final Map<String, Allocation> stopped = new LinkedHashMap<>();
  private final Map<String, Allocation> evicted = new LinkedHashMap<>();
  private final Map<String, Allocation> allocated = new LinkedHashMap<>();
  private @Nullable Deployment deployment;
  private final List<DeploymentStatusUpdate> deploymentUpdates = new ArrayList<>();

  /**
   * A builder for {@code eval}'s plan for {@code job} ({@code null} when the job no longer
   * exists). {@code snapshot} resolves preempted allocation IDs; {@code nowNanos} (Unix nanos from
   * the injected clock) stamps new allocations.
   */
  public PlanBuilder(Evaluation eval, @Nullable Job job, ClusterSnapshot snapshot, long nowNanos) {
    this.eval = Objects.requireNonNull(eval, "eval");
    this.job = job;
    this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
    this.nowNanos = nowNanos;
  }

  /** The evaluation this plan is for. */
  public Evaluation eval() {
    return eval;
  }

  /** The job the plan is for, or {@code null} when it no longer exists. */
  public @Nullable Job job() {
    return job;
  }

  /** Stops {@code alloc} with {@code description} (e.g. "alloc not needed due to job update"). */
  public Allocation stop(Allocation alloc, String description) {
    return stop(alloc, description, null, null);
  }

  /**
   * Stops {@code alloc}: a copy with {@code DesiredStatus=stop}, {@code DesiredDescription}, and,
   * when given, a new {@code ClientStatus} (e.g. {@code lost}) and {@code FollowupEvalID}.
   * Stopping the same allocation twice keeps the latest stop only.
   */
  public Allocation stop(Allocation alloc, String description, @Nullable String clientStatus,
      @Nullable String followupEvalId) {
    Allocation.Builder b = alloc.toBuilder()
        .desiredStatus(AllocStatus.DESIRED_STOP)
        .desiredDescription(description);
    if (clientStatus != null && !clientStatus.isEmpty()) {
      b.clientStatus(clientStatus);
    }
    if (followupEvalId != null && !followupEvalId.isEmpty()) {
      b.followupEvalID(followupEvalId);
    }
    Allocation stop = b.build();
    removeFrom(nodeUpdate, alloc.nodeID(), alloc.id());
    nodeUpdate.computeIfAbsent(alloc.nodeID(), k -> new ArrayList<>()).add(stop);
    stopped.put(alloc.id(), stop);
    return stop;
  }

  /**
   * Withdraws a queued stop of {@code alloc} (Nomad's {@code PopUpdate}), e.g. when the
   * replacement of a destructive update could not be placed. Returns whether a stop was removed.
   */
  public boolean removeStop(Allocation alloc) {
    if (stopped.remove(alloc.id()) == null) {
      return false;
    }
    removeFrom(nodeUpdate, alloc.nodeID(), alloc.id());
    return true;
  }

  /**
   * Adds a new allocation for {@code placement}: its ID, name, group, node and resources come from
   * the placement; job, eval, namespace from this plan; deployment, predecessor, reschedule
   * tracker and canary flag from {@code details}. Every allocation the placement preempts is
   * evicted ({@link #evict}) and counted in the group's {@code Preemptions}. Returns the new
   * allocation.
   *
   * @throws SchedulerException when the plan has no job, or a preempted allocation is not in the snapshot
   */
  public Allocation place(Placement placement, PlacementDetails details) {
    if (job == null) {
      throw new SchedulerException("eval " + eval.id() + ": cannot place allocations of job \""
          + eval.jobID() + "\" which no longer exists");
    }
    Allocation alloc = Allocation.builder()
        .id(placement.allocId())
        .namespace(namespace())
        .evalID(eval.id())
        .name(placement.name())
        .nodeID(placement.node().id())
        .nodeName(placement.node().name())
        .jobID(job.id() == null ? eval.jobID() : job.id())
        .job(job)
        .taskGroup(placement.taskGroup())
        .allocatedResources(placement.resources())
        .metrics(placement.metrics())
        .desiredStatus(AllocStatus.DESIRED_RUN)
        .clientStatus(AllocStatus.CLIENT_PENDING)
        .deploymentID(details.deploymentId())
        .deploymentStatus(details.canary() ? new AllocDeploymentStatus(null, null, true, 0) : null)
        .rescheduleTracker(details.rescheduleTracker())
        .previousAllocation(details.previousAllocationId())
        .preemptedAllocations(placement.preemptedAllocIds().isEmpty() ? null : placement.preemptedAllocIds())
        .createTime(nowNanos)
        .modifyTime(nowNanos)
        .build();
    appendAlloc(alloc);
    newAllocIds.add(alloc.id());
    for (String victimId : placement.preemptedAllocIds()) {
      Allocation victim = snapshot.allocById(victimId).orElseThrow(() -> new SchedulerException(
          "eval " + eval.id() + ": placement " + placement.allocId() + " preempts allocation "
              + victimId + " which is not in the snapshot"));
      evict(victim, alloc.id());
    }
    if (!placement.preemptedAllocIds().isEmpty()) {
      changes(placement.taskGroup()).preemptions(placement.preemptedAllocIds().size());
    }
    return alloc;
  }

  /**
   * Updates {@code existing} in place to {@code newJob}: same ID, node and resources, this
   * evaluation's ID, the new job, and deployment {@code deploymentId} (its deployment status is
   * cleared when the deployment changes, as Nomad does).
   */
  public Allocation updateInPlace(Allocation existing, Job newJob, String deploymentId) {
    Allocation.Builder b = existing.toBuilder().evalID(eval.id()).job(newJob).modifyTime(nowNanos);
    String dep = deploymentId == null ? "" : deploymentId;
    if (!dep.equals(existing.deploymentID())) {
      b.deploymentID(dep).deploymentStatus(null);
    }
    Allocation updated = b.build();
    appendAlloc(updated);
    return updated;
  }

  /**
   * Adds {@code alloc} to {@code NodeAllocation} as is (an in-place or attribute update of an
   * existing allocation, or a new allocation the caller built itself). Appending the same ID again
   * replaces the earlier entry.
   */
  public void appendAlloc(Allocation alloc) {
    Allocation old = allocated.put(alloc.id(), alloc);
    if (old != null) {
      removeFrom(nodeAllocation, old.nodeID(), old.id());
    }
    nodeAllocation.computeIfAbsent(alloc.nodeID(), k -> new ArrayList<>()).add(alloc);
  }

  /**
   * Evicts {@code victim} for the new allocation {@code preemptingAllocId}: a copy with
   * {@code DesiredStatus=evict}, description "Preempted by alloc ID …" and
   * {@code PreemptedByAllocation}, in {@code NodePreemptions} and the annotations.
   */
  public Allocation evict(Allocation victim, String preemptingAllocId) {
    Allocation e = victim.toBuilder()
        .desiredStatus(AllocStatus.DESIRED_EVICT)
        .desiredDescription("Preempted by alloc ID " + preemptingAllocId)
        .preemptedByAllocation(preemptingAllocId)
        .build();
    if (evicted.put(victim.id(), e) != null) {
      removeFrom(nodePreemptions, victim.nodeID(), victim.id());
      preemptedAnnotations.removeIf(a -> a.id().equals(victim.id()));
    }
    nodePreemptions.computeIfAbsent(victim.nodeID(), k -> new ArrayList<>()).add(e);
    preemptedAnnotations.add(e);
    return e;
  }

  /** Creates {@code d} with this plan (a new deployment; at most one per plan). */
  public void createDeployment(Deployment d) {
    this.deployment = d;
  }

  /** Adds a status change of an existing deployment. */
  public void updateDeployment(DeploymentStatusUpdate update) {
    deploymentUpdates.add(update);
  }

  /** The deployment this plan creates, or {@code null}. */
  public @Nullable Deployment deployment() {
    return deployment;
  }

  /** The mutable desired-changes tally of {@code taskGroup}, created on first use. */
  public DesiredChanges changes(String taskGroup) {
    return changes.computeIfAbsent(taskGroup, k -> new DesiredChanges());
  }

  /** Stopped allocations by ID (the stop copies). */
  public Map<String, Allocation> stopped() {
    return java.util.Collections.unmodifiableMap(stopped);
  }

  /** Evicted (preempted) allocations by ID (the evict copies). */
  public Map<String, Allocation> evicted() {
    return java.util.Collections.unmodifiableMap(evicted);
  }

  /** Allocations added to {@code NodeAllocation} (new and updated), by ID. */
  public Map<String, Allocation> allocated() {
    return java.util.Collections.unmodifiableMap(allocated);
  }

  /** The allocations this plan adds or updates on {@code nodeId}, in order (read-only). */
  public List<Allocation> allocatedOn(String nodeId) {
    List<Allocation> l = nodeAllocation.get(nodeId);
    return l == null ? List.of() : java.util.Collections.unmodifiableList(l);
  }

  /** True when the plan stops, evicts, adds or updates an allocation on {@code nodeId}. */
  public boolean touchesNode(String nodeId) {
    return nonEmpty(nodeAllocation.get(nodeId)) || nonEmpty(nodeUpdate.get(nodeId))
        || nonEmpty(nodePreemptions.get(nodeId));
  }

  private static boolean nonEmpty(@Nullable List<Allocation> l) {
    return l != null && !l.isEmpty();
  }

  /** IDs of the new allocations placed by {@link #place}, in order. */
  public Set<String> newAllocIds() {
    return java.util.Collections.unmodifiableSet(newAllocIds);
  }

  /**
   * True when the plan changes nothing (Nomad's {@code Plan.IsNoOp}): no stops, no allocations,
   * no deployment and no deployment updates.
   */
  public boolean isNoOp() {
    return stopped.isEmpty() && allocated.isEmpty() && deployment == null && deploymentUpdates.isEmpty();
  }

  /** The plan: the eval's ID and priority, the job and its {@code AllAtOnce}, the snapshot index. */
  public Plan build() {
    ImmutableMap.Builder<String, DesiredUpdates> desired = ImmutableMap.builder();
    changes.forEach((tg, c) -> desired.put(tg, c.toDesiredUpdates()));
    PlanAnnotations annotations = new PlanAnnotations(desired.buildOrThrow(),
        preemptedAnnotations.isEmpty() ? null : ImmutableList.copyOf(preemptedAnnotations));
    return new Plan(eval.id(), "", eval.priority(), job != null && Boolean.TRUE.equals(job.allAtOnce()), job,
        new TreeMap<>(nodeUpdate), new TreeMap<>(nodeAllocation), new TreeMap<>(nodePreemptions), annotations,
        deployment, deploymentUpdates,
        snapshot.latestIndex());
  }

  private String namespace() {
    if (job != null && job.namespace() != null && !job.namespace().isEmpty()) {
      return job.namespace();
    }
    return eval.namespace().isEmpty() ? "default" : eval.namespace();
  }

  private static void removeFrom(Map<String, List<Allocation>> byNode, String nodeId, String allocId) {
    List<Allocation> list = byNode.get(nodeId);
    if (list != null) {
      list.removeIf(a -> a.id().equals(allocId));
      if (list.isEmpty()) {
        byNode.remove(nodeId);
      }
    }
  }
}
