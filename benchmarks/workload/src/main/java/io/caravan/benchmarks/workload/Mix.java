package io.caravan.benchmarks.workload;

/** The kind of task asks a workload holds, and the node shape they are sized against. */
public enum Mix {
  /** Many small asks: cpu 100–3,000 MHz, memory 128–6,144 MB, on 16,000 MHz / 65,536 MB nodes. */
  EASY(16_000, 65_536),
  /** Large asks: cpu and memory each 20–60% of a 16,000 MHz / 65,536 MB node, drawn independently. */
  HARD(16_000, 65_536),
  /** Nomad's BenchmarkServiceScheduler shape: 6,000 MHz / 6,000 MB asks on 14,000 MHz / 32,000 MB nodes. */
  NOMAD(14_000, 32_000);

  private final long nodeCpuMhz;
  private final long nodeMemoryMb;

  Mix(long nodeCpuMhz, long nodeMemoryMb) {
    this.nodeCpuMhz = nodeCpuMhz;
    this.nodeMemoryMb = nodeMemoryMb;
  }

  /** CPU capacity of every node in a workload of this mix, in MHz. */
  public long nodeCpuMhz() {
    return nodeCpuMhz;
  }

  /** Memory capacity of every node in a workload of this mix, in MB. */
  public long nodeMemoryMb() {
    return nodeMemoryMb;
  }
}
