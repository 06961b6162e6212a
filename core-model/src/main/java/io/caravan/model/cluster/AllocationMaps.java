package io.caravan.model.cluster;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Immutable copies of the node-ID → allocations maps carried by plans and plan results. */
final class AllocationMaps {
  private AllocationMaps() {}

  /** Deep immutable copy keeping key order; {@code null} stays {@code null}, inner nulls become empty lists. */
  static @Nullable Map<String, List<Allocation>> copyOf(@Nullable Map<String, List<Allocation>> map) {
    if (map == null) {
      return null;
    }
    ImmutableMap.Builder<String, List<Allocation>> out = ImmutableMap.builderWithExpectedSize(map.size());
    map.forEach((k, v) -> out.put(k, v == null ? ImmutableList.of() : ImmutableList.copyOf(v)));
    return out.buildOrThrow();
  }
}
