package io.caravan.scheduler.harness;

import java.util.List;

/**
 * What a {@link SchedulingLoop} run did.
 *
 * @param evalsProcessed evaluations handed to a scheduler (each delivery counts)
 * @param plansSubmitted plans sent to the plan applier
 * @param partialCommits plans the applier committed only in part (a node was rejected)
 * @param idle true when the run stopped because nothing was left to do, false when it hit its limit
 * @param schedulerErrors messages of scheduler failures (those evaluations were nacked)
 */
public record LoopStats(int evalsProcessed, int plansSubmitted, int partialCommits, boolean idle,
    List<String> schedulerErrors) {
  /** Copies the list. */
  public LoopStats {
    schedulerErrors = List.copyOf(schedulerErrors);
  }
}
