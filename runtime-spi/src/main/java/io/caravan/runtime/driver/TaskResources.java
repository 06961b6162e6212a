package io.caravan.runtime.driver;

/**
 * The resource limits a driver enforces for a task (zero means "no limit").
 *
 * @param cpuMHz CPU shares in MHz (Nomad {@code resources.cpu})
 * @param cores reserved whole cores (Nomad {@code resources.cores}), 0 when shares are used
 * @param memoryMB the memory reservation in MB (Nomad {@code resources.memory})
 * @param memoryMaxMB the hard memory limit in MB when oversubscription is used (Nomad {@code memory_max}), or 0
 * @param cpuHardLimit whether the CPU share is also a hard quota (cfs quota) rather than a relative weight
 * @param totalCpuMHz the node's total compute in MHz, used to turn MHz into a CPU quota; 0 if unknown
 * @param pidsLimit the maximum number of processes, 0 for no limit
 */
public record TaskResources(
    int cpuMHz, int cores, int memoryMB, int memoryMaxMB, boolean cpuHardLimit, long totalCpuMHz, int pidsLimit) {

  /** No limits. */
  public static final TaskResources NONE = new TaskResources(0, 0, 0, 0, false, 0, 0);

  public TaskResources {
    if (cpuMHz < 0 || cores < 0 || memoryMB < 0 || memoryMaxMB < 0 || totalCpuMHz < 0 || pidsLimit < 0) {
      throw new IllegalArgumentException("resource limits must not be negative");
    }
  }

  /** A memory limit in MB with no other limit. */
  public static TaskResources memory(int memoryMB) {
    return new TaskResources(0, 0, memoryMB, 0, false, 0, 0);
  }

  /** The hard memory limit in bytes: {@code memoryMaxMB} when set, else {@code memoryMB}; 0 when unlimited. */
  public long memoryLimitBytes() {
    int mb = memoryMaxMB > 0 ? memoryMaxMB : memoryMB;
    return mb * 1024L * 1024L;
  }

  /** A copy with a hard CPU quota of {@code cpuMHz} out of {@code totalCpuMHz}. */
  public TaskResources withCpuHardLimit(int cpuMHz, long totalCpuMHz) {
    return new TaskResources(cpuMHz, cores, memoryMB, memoryMaxMB, true, totalCpuMHz, pidsLimit);
  }

  /** A copy with a process limit. */
  public TaskResources withPidsLimit(int pidsLimit) {
    return new TaskResources(cpuMHz, cores, memoryMB, memoryMaxMB, cpuHardLimit, totalCpuMHz, pidsLimit);
  }
}
