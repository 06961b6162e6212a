package io.caravan.scheduler.placement;

import io.caravan.model.cluster.AllocMetric;
import io.caravan.model.cluster.AllocatedResources;
import io.caravan.model.cluster.Node;
import java.util.List;

/** One successful placement: the allocation to create, where, its score, metrics and any preempted allocations. */
public record Placement(
    String allocId,
    String name,
    String taskGroup,
    Node node,
    double score,
    AllocatedResources resources,
    AllocMetric metrics,
    List<String> preemptedAllocIds) {
  /** Copies the list. */
  public Placement {
    preemptedAllocIds = List.copyOf(preemptedAllocIds);
  }
}
