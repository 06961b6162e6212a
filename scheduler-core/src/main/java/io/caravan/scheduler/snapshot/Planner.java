package io.caravan.scheduler.snapshot;

import io.caravan.model.cluster.Evaluation;
import io.caravan.model.cluster.Plan;

/** Where a scheduler sends its decisions (Nomad's {@code Planner}). */
public interface Planner {
  /**
   * Submits a plan and returns what was committed. When only part of it was committed the
   * result's {@code RefreshIndex} is non-zero and the submission carries a refreshed snapshot the
   * scheduler retries on.
   */
  PlanSubmission submitPlan(Plan plan);

  /** Updates the evaluation being processed. */
  void updateEval(Evaluation eval);

  /** Creates a follow-up or blocked evaluation. */
  void createEval(Evaluation eval);

  /** Re-blocks a blocked evaluation with fresh class eligibility. */
  void reblockEval(Evaluation eval);
}
