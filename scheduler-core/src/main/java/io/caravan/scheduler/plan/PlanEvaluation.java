package io.caravan.scheduler.plan;

import io.caravan.model.cluster.PlanResult;
import java.util.Map;

/**
 * What the {@link PlanApplier} decided for one plan: the part to commit (with {@code AllocIndex}
 * still 0; the committer sets it) and, for every rejected node, why.
 *
 * @param result the accepted part of the plan, with the refresh index set when anything was rejected
 * @param rejectionReasons node ID to the reason its part was rejected, in node ID order
 */
public record PlanEvaluation(PlanResult result, Map<String, String> rejectionReasons) {
  /** Copies the map. */
  public PlanEvaluation {
    rejectionReasons = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rejectionReasons));
  }

  /** True when every node of the plan was accepted. */
  public boolean fullyAccepted() {
    return rejectionReasons.isEmpty();
  }
}
