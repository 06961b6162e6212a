package io.caravan.benchmarks.workload;

import java.util.Objects;

/** One allocation to place: what it asks for. */
public record TaskAsk(String id, long cpuMhz, long memoryMb) {
  public TaskAsk {
    Objects.requireNonNull(id, "id");
    if (cpuMhz <= 0 || memoryMb <= 0) {
      throw new IllegalArgumentException("task " + id + ": ask must be positive, got cpu="
          + cpuMhz + " memory=" + memoryMb);
    }
  }
}
