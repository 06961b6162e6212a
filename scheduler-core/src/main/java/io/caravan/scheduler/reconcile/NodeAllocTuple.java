package io.caravan.scheduler.reconcile;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.job.TaskGroup;
import org.jspecify.annotations.Nullable;

/**
 * One decision of the {@link NodeReconciler} (Nomad's {@code AllocTuple}): the allocation name
 * ({@code <job>.<group>[i]}), the node it concerns, the task group ({@code null} when the group is
 * no longer in the job) and the existing allocation ({@code null} for a fresh placement; for a
 * placement it is the latest terminal allocation of that name on the node, if any, which becomes
 * the new allocation's {@code PreviousAllocation}).
 */
public record NodeAllocTuple(String name, String nodeId, @Nullable TaskGroup taskGroup, @Nullable Allocation alloc) {
  /** The task group's name, or the allocation's when the group is gone. */
  public String taskGroupName() {
    if (taskGroup != null) {
      return taskGroup.name();
    }
    return alloc == null ? "" : alloc.taskGroup();
  }
}
