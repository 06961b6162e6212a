package io.caravan.scheduler.schedulers;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.caravan.model.cluster.AllocMetric;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.cluster.Node;
import io.caravan.model.job.Job;
import io.caravan.model.job.TaskGroup;
import io.caravan.scheduler.placement.PlacementEngine;
import io.caravan.scheduler.snapshot.ClusterSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One attempt at an evaluation, handed to the scheduler's {@link EvalProcessor.AttemptBody}: the
 * snapshot to read (the original, or a refreshed one after a partial commit), the job as of that
 * snapshot, an empty {@link PlanBuilder}, and the bookkeeping the processor turns into the
 * evaluation's outcome:
 *
 * <ul>
 *   <li>{@link #queue} — how many allocations of a group this attempt wants to place; the processor
 *       subtracts the committed placements and reports the rest as {@code QueuedAllocations}.
 *   <li>{@link #recordFailure} — the metrics of a group that could not be fully placed
 *       ({@code FailedTGAllocs}); repeated failures of a group coalesce.
 *   <li>{@link #addFollowUp} — evaluations created before the plan is submitted (e.g. delayed
 *       reschedules); their {@code PreviousEval} is set to this evaluation.
 *   <li>{@link #requestRollingFollowUp} — ask for one {@code rolling-update} evaluation after
 *       {@code wait} (system jobs limited by {@code max_parallel}).
 *   <li>{@link #createBlockedEval} — the system schedulers' per-node blocked evaluation.
 *   <li>{@link #deploymentId(String)} — the deployment reported on the evaluation.
 * </ul>
 *
 * Not thread-safe; lives for one attempt.
 */
public final class SchedulingAttempt {
  private final EvalProcessor processor;
  private final Evaluation eval;
  private final ClusterSnapshot snapshot;
  private final @Nullable Job job;
  private final PlanBuilder plan;
  private final Map<String, Integer> queued = new LinkedHashMap<>();
  private final Map<String, AllocMetric> failed = new LinkedHashMap<>();
  private final List<Evaluation> followUps = new ArrayList<>();
  private @Nullable Duration rollingWait;
  private String deploymentId = "";
  private @Nullable ClassEligibility eligibility;

  SchedulingAttempt(EvalProcessor processor, Evaluation eval, ClusterSnapshot snapshot) {
    this.processor = processor;
    this.eval = eval;
    this.snapshot = snapshot;
    this.job = snapshot.jobById(eval.namespace().isEmpty() ? "default" : eval.namespace(), eval.jobID()).orElse(null);
    this.plan = new PlanBuilder(eval, job, snapshot, processor.context().nowNanos());
    if (job != null) {
      for (TaskGroup tg : job.taskGroupsOrEmpty()) {
        queued.put(tg.name(), 0);
      }
    }
  }

  /** The evaluation being processed. */
  public Evaluation eval() {
    return eval;
  }

  /** The snapshot this attempt reads. */
  public ClusterSnapshot snapshot() {
    return snapshot;
  }

  /** The job as of {@link #snapshot()}, empty when it no longer exists (deregistered and purged). */
  public Optional<Job> job() {
    return Optional.ofNullable(job);
  }

  /** This attempt's plan. */
  public PlanBuilder plan() {
    return plan;
  }

  /** The scheduler's context: configuration, planner and clock. */
  public SchedulerContext context() {
    return processor.context();
  }

  /** The injected clock's now, in Unix nanoseconds. */
  public long nowNanos() {
    return processor.context().nowNanos();
  }

  /** Deterministic IDs for evaluations this attempt creates. */
  public IdGenerator ids() {
    return processor.ids();
  }

  /** Adds {@code n} allocations of {@code taskGroup} this attempt wants to place ({@code n} may be negative). */
  public void queue(String taskGroup, int n) {
    queued.merge(taskGroup, n, Integer::sum);
  }

  /** Queued allocations per group (live view; the processor subtracts committed placements). */
  public Map<String, Integer> queuedAllocations() {
    return java.util.Collections.unmodifiableMap(queued);
  }

  void placed(String taskGroup) {
    queued.computeIfPresent(taskGroup, (k, v) -> v - 1);
  }

  /**
   * Records that {@code taskGroup} could not be (fully) placed, with the metrics of the failure.
   * The first failure of a group is kept; later ones add {@code 1 + metric.CoalescedFailures} to
   * its {@code CoalescedFailures}, as Nomad coalesces failures within one evaluation.
   */
  public void recordFailure(String taskGroup, AllocMetric metric) {
    AllocMetric first = failed.get(taskGroup);
    if (first == null) {
      failed.put(taskGroup, metric);
      return;
    }
    failed.put(taskGroup, new AllocMetric(first.nodesEvaluated(), first.nodesFiltered(), first.nodesInPool(),
        first.nodePool(), first.nodesAvailable(), first.classFiltered(), first.constraintFiltered(),
        first.nodesExhausted(), first.classExhausted(), first.dimensionExhausted(), first.quotaExhausted(),
        first.resourcesExhausted(), first.scoreMetaData(), first.allocationTime(),
        first.coalescedFailures() + 1 + metric.coalescedFailures()));
  }

  /** Sets (replaces) the failed metrics of {@code taskGroup}, without coalescing. */
  public void replaceFailure(String taskGroup, AllocMetric metric) {
    failed.put(taskGroup, metric);
  }

  /** True when {@code taskGroup} already failed in this attempt. */
  public boolean hasFailed(String taskGroup) {
    return failed.containsKey(taskGroup);
  }

  /** Failed task-group metrics so far, in the order groups first failed. */
  public Map<String, AllocMetric> failedTgAllocs() {
    return ImmutableMap.copyOf(failed);
  }

  /** Adds a follow-up evaluation to create before the plan is submitted. */
  public void addFollowUp(Evaluation followUp) {
    followUps.add(followUp);
  }

  /** Follow-up evaluations added so far. */
  public List<Evaluation> followUps() {
    return ImmutableList.copyOf(followUps);
  }

  /**
   * Asks for a {@code rolling-update} evaluation waiting {@code wait}, created once per
   * evaluation if the plan is not a no-op (Nomad's system scheduler when {@code max_parallel}
   * limited its updates).
   */
  public void requestRollingFollowUp(Duration wait) {
    this.rollingWait = wait;
  }

  @Nullable Duration rollingWait() {
    return rollingWait;
  }

  /** Sets the deployment reported on the evaluation ({@code ""} for none). */
  public void deploymentId(String id) {
    this.deploymentId = id == null ? "" : id;
  }

  /** The deployment reported on the evaluation. */
  public String deploymentId() {
    return deploymentId;
  }

  /**
   * Class eligibility of the job over the ready nodes in its pool and datacenters in this
   * attempt's snapshot (computed once per attempt).
   */
  public ClassEligibility classEligibility() {
    if (eligibility == null) {
      eligibility = job == null ? new ClassEligibility(Map.of(), false) : ClassEligibility.of(job, readyNodes(snapshot, job));
    }
    return eligibility;
  }

  /**
   * Creates (through the planner, immediately) a blocked evaluation for the failures recorded so
   * far, with class eligibility and, when {@code node} is given, its {@code NodeID} (Nomad's
   * system {@code addBlocked}). Returns it.
   */
  public Evaluation createBlockedEval(@Nullable Node node) {
    Evaluation blocked = Evaluations.blocked(eval, ids().next(), classEligibility(), failedTgAllocs(),
        Evaluations.BLOCKED_FAILED_PLACEMENTS, nowNanos());
    if (node != null) {
      blocked = blocked.toBuilder().nodeID(node.id()).build();
    }
    processor.context().planner().createEval(blocked);
    return blocked;
  }

  /**
   * The ready nodes (status ready, eligible, not draining) in {@code job}'s node pool and
   * datacenters (Go globs; none means all), in snapshot order (Nomad's {@code readyNodesInDCsAndPool}).
   */
  public static List<Node> readyNodes(ClusterSnapshot snapshot, Job job) {
    String pool = job.nodePool() == null ? "" : job.nodePool();
    List<String> dcs = job.datacentersOrEmpty().isEmpty() ? List.of("*") : job.datacentersOrEmpty();
    List<Node> out = new ArrayList<>();
    for (Node n : snapshot.nodesByPool(pool)) {
      if (n.ready() && PlacementEngine.inAnyDc(n.datacenter(), dcs)) {
        out.add(n);
      }
    }
    return out;
  }
}
