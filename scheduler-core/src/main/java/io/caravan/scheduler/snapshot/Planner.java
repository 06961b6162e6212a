package io.caravan.scheduler.snapshot;

import io.caravan.model.cluster.Evaluation;
import io.caravan.model.cluster.Plan;
import io.caravan.model.cluster.PlanResult;

/** Where a scheduler sends its decisions (Nomad's {@code Planner}). */
public interface Planner {
  /** Submits a plan; returns what was committed (a refresh index when only part was). */
  PlanResult submitPlan(Plan plan);

  /** Updates the evaluation being processed. */
  void updateEval(Evaluation eval);

  /** Creates a follow-up or blocked evaluation. */
  void createEval(Evaluation eval);

  /** Re-blocks a blocked evaluation with fresh class eligibility. */
  void reblockEval(Evaluation eval);
}
