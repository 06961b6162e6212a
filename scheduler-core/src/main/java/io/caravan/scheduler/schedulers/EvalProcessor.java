package io.caravan.scheduler.schedulers;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.EvalStatus;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.cluster.Plan;
import io.caravan.model.cluster.PlanResult;
import io.caravan.scheduler.snapshot.ClusterSnapshot;
import io.caravan.scheduler.snapshot.PlanSubmission;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The evaluation loop every scheduler shares (Nomad's {@code Process} + {@code retryMax} +
 * {@code setStatus}); the scheduler supplies only the {@link AttemptBody} that fills one attempt's
 * plan.
 *
 * <ol>
 *   <li>An evaluation whose {@code TriggeredBy} the {@link SchedulerPolicy} does not handle is
 *       updated to {@code failed} ("scheduler cannot handle '…' evaluation reason").
 *   <li>Each attempt gets a fresh {@link SchedulingAttempt} on the current snapshot and runs the
 *       body. Then: with {@code blockOnFailedPlacements}, failed placements create one blocked
 *       evaluation (unless the evaluation is itself blocked, one was already created, or follow-ups
 *       are pending). A no-op plan ends the loop (unless {@code AnnotatePlan}). Otherwise
 *       follow-up evaluations are created, then the rolling follow-up if requested, then the plan
 *       is submitted; committed new placements are subtracted from the queued counts.
 *   <li>A submission with a refreshed snapshot (partial commit) retries on that snapshot. A
 *       partial commit without one is a {@link SchedulerException}. A full commit ends the loop.
 *   <li>Retries are bounded by {@code maxAttempts}; the count resets to 0 after any attempt whose
 *       plan result made progress (it committed stops, allocations, a deployment or deployment
 *       updates). When attempts run out, with {@code blockOnMaxAttempts} a blocked evaluation with
 *       {@code TriggeredBy=max-plan-attempts} is created, and the evaluation is updated to
 *       {@code failed} ("maximum attempts reached (N)").
 *   <li>With {@code reblock}, a blocked evaluation whose placements still failed is re-blocked
 *       ({@code Planner.reblockEval}) with fresh class eligibility; otherwise the evaluation is
 *       updated to {@code complete} with its failed-group metrics, queued allocations, deployment,
 *       and the IDs of the blocked and rolling evaluations it created.
 * </ol>
 *
 * Exceptions from the body other than {@link SchedulerException} are wrapped in one naming the
 * evaluation and job. Not thread-safe; one processor per scheduler instance.
 */
public final class EvalProcessor {
  /** Fills one attempt's plan (the scheduler-specific part: reconcile, place, annotate). */
  @FunctionalInterface
  public interface AttemptBody {
    /** Computes the attempt's decisions into {@code attempt.plan()} and its bookkeeping. */
    void compute(SchedulingAttempt attempt);
  }

  private final SchedulerContext context;
  private final SchedulerPolicy policy;
  private @Nullable IdGenerator ids;
  private @Nullable Evaluation blocked;
  private @Nullable Evaluation next;
  private @Nullable PlanResult lastResult;

