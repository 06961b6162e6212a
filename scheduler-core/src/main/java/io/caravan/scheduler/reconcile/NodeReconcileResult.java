package io.caravan.scheduler.reconcile;

import java.util.List;

/**
 * What the {@link NodeReconciler} decided for a system or sysbatch job, each list ordered by node
 * ID then allocation name:
 *
 * @param place names missing on an eligible node (to place)
 * @param update allocations of an older job version (in place or destructive, decided by the scheduler)
 * @param migrate allocations marked for migration (the node is draining): stop
 * @param stop allocations no longer wanted (group gone, node no longer targeted)
 * @param ignore allocations left alone
 * @param lost allocations on a down or missing node: stop as lost
 * @param disconnecting running allocations on a disconnected node: mark unknown
 */
public record NodeReconcileResult(
    List<NodeAllocTuple> place,
    List<NodeAllocTuple> update,
    List<NodeAllocTuple> migrate,
    List<NodeAllocTuple> stop,
    List<NodeAllocTuple> ignore,
    List<NodeAllocTuple> lost,
    List<NodeAllocTuple> disconnecting) {

  /** Copies the lists. */
  public NodeReconcileResult {
    place = List.copyOf(place);
    update = List.copyOf(update);
    migrate = List.copyOf(migrate);
    stop = List.copyOf(stop);
    ignore = List.copyOf(ignore);
    lost = List.copyOf(lost);
    disconnecting = List.copyOf(disconnecting);
  }
}
