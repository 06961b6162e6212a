package io.caravan.benchmarks.workload;

import java.util.List;
import java.util.Optional;

/**
 * A generated cluster and the asks to place on it. All nodes have the same capacity, which is what
 * the packing lower bound needs.
 */
public record Workload(
    String name,
    List<NodeSpec> nodes,
    List<TaskAsk> tasks,
    Optional<RackConstraint> rackConstraint,
    boolean spreadOverRacks) {

  public Workload {
    nodes = List.copyOf(nodes);
    tasks = List.copyOf(tasks);
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("workload " + name + ": no nodes");
    }
    NodeSpec first = nodes.get(0);
    for (NodeSpec n : nodes) {
      if (n.cpuMhz() != first.cpuMhz() || n.memoryMb() != first.memoryMb()) {
        throw new IllegalArgumentException("workload " + name + ": node " + n.id()
            + " differs in capacity from " + first.id() + "; nodes must be homogeneous");
      }
    }
  }

  /** CPU capacity of each node, in MHz. */
  public long nodeCpuMhz() {
    return nodes.get(0).cpuMhz();
  }

  /** Memory capacity of each node, in MB. */
  public long nodeMemoryMb() {
    return nodes.get(0).memoryMb();
  }

  /** Sum of all CPU asks, in MHz. */
  public long totalCpuMhz() {
    long sum = 0;
    for (TaskAsk t : tasks) {
      sum += t.cpuMhz();
    }
    return sum;
  }

  /** Sum of all memory asks, in MB. */
  public long totalMemoryMb() {
    long sum = 0;
    for (TaskAsk t : tasks) {
      sum += t.memoryMb();
    }
    return sum;
  }

  /** Whether {@code node} passes the workload's hard constraint (always true without one). */
  public boolean feasible(NodeSpec node) {
    return rackConstraint.map(c -> c.allows(node.rack())).orElse(true);
  }
}
