package io.caravan.benchmarks.workload;

/**
 * The quality of one placement of a workload: how many asks were placed, how many nodes they use,
 * and the ratio to the lower bound {@code max(ceil(Σcpu/cap), ceil(Σmem/cap))} over the placed asks.
 */
public record PackingReport(int tasks, int placed, int nodesUsed, long lowerBound) {

  /** Nodes used divided by the lower bound (1.0 is optimal; 0 when nothing was placed). */
  public double ratio() {
    return lowerBound == 0 ? 0 : (double) nodesUsed / lowerBound;
  }

  /** The lower bound on nodes needed to hold all of {@code workload}'s asks. */
  public static long lowerBound(Workload workload) {
    return lowerBound(workload.totalCpuMhz(), workload.totalMemoryMb(),
        workload.nodeCpuMhz(), workload.nodeMemoryMb());
  }

  /** {@code max(ceil(cpu/cpuCap), ceil(mem/memCap))}. */
  public static long lowerBound(long cpu, long mem, long cpuCap, long memCap) {
    return Math.max(ceilDiv(cpu, cpuCap), ceilDiv(mem, memCap));
  }

  /**
   * Checks and measures an assignment: {@code nodeOfTask[i]} is the index in
   * {@code workload.nodes()} of task {@code i}'s node, or -1 when task {@code i} was not placed.
   *
   * @throws IllegalStateException when the assignment overcommits a node or breaks the rack
   *     constraint: a benchmark must never report the numbers of a wrong placement
   */
  public static PackingReport of(Workload workload, int[] nodeOfTask) {
    if (nodeOfTask.length != workload.tasks().size()) {
      throw new IllegalArgumentException("assignment has " + nodeOfTask.length + " entries for "
          + workload.tasks().size() + " tasks");
    }
    int nodeCount = workload.nodes().size();
    long[] cpu = new long[nodeCount];
    long[] mem = new long[nodeCount];
    int placed = 0;
    long placedCpu = 0;
    long placedMem = 0;
    for (int t = 0; t < nodeOfTask.length; t++) {
      int n = nodeOfTask[t];
      if (n < 0) {
        continue;
      }
      TaskAsk ask = workload.tasks().get(t);
      NodeSpec node = workload.nodes().get(n);
      if (!workload.feasible(node)) {
        throw new IllegalStateException(ask.id() + " placed on " + node.id() + " in rack "
            + node.rack() + ", which the rack constraint excludes");
      }
      cpu[n] += ask.cpuMhz();
      mem[n] += ask.memoryMb();
      if (cpu[n] > node.cpuMhz() || mem[n] > node.memoryMb()) {
        throw new IllegalStateException(node.id() + " overcommitted: cpu " + cpu[n] + "/"
            + node.cpuMhz() + ", memory " + mem[n] + "/" + node.memoryMb());
      }
      placed++;
      placedCpu += ask.cpuMhz();
      placedMem += ask.memoryMb();
    }
    int used = 0;
    for (int n = 0; n < nodeCount; n++) {
      if (cpu[n] > 0) {
        used++;
      }
    }
    return new PackingReport(nodeOfTask.length, placed, used,
        lowerBound(placedCpu, placedMem, workload.nodeCpuMhz(), workload.nodeMemoryMb()));
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
