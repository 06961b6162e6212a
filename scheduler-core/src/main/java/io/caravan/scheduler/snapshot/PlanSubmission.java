package io.caravan.scheduler.snapshot;

import io.caravan.model.cluster.PlanResult;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Planner#submitPlan} returns: the committed part of the plan and, when the plan was
 * only partly committed ({@code result.refreshIndex() != 0}), a snapshot at least as new as the
 * refresh index for the scheduler to retry on (Nomad's {@code SubmitPlan} returning a new
 * {@code State}). A partial commit without a refreshed snapshot is a planner bug the scheduler
 * reports as an error.
 */
public record PlanSubmission(PlanResult result, Optional<ClusterSnapshot> refreshedSnapshot) {
  /** Rejects nulls. */
  public PlanSubmission {
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(refreshedSnapshot, "refreshedSnapshot");
  }

  /** A submission that committed everything it was asked to (no refresh). */
  public static PlanSubmission committed(PlanResult result) {
    return new PlanSubmission(result, Optional.empty());
  }

  /** A partial commit: the scheduler should retry on {@code refreshed}. */
  public static PlanSubmission partial(PlanResult result, ClusterSnapshot refreshed) {
    return new PlanSubmission(result, Optional.of(refreshed));
  }
}
