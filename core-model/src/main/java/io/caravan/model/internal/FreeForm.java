package io.caravan.model.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Deep immutable copies of free-form value trees such as a task's driver {@code Config}
 * (internal: not part of the API).
 *
 * <p>A tree holds {@code String}, {@code Boolean}, {@code Number} (Integer, Long, BigInteger or
 * BigDecimal, as the JSON had it), {@code List}, {@code Map<String, ?>} and {@code null} (JSON null
 * is legal inside driver config, which is why JDK unmodifiable collections are used here rather than
 * Guava's null-hostile ones). Map order is kept.
 */
public final class FreeForm {
  private FreeForm() {}

  /** Deep unmodifiable copy of a free-form map, or {@code null} when it is {@code null}. */
  public static @Nullable Map<String, Object> copyOf(@Nullable Map<String, ?> map) {
    if (map == null) {
      return null;
    }
    return copyMap(map);
  }

  private static Map<String, Object> copyMap(Map<?, ?> map) {
    Map<String, Object> out = new LinkedHashMap<>(Math.max(4, map.size() * 2));
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String key)) {
        throw new IllegalArgumentException("free-form map keys must be strings, got " + e.getKey());
      }
      out.put(key, copyValue(e.getValue()));
    }
    return Collections.unmodifiableMap(out);
  }

  private static @Nullable Object copyValue(@Nullable Object value) {
    if (value == null
        || value instanceof String
        || value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long
        || value instanceof BigInteger
        || value instanceof BigDecimal) {
      return value;
    }
    if (value instanceof Short || value instanceof Byte) {
      return ((Number) value).intValue();
    }
    if (value instanceof Double || value instanceof Float) {
      return new BigDecimal(value.toString());
    }
    if (value instanceof Map<?, ?> map) {
      return copyMap(map);
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object item : list) {
        out.add(copyValue(item));
      }
      return Collections.unmodifiableList(out);
    }
    throw new IllegalArgumentException(
        "free-form values must be String, Boolean, Number, List or Map, got "
            + value.getClass().getName());
  }
}