  /** A processor for one scheduler of kind {@code policy} built with {@code context}. */
  public EvalProcessor(SchedulerContext context, SchedulerPolicy policy) {
    this.context = Objects.requireNonNull(context, "context");
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  SchedulerContext context() {
    return context;
  }

  IdGenerator ids() {
    return Objects.requireNonNull(ids, "ids are only available while processing");
  }

  /** Processes {@code eval}, running {@code body} once per attempt. */
  public void process(Evaluation eval, AttemptBody body) {
    Objects.requireNonNull(eval, "eval");
    ids = new IdGenerator(eval.id(), context.snapshot().latestIndex());
    blocked = null;
    next = null;
    lastResult = null;
    if (!policy.handles(eval.triggeredBy())) {
      context.planner().updateEval(Evaluations.withOutcome(eval, EvalStatus.FAILED,
          "scheduler cannot handle '" + eval.triggeredBy() + "' evaluation reason", null, null,
          Map.of(), Map.of(), ""));
      return;
    }
    ClusterSnapshot state = context.snapshot();
    SchedulingAttempt attempt = null;
    int attempts = 0;
    boolean done = false;
    while (attempts < policy.maxAttempts()) {
      attempt = new SchedulingAttempt(this, eval, state);
      Outcome outcome = attempt(eval, attempt, body);
      if (outcome.done()) {
        done = true;
        break;
      }
      state = outcome.refreshed();
      if (progressMade(lastResult)) {
        attempts = 0;
      } else {
        attempts++;
      }
    }
    Map<String, io.caravan.model.cluster.AllocMetric> failed = attempt.failedTgAllocs();
    Map<String, Integer> queued = Map.copyOf(attempt.queuedAllocations());
    if (!done) {
      if (policy.blockOnMaxAttempts()) {
        blocked = Evaluations.blocked(eval, ids().next(), attempt.classEligibility(), failed,
                Evaluations.BLOCKED_MAX_PLANS, context.nowNanos())
            .toBuilder().triggeredBy(EvalTriggers.MAX_PLANS).build();
        context.planner().createEval(blocked);
      }
      context.planner().updateEval(Evaluations.withOutcome(eval, EvalStatus.FAILED,
          "maximum attempts reached (" + policy.maxAttempts() + ")", next, blocked, failed, queued,
          attempt.deploymentId()));
      return;
    }
    if (policy.reblock() && EvalStatus.BLOCKED.equals(eval.status()) && !failed.isEmpty()) {
      ClassEligibility e = attempt.classEligibility();
      context.planner().reblockEval(eval.toBuilder()
          .escapedComputedClass(e.escaped())
          .classEligibility(e.classes().isEmpty() ? null : e.classes())
          .build());
      return;
    }
    context.planner().updateEval(Evaluations.withOutcome(eval, EvalStatus.COMPLETE, "", next, blocked,
        failed, queued, attempt.deploymentId()));
  }

  private record Outcome(boolean done, @Nullable ClusterSnapshot refreshed) {}

  private Outcome attempt(Evaluation eval, SchedulingAttempt attempt, AttemptBody body) {
    try {
      body.compute(attempt);
    } catch (SchedulerException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new SchedulerException("eval " + eval.id() + " (job \"" + eval.jobID() + "\"): " + e.getMessage(), e);
    }
    if (policy.blockOnFailedPlacements() && !EvalStatus.BLOCKED.equals(eval.status())
        && !attempt.failedTgAllocs().isEmpty() && blocked == null && attempt.followUps().isEmpty()) {
      blocked = Evaluations.blocked(eval, ids().next(), attempt.classEligibility(), attempt.failedTgAllocs(),
          Evaluations.BLOCKED_FAILED_PLACEMENTS, context.nowNanos());
      context.planner().createEval(blocked);
    }
    PlanBuilder plan = attempt.plan();
    if (plan.isNoOp() && !eval.annotatePlan()) {
      return new Outcome(true, null);
    }
    for (Evaluation f : attempt.followUps()) {
      context.planner().createEval(f.toBuilder().previousEval(eval.id()).build());
    }
    if (attempt.rollingWait() != null && next == null) {
      next = Evaluations.nextRolling(eval, ids().next(), attempt.rollingWait(), context.nowNanos());
      context.planner().createEval(next);
    }
    Plan built = plan.build();
    PlanSubmission submission = context.planner().submitPlan(built);
    PlanResult result = submission.result();
    lastResult = result;
    Map<String, List<Allocation>> committed = result.nodeAllocation() == null ? Map.of() : result.nodeAllocation();
    for (List<Allocation> allocs : committed.values()) {
      for (Allocation a : allocs) {
        if (plan.newAllocIds().contains(a.id())) {
          attempt.placed(a.taskGroup());
        }
      }
    }
    if (submission.refreshedSnapshot().isPresent()) {
      return new Outcome(false, submission.refreshedSnapshot().get());
    }
    if (!fullCommit(built, result)) {
      throw new SchedulerException("eval " + eval.id() + " (job \"" + eval.jobID()
          + "\"): missing state refresh after partial commit (planned " + count(built.nodeAllocation())
          + " allocations, committed " + count(result.nodeAllocation()) + ")");
    }
    return new Outcome(true, null);
  }

  /**
   * Nomad's {@code progressMade}: the result committed stops, allocations, a deployment or
   * deployment updates.
   */
  public static boolean progressMade(@Nullable PlanResult result) {
    return result != null && (!isEmpty(result.nodeUpdate()) || !isEmpty(result.nodeAllocation())
        || result.deployment() != null || !(result.deploymentUpdates() == null || result.deploymentUpdates().isEmpty()));
  }

  /** Nomad's {@code FullCommit}: as many allocations committed as the plan had. */
  public static boolean fullCommit(Plan plan, PlanResult result) {
    return count(plan.nodeAllocation()) == count(result.nodeAllocation());
  }

  private static boolean isEmpty(@Nullable Map<String, List<Allocation>> m) {
    return m == null || m.isEmpty();
  }

  private static int count(@Nullable Map<String, List<Allocation>> m) {
    int n = 0;
    if (m != null) {
      for (List<Allocation> l : m.values()) {
        n += l.size();
      }
    }
    return n;
  }
}
