package io.caravan.state.fsm.internal;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Positions of the values a writer has written once, found by equality; the value found last is
 * compared first, which spares hashing when a command repeats one value (a plan's resources and
 * score maps).
 */
final class ValueTable<T> {
  private final Map<T, Integer> positions = new HashMap<>();
  private @Nullable T last;
  private int lastAt;

  /** The position of a value equal to {@code value} added before, or -1 after adding it at the next position. */
  int positionOrAdd(T value) {
    if (value == last || (last != null && sameValue(value, last))) {
      return lastAt;
    }
    Integer at = positions.putIfAbsent(value, positions.size());
    last = value;
    lastAt = at == null ? positions.size() - 1 : at;
    return at == null ? -1 : at;
  }

  /**
   * {@code a.equals(b)}, comparing two maps entry by entry through {@code get} (a score map holds a
   * few entries; the general map equality builds entry sets and iterators for that).
   */
  private static boolean sameValue(Object a, Object b) {
    if (a instanceof Map<?, ?> m && b instanceof Map<?, ?> n) {
      if (m.size() != n.size()) {
        return false;
      }
      for (Map.Entry<?, ?> e : m.entrySet()) {
        Object other = n.get(e.getKey());
        if (other == null ? e.getValue() != null || !n.containsKey(e.getKey()) : !other.equals(e.getValue())) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }
}
