package io.caravan.scheduler.placement;

import java.util.List;
import java.util.Map;

/** The outcome of one placement pass: placements in order and failures keyed by task group (insertion order). */
public record PlacementResult(List<Placement> placements, Map<String, PlacementFailure> failures) {
  /** Copies the collections. */
  public PlacementResult {
    placements = List.copyOf(placements);
    failures = com.google.common.collect.ImmutableMap.copyOf(failures);
  }
}
