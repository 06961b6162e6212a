package io.caravan.scheduler.snapshot;

/**
 * What the non-terminal allocations on one node hold, summed the way {@code AllocUsage} sums one
 * allocation: how many there are, their cpu (MHz), memory (MB) and ephemeral disk (MB), and how many
 * of them also hold host ports, reserved cores or device instances ({@code complex}). A snapshot that
 * keeps these lets a scheduler size a node in O(1); the sums alone describe the node only when
 * {@link #simple()}.
 */
public record NodeAllocTotals(int count, long cpu, long memoryMB, long diskMB, int complex) {
  /** A node without allocations. */
  public static final NodeAllocTotals EMPTY = new NodeAllocTotals(0, 0, 0, 0, 0);

  /** True when no counted allocation holds ports, reserved cores or devices. */
  public boolean simple() {
    return complex == 0;
  }

  /** These totals with one allocation's usage added ({@code sign} 1) or taken away ({@code sign} -1). */
  public NodeAllocTotals plus(int sign, long allocCpu, long allocMemoryMB, long allocDiskMB, boolean allocComplex) {
    return new NodeAllocTotals(count + sign, cpu + sign * allocCpu, memoryMB + sign * allocMemoryMB,
        diskMB + sign * allocDiskMB, complex + (allocComplex ? sign : 0));
  }
}
