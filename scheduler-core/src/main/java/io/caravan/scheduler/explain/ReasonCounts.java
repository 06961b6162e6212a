package io.caravan.scheduler.explain;

import com.google.common.collect.ImmutableMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Counts occurrences per key (a node class, a constraint, a dimension) cheaply enough to be
 * called for every node a placement visits: mutable counters in a hash map, with a shortcut when
 * the same key object repeats (the common case: one reason for many nodes). Sorted on export.
 */
final class ReasonCounts {
  private final Map<String, int[]> counts = new HashMap<>();
  private @Nullable String lastKey;
  private int @Nullable [] lastCount;

  /** Adds one to {@code key}'s count. */
  void add(String key) {
    if (key == lastKey && lastCount != null) {
      lastCount[0]++;
      return;
    }
    int[] c = counts.computeIfAbsent(key, k -> new int[1]);
    c[0]++;
    lastKey = key;
    lastCount = c;
  }

  /** The counts sorted by key, or {@code null} when nothing was counted. */
  @Nullable Map<String, Integer> toSortedMap() {
    if (counts.isEmpty()) {
      return null;
    }
    TreeMap<String, Integer> sorted = new TreeMap<>();
    counts.forEach((k, v) -> sorted.put(k, v[0]));
    return ImmutableMap.copyOf(sorted);
  }
}
