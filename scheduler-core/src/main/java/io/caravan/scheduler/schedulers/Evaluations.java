package io.caravan.scheduler.schedulers;

import io.caravan.model.cluster.AllocMetric;
import io.caravan.model.cluster.EvalStatus;
import io.caravan.model.cluster.Evaluation;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The evaluations a scheduler derives from the one it processes (Nomad's
 * {@code CreateBlockedEval}, {@code NextRollingEval}, follow-up evals and {@code setStatus}).
 * Pure functions: IDs and times are passed in.
 */
public final class Evaluations {
  /** Status description of a blocked eval created because placements failed. */
  public static final String BLOCKED_FAILED_PLACEMENTS = "created to place remaining allocations";
  /** Status description of a blocked eval created because the plan could not be committed. */
  public static final String BLOCKED_MAX_PLANS = "created due to placement conflicts";
  /** Status description of a follow-up eval for delayed rescheduling. */
  public static final String FOLLOWUP_RESCHEDULE = "created for delayed rescheduling";

  private Evaluations() {}

  /**
   * A blocked evaluation for what {@code eval} could not place: same namespace, priority, type,
   * job and job modify index; {@code TriggeredBy=queued-allocs}; {@code PreviousEval=eval.ID};
   * the failed task-group metrics; class eligibility (empty when escaped) and the escaped flag.
   */
  public static Evaluation blocked(Evaluation eval, String id, ClassEligibility eligibility,
      Map<String, AllocMetric> failedTgAllocs, String description, long nowNanos) {
    return Evaluation.builder()
        .id(id)
        .namespace(eval.namespace())
        .priority(eval.priority())
        .type(eval.type())
        .triggeredBy(EvalTriggers.QUEUED_ALLOCS)
        .jobID(eval.jobID())
        .jobModifyIndex(eval.jobModifyIndex())
        .status(EvalStatus.BLOCKED)
        .statusDescription(description)
        .previousEval(eval.id())
        .failedTGAllocs(failedTgAllocs.isEmpty() ? null : failedTgAllocs)
        .classEligibility(eligibility.escaped() || eligibility.classes().isEmpty() ? null : eligibility.classes())
        .escapedComputedClass(eligibility.escaped())
        .createTime(nowNanos)
        .modifyTime(nowNanos)
        .build();
  }

  /** The next step of a rolling update: pending, {@code TriggeredBy=rolling-update}, waiting {@code wait}. */
  public static Evaluation nextRolling(Evaluation eval, String id, Duration wait, long nowNanos) {
    return Evaluation.builder()
        .id(id)
        .namespace(eval.namespace())
        .priority(eval.priority())
        .type(eval.type())
        .triggeredBy(EvalTriggers.ROLLING_UPDATE)
        .jobID(eval.jobID())
        .jobModifyIndex(eval.jobModifyIndex())
        .status(EvalStatus.PENDING)
        .waitDuration(wait)
        .previousEval(eval.id())
        .createTime(nowNanos)
        .modifyTime(nowNanos)
        .build();
  }

  /**
   * A pending follow-up evaluation that waits until {@code waitUntil} (e.g. delayed rescheduling:
   * trigger {@code alloc-failure}, description {@link #FOLLOWUP_RESCHEDULE}). {@code WaitUntil} is
   * written as an ISO-8601 UTC instant.
   */
  public static Evaluation delayedFollowUp(Evaluation eval, String id, String triggeredBy,
      Instant waitUntil, String description, long nowNanos) {
    return Evaluation.builder()
        .id(id)
        .namespace(eval.namespace())
        .priority(eval.priority())
        .type(eval.type())
        .triggeredBy(triggeredBy)
        .jobID(eval.jobID())
        .jobModifyIndex(eval.jobModifyIndex())
        .status(EvalStatus.PENDING)
        .statusDescription(description)
        .waitUntil(waitUntil.toString())
        .previousEval(eval.id())
        .createTime(nowNanos)
        .modifyTime(nowNanos)
        .build();
  }

  /**
   * {@code eval} with its outcome (Nomad's {@code setStatus}): status and description, the failed
   * task-group metrics, queued allocations per group, the deployment ID, and the IDs of the next
   * (rolling) and blocked evaluations it spawned ({@code null} for none).
   */
  public static Evaluation withOutcome(Evaluation eval, String status, String description,
      @Nullable Evaluation next, @Nullable Evaluation blocked, Map<String, AllocMetric> failedTgAllocs,
      Map<String, Integer> queued, String deploymentId) {
    Evaluation.Builder b = eval.toBuilder()
        .status(status)
        .statusDescription(description)
        .failedTGAllocs(failedTgAllocs.isEmpty() ? null : failedTgAllocs)
        .queuedAllocations(queued.isEmpty() ? null : queued);
    if (deploymentId != null && !deploymentId.isEmpty()) {
      b.deploymentID(deploymentId);
    }
    if (next != null) {
      b.nextEval(next.id());
    }
    if (blocked != null) {
      b.blockedEval(blocked.id());
    }
    return b.build();
  }
}
