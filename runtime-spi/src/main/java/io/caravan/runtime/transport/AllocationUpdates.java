package io.caravan.runtime.transport;

import com.google.common.collect.ImmutableList;
import io.caravan.model.cluster.Allocation;

/**
 * The allocations assigned to a node as of a server index.
 *
 * @param index the index to pass as {@code minIndex} to the next blocking pull
 * @param allocations every allocation currently assigned to the node, in id order
 */
public record AllocationUpdates(long index, ImmutableList<Allocation> allocations) {

  /** Copies the list. */
  public AllocationUpdates {
    allocations = ImmutableList.copyOf(allocations);
  }
}
