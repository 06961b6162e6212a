package io.caravan.scheduler.placement;

import java.util.List;

/** Allocations to place for one task group: the allocation names, one per placement. */
public record GroupRequest(String taskGroup, List<String> names) {
  /** Copies the names. */
  public GroupRequest {
    names = List.copyOf(names);
  }
}
