package io.caravan.scheduler.explain;

import io.caravan.model.cluster.AllocMetric;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns an {@link AllocMetric} into a readable sentence saying why a placement failed. */
public final class Explanations {
  private Explanations() {}

  /**
   * For example: {@code "10 nodes evaluated; 3 nodes filtered by `${attr.kernel.name} = windows`;
   * 2 nodes exhausted on memory"}.
   */
  public static String summarize(AllocMetric m) {
    List<String> parts = new ArrayList<>();
    if (m.nodesInPool() == 0) {
      parts.add("no nodes are ready in the job's datacenters and node pool");
    } else {
      parts.add(plural(m.nodesEvaluated(), "node") + " evaluated of " + m.nodesInPool() + " in pool");
    }
    if (m.constraintFiltered() != null) {
      for (Map.Entry<String, Integer> e : new TreeMap<>(m.constraintFiltered()).entrySet()) {
        parts.add(plural(e.getValue(), "node") + " filtered by `" + e.getKey() + "`");
      }
    }
    if (m.dimensionExhausted() != null) {
      for (Map.Entry<String, Integer> e : new TreeMap<>(m.dimensionExhausted()).entrySet()) {
        parts.add(plural(e.getValue(), "node") + " exhausted on " + e.getKey());
      }
    }
    if (m.coalescedFailures() > 0) {
      parts.add(m.coalescedFailures() + " more identical failures coalesced");
    }
    return String.join("; ", parts);
  }

  private static String plural(int n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
