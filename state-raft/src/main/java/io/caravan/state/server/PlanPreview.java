package io.caravan.state.server;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.cluster.Plan;
import io.caravan.model.diff.JobDiff;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What registering a job would do, computed without changing anything (Nomad's {@code job plan}):
 * the scheduler's plan (with its per-group annotations), and the evaluation as the scheduler left it
 * (failed placements with their metrics, queued allocations), and, when asked for, the annotated diff
 * from the registered job to the proposed one.
 *
 * @param plan the plan the scheduler submitted, or null when it would change nothing
 * @param eval the evaluation after the scheduler processed it
 * @param createdEvals evaluations the scheduler would create (blocked, follow-ups)
 * @param diff the job diff with the plan's annotations, or null when it was not asked for
 */
public record PlanPreview(@Nullable Plan plan, Evaluation eval, List<Evaluation> createdEvals, @Nullable JobDiff diff) {
  public PlanPreview {
    createdEvals = List.copyOf(createdEvals);
  }

  /** A preview without a job diff. */
  public PlanPreview(@Nullable Plan plan, Evaluation eval, List<Evaluation> createdEvals) {
    this(plan, eval, createdEvals, null);
  }

  /** Allocations the plan would place, by node ID (empty without a plan). */
  public Map<String, List<Allocation>> placements() {
    return plan == null || plan.nodeAllocation() == null ? Map.of() : plan.nodeAllocation();
  }

  /** Allocations the plan would stop, by node ID (empty without a plan). */
  public Map<String, List<Allocation>> stops() {
    return plan == null || plan.nodeUpdate() == null ? Map.of() : plan.nodeUpdate();
  }
}
