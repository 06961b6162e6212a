package io.caravan.scheduler.optimize;

import java.util.List;
import java.util.Map;

/**
 * The result of {@link OfflinePacker#pack}: where each requested allocation goes, what could not be
 * placed (count by task group), and how many nodes hold at least one allocation afterwards
 * (existing allocations included).
 */
public record PackingPlan(List<Assignment> assignments, Map<String, Integer> unplaced, int nodesUsed) {
  /** Copies the collections. */
  public PackingPlan {
    assignments = List.copyOf(assignments);
    unplaced = Map.copyOf(unplaced);
  }

  /** One allocation (by name) of a task group placed on a node. */
  public record Assignment(String name, String taskGroup, String nodeId) {}
}
