package io.caravan.benchmarks.workload;

import java.util.Objects;

/** One simulated node: identity, placement labels and capacity. */
public record NodeSpec(String id, String datacenter, String rack, long cpuMhz, long memoryMb) {
  public NodeSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(datacenter, "datacenter");
    Objects.requireNonNull(rack, "rack");
    if (cpuMhz <= 0 || memoryMb <= 0) {
      throw new IllegalArgumentException("node " + id + ": capacity must be positive, got cpu="
          + cpuMhz + " memory=" + memoryMb);
    }
  }
}
