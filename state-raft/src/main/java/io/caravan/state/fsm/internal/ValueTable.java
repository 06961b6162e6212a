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
    if (value == last || (last != null && value.equals(last))) {
      return lastAt;
    }
    Integer at = positions.putIfAbsent(value, positions.size());
    last = value;
    lastAt = at == null ? positions.size() - 1 : at;
    return at == null ? -1 : at;
  }
}
