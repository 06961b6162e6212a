package io.caravan.state.server;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.cluster.Plan;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What registering a job would do, computed without changing anything (Nomad's {@code job plan}):
 * the scheduler's plan (with its per-group annotations), and the evaluation as the scheduler left it
 * (failed placements with their metrics, queued allocations).
 *
 * @param plan the plan the scheduler submitted, or null when it would change nothing
 * @param eval the evaluation after the scheduler processed it
 * @param createdEvals evaluations the scheduler would create (blocked, follow-ups)
 */
public record PlanPreview(@Nullable Plan plan, Evaluation eval, List<Evaluation> createdEvals) {
  public PlanPreview {
    createdEvals = List.copyOf(createdEvals);
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
