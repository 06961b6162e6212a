package io.caravan.samples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a {@link SchedulerSimulation} run produced: one row per simulated node and a summary, with
 * writers for the two CSV files.
 *
 * @param settings the run's settings
 * @param nodes the nodes, in ID order
 * @param summary the run's totals
 */
public record SimulationReport(SimulationSettings settings, List<NodeRow> nodes, Summary summary) {
  /** Copies the list. */
  public SimulationReport {
    nodes = List.copyOf(nodes);
  }

  /**
   * One node after the run.
   *
   * @param cpuCapacity MHz the node offers
   * @param memoryCapacity MB the node offers
   * @param cpuAllocated MHz its live allocations hold
   * @param memoryAllocated MB its live allocations hold
   * @param allocations how many live allocations it runs
   */
  public record NodeRow(String nodeId, String shape, long cpuCapacity, long memoryCapacity, long cpuAllocated,
      long memoryAllocated, int allocations) {
    /** Allocated share of the node's CPU, in [0, 1]. */
    public double cpuUtilisation() {
      return (double) cpuAllocated / cpuCapacity;
    }

    /** Allocated share of the node's memory, in [0, 1]. */
    public double memoryUtilisation() {
      return (double) memoryAllocated / memoryCapacity;
    }
  }

  /**
   * The run's totals.
   *
   * @param nodes simulated nodes
   * @param nodesUsed nodes running at least one allocation
   * @param placementsAsked allocations the workload asked for
   * @param placementsMade live allocations after the run
   * @param placementFailures asked minus made (left queued in blocked evaluations)
   * @param cpuUtilisation allocated over offered CPU, whole cluster
   * @param memoryUtilisation allocated over offered memory, whole cluster
   * @param cpuUtilisationOfUsedNodes allocated over offered CPU on the nodes used
   * @param memoryUtilisationOfUsedNodes allocated over offered memory on the nodes used
   * @param evaluations evaluations the schedulers processed
   * @param plans plans submitted to the plan applier
   * @param partialCommits plans the applier committed only in part
   * @param elapsedMillis wall time of the scheduling (the only figure that varies between equal runs)
   * @param placementsPerSecond placements made per second of that wall time
   */
  public record Summary(int nodes, int nodesUsed, int placementsAsked, int placementsMade, int placementFailures,
      double cpuUtilisation, double memoryUtilisation, double cpuUtilisationOfUsedNodes,
      double memoryUtilisationOfUsedNodes, int evaluations, int plans, int partialCommits, double elapsedMillis,
      double placementsPerSecond) {

    /** The summary as ordered (metric, value) pairs, as the summary CSV holds them. */
    public Map<String, String> asMetrics(SimulationSettings s) {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("algorithm", s.algorithm());
      m.put("seed", Long.toString(s.seed()));
      m.put("workers", Integer.toString(s.workers()));
      m.put("nodes", Integer.toString(nodes));
      m.put("nodes_used", Integer.toString(nodesUsed));
      m.put("placements_asked", Integer.toString(placementsAsked));
      m.put("placements_made", Integer.toString(placementsMade));
      m.put("placement_failures", Integer.toString(placementFailures));
      m.put("cpu_utilisation", fraction(cpuUtilisation));
      m.put("memory_utilisation", fraction(memoryUtilisation));
      m.put("cpu_utilisation_used_nodes", fraction(cpuUtilisationOfUsedNodes));
      m.put("memory_utilisation_used_nodes", fraction(memoryUtilisationOfUsedNodes));
      m.put("evaluations", Integer.toString(evaluations));
      m.put("plans", Integer.toString(plans));
      m.put("partial_commits", Integer.toString(partialCommits));
      m.put("elapsed_ms", String.format(Locale.ROOT, "%.3f", elapsedMillis));
      m.put("placements_per_second", String.format(Locale.ROOT, "%.1f", placementsPerSecond));
      return m;
    }
  }

  /** The per-node CSV's header. */
  public static final String NODES_HEADER = "node,shape,cpu_capacity_mhz,memory_capacity_mb,cpu_allocated_mhz,"
      + "memory_allocated_mb,allocations,cpu_utilisation,memory_utilisation";

  /** Writes one line per node under {@link #NODES_HEADER}. */
  public void writeNodesCsv(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(NODES_HEADER);
    for (NodeRow n : nodes) {
      lines.add(String.join(",", n.nodeId(), n.shape(), Long.toString(n.cpuCapacity()),
          Long.toString(n.memoryCapacity()), Long.toString(n.cpuAllocated()), Long.toString(n.memoryAllocated()),
          Integer.toString(n.allocations()), fraction(n.cpuUtilisation()), fraction(n.memoryUtilisation())));
    }
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  /** Writes {@code metric,value} lines, one per summary figure. */
  public void writeSummaryCsv(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("metric,value");
    summary.asMetrics(settings).forEach((k, v) -> lines.add(k + "," + v));
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  private static String fraction(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
