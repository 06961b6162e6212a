package io.caravan.scheduler.schedulers;

import io.caravan.model.cluster.RescheduleTracker;
import org.jspecify.annotations.Nullable;

/**
 * What a new allocation carries beyond the placement engine's choice: the deployment it belongs
 * to ({@code ""} for none), the allocation it replaces ({@code ""} for none), its reschedule
 * tracker (already updated by the caller with the new reschedule event, or {@code null}) and
 * whether it is a canary. Used by {@link PlanBuilder#place}.
 */
public record PlacementDetails(
    String deploymentId,
    String previousAllocationId,
    @Nullable RescheduleTracker rescheduleTracker,
    boolean canary) {

  /** A fresh allocation: no deployment, no predecessor, no tracker, not a canary. */
  public static final PlacementDetails NONE = new PlacementDetails("", "", null, false);

  /** Replaces nulls by {@code ""}. */
  public PlacementDetails {
    deploymentId = deploymentId == null ? "" : deploymentId;
    previousAllocationId = previousAllocationId == null ? "" : previousAllocationId;
  }

  /** A copy in deployment {@code id}. */
  public PlacementDetails withDeployment(String id) {
    return new PlacementDetails(id, previousAllocationId, rescheduleTracker, canary);
  }

  /** A copy replacing allocation {@code previousId}. */
  public PlacementDetails replacing(String previousId) {
    return new PlacementDetails(deploymentId, previousId, rescheduleTracker, canary);
  }

  /** A copy with reschedule tracker {@code tracker}. */
  public PlacementDetails withRescheduleTracker(@Nullable RescheduleTracker tracker) {
    return new PlacementDetails(deploymentId, previousAllocationId, tracker, canary);
  }

  /** A copy marked as a canary (or not). */
  public PlacementDetails asCanary(boolean isCanary) {
    return new PlacementDetails(deploymentId, previousAllocationId, rescheduleTracker, isCanary);
  }
}
