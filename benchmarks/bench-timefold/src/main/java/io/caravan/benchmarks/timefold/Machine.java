package io.caravan.benchmarks.timefold;

/** A node as a Timefold problem fact: its position in the workload and its capacity. */
public final class Machine {
  private final int index;
  private final long cpu;
  private final long memory;

  /** A node at {@code index} in the workload with the given capacity. */
  public Machine(int index, long cpu, long memory) {
    this.index = index;
    this.cpu = cpu;
    this.memory = memory;
  }

  /** Position of the node in the workload's node list. */
  public int index() { return index; }

  /** CPU capacity in MHz. */
  public long cpu() { return cpu; }

  /** Memory capacity in MB. */
  public long memory() { return memory; }

  @Override
  public String toString() {
    return "machine-" + index;
  }
}
