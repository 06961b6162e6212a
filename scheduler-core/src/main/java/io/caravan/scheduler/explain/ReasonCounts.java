package io.caravan.scheduler.explain;

import com.google.common.collect.ImmutableMap;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Counts occurrences per key (a node class, a constraint, a dimension) cheaply enough to be
 * called for every node a placement visits. A placement sees few distinct keys, so they are kept
 * in small parallel arrays (looked up by identity, then by equality) and only a placement with
 * many distinct keys moves to a hash map; the last key is remembered, since one reason usually
 * repeats for many nodes. Nothing is allocated until the first key. Sorted on export.
 */
final class ReasonCounts {
  /** Distinct keys kept in the arrays before switching to the map. */
  private static final int SMALL = 8;

  private String @Nullable [] keys;
  private int @Nullable [] counts;
  private int size;
  /** Used instead of the arrays once there are more than {@link #SMALL} distinct keys. */
  private @Nullable Map<String, int[]> map;
  private @Nullable String lastKey;
  /** Index of {@link #lastKey} in the arrays (unused once {@link #map} is used). */
  private int lastIndex;
  private int @Nullable [] lastCount;

  /** Adds one to {@code key}'s count. */
  void add(String key) {
    add(key, 1);
  }

  /** Adds {@code n} to {@code key}'s count. */
  void add(String key, int n) {
    if (map == null) {
      String[] ks = keys;
      if (key == lastKey && ks != null) {
        counts[lastIndex] += n;
        return;
      }
      if (ks == null) {
        ks = keys = new String[SMALL];
        counts = new int[SMALL];
      }
      for (int i = 0; i < size; i++) {
        if (ks[i] == key || ks[i].equals(key)) {
          counts[i] += n;
          lastKey = key;
          lastIndex = i;
          return;
        }
      }
      if (size < SMALL) {
        ks[size] = key;
        counts[size] = n;
        lastKey = key;
        lastIndex = size;
        size++;
        return;
      }
      Map<String, int[]> m = new HashMap<>();
      for (int i = 0; i < size; i++) {
        m.put(ks[i], new int[] {counts[i]});
      }
      map = m;
      lastKey = null;
    }
    if (key == lastKey && lastCount != null) {
      lastCount[0] += n;
      return;
    }
    int[] c = map.computeIfAbsent(key, k -> new int[1]);
    c[0] += n;
    lastKey = key;
    lastCount = c;
  }

  /** The counts sorted by key, or {@code null} when nothing was counted. */
  @Nullable Map<String, Integer> toSortedMap() {
    if (map == null) {
      if (size == 0) {
        return null;
      }
      if (size == 1) {
        return ImmutableMap.of(keys[0], counts[0]);
      }
      Integer[] order = new Integer[size];
      for (int i = 0; i < size; i++) {
        order[i] = i;
      }
      String[] ks = keys;
      Arrays.sort(order, (a, b) -> ks[a].compareTo(ks[b]));
      ImmutableMap.Builder<String, Integer> b = ImmutableMap.builderWithExpectedSize(size);
      for (int i : order) {
        b.put(ks[i], counts[i]);
      }
      return b.buildOrThrow();
    }
    TreeMap<String, Integer> sorted = new TreeMap<>();
    map.forEach((k, v) -> sorted.put(k, v[0]));
    return ImmutableMap.copyOf(sorted);
  }
}
