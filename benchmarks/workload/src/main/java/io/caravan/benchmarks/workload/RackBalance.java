package io.caravan.benchmarks.workload;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How evenly a placement spreads over racks: the fewest and the most asks placed in any rack the
 * workload allows (every rack when it has no rack constraint). An even spread has max − min ≤ 1.
 */
public record RackBalance(int minPerRack, int maxPerRack) {

  /** The balance of {@code nodeOfTask} (node index per ask, -1 when unplaced) over {@code workload}'s racks. */
  public static RackBalance of(Workload workload, int[] nodeOfTask) {
    Map<String, Integer> perRack = new LinkedHashMap<>();
    for (NodeSpec node : workload.nodes()) {
      if (workload.feasible(node)) {
        perRack.putIfAbsent(node.rack(), 0);
      }
    }
    for (int n : nodeOfTask) {
      if (n >= 0) {
        perRack.merge(workload.nodes().get(n).rack(), 1, Integer::sum);
      }
    }
    int min = Integer.MAX_VALUE;
    int max = 0;
    for (int count : perRack.values()) {
      min = Math.min(min, count);
      max = Math.max(max, count);
    }
    return new RackBalance(perRack.isEmpty() ? 0 : min, max);
  }
}
