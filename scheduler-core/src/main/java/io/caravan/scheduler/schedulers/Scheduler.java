package io.caravan.scheduler.schedulers;

import io.caravan.model.cluster.Evaluation;

/**
 * Processes one evaluation (Nomad's {@code Scheduler.Process}): reads the snapshot it was built
 * with, submits plans to its planner, and records the evaluation's outcome through the planner
 * ({@code updateEval}, {@code createEval}, {@code reblockEval}). Failed placements are not errors:
 * they end in a completed evaluation with failed task-group metrics and a blocked evaluation.
 * Instances come from {@link SchedulerFactory}; one instance processes one evaluation at a time
 * and is not thread-safe.
 */
public interface Scheduler {
  /**
   * Processes {@code eval}.
   *
   * @throws SchedulerException when the evaluation cannot be processed at all (see there)
   */
  void process(Evaluation eval) throws SchedulerException;
}
