package io.caravan.model.internal;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Null-preserving immutable copies used by the model records (internal: not part of the API).
 *
 * <p>{@code null} stays {@code null} (Go nil); anything else becomes a Guava immutable collection
 * that keeps the source order. Copies of values that are already immutable are free.
 */
public final class ModelCollections {
  private ModelCollections() {}

  /** Immutable copy of {@code list}, or {@code null} when it is {@code null}. */
  public static <T> @Nullable List<T> copyOfList(@Nullable List<T> list) {
    return list == null ? null : ImmutableList.copyOf(list);
  }

  /** Immutable insertion-ordered copy of {@code map}, or {@code null} when it is {@code null}. */
  public static <V> @Nullable Map<String, V> copyOfMap(@Nullable Map<String, V> map) {
    return map == null ? null : ImmutableMap.copyOf(map);
  }

  /** Immutable copy of a map of string lists (e.g. HTTP headers); inner {@code null} lists become empty. */
  public static @Nullable Map<String, List<String>> copyOfListMap(
      @Nullable Map<String, List<String>> map) {
    if (map == null) {
      return null;
    }
    ImmutableMap.Builder<String, List<String>> out = ImmutableMap.builderWithExpectedSize(map.size());
    map.forEach((k, v) -> out.put(k, v == null ? ImmutableList.of() : ImmutableList.copyOf(v)));
    return out.buildOrThrow();
  }
}
