package io.caravan.samples;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.caravan.scheduler.snapshot.SchedulerConfiguration;
import java.nio.file.Path;
import java.util.List;

/**
 * The settings of a {@link SchedulerSimulation} run, read from HOCON: the defaults in the
 * {@code scheduler-simulation.conf} resource under any overrides (keys under {@code caravan.simulation}).
 *
 * @param seed seed of the workload's jitter and order and of the scheduling loop
 * @param algorithm {@code binpack} or {@code spread}
 * @param workers evaluations scheduled per round on one snapshot
 * @param nodes the node shapes
 * @param workload the job kinds
 * @param sizeJitter each job's sizes are scaled by a factor in {@code [1 - sizeJitter, 1 + sizeJitter]}
 * @param outputDirectory where the CSV files and the chart are written
 * @param outputName the files' base name
 */
public record SimulationSettings(long seed, String algorithm, int workers, List<NodeShape> nodes,
    List<JobKind> workload, double sizeJitter, Path outputDirectory, String outputName) {

  /** The defaults resource. */
  public static final String DEFAULTS_RESOURCE = "scheduler-simulation.conf";

  /** Copies the lists. */
  public SimulationSettings {
    nodes = List.copyOf(nodes);
    workload = List.copyOf(workload);
  }

  /**
   * {@code count} nodes of one shape.
   *
   * @param cpu MHz over {@code cores} cores
   * @param memory MB
   */
  public record NodeShape(String name, int count, long cpu, int cores, long memory) {}

  /**
   * {@code jobs} jobs of one kind, each one group of {@code count} allocations of {@code cpu} MHz and {@code memory} MB.
   *
   * @param type {@code service} or {@code batch}
   */
  public record JobKind(String name, String type, int jobs, int count, int cpu, int memory) {}

  /** The defaults alone. */
  public static SimulationSettings defaults() {
    return load(ConfigFactory.empty());
  }

  /** The defaults under {@code overrides} (a parsed file or string holding {@code caravan.simulation} keys). */
  public static SimulationSettings load(Config overrides) {
    Config defaults = ConfigFactory.parseResources(SimulationSettings.class.getClassLoader(), DEFAULTS_RESOURCE);
    if (defaults.isEmpty()) {
      throw new IllegalStateException("resource " + DEFAULTS_RESOURCE + " is missing from the class path");
    }
    Config c = overrides.withFallback(defaults).resolve().getConfig("caravan.simulation");
    String algorithm = c.getString("algorithm");
    if (!algorithm.equals(SchedulerConfiguration.BINPACK) && !algorithm.equals(SchedulerConfiguration.SPREAD)) {
      throw new ConfigException.BadValue(c.origin(), "caravan.simulation.algorithm",
          "must be binpack or spread, got " + algorithm);
    }
    List<NodeShape> nodes = c.getConfigList("nodes").stream().map(n -> new NodeShape(n.getString("name"),
        positive(n, "count"), positive(n, "cpu"), positive(n, "cores"), positive(n, "memory"))).toList();
    List<JobKind> workload = c.getConfigList("workload").stream().map(w -> {
      String type = w.getString("type");
      if (!type.equals("service") && !type.equals("batch")) {
        throw new ConfigException.BadValue(w.origin(), "type", "must be service or batch, got " + type);
      }
      return new JobKind(w.getString("name"), type, positive(w, "jobs"), positive(w, "count"),
          positive(w, "cpu"), positive(w, "memory"));
    }).toList();
    double jitter = c.getDouble("size-jitter");
    if (jitter < 0 || jitter >= 1) {
      throw new ConfigException.BadValue(c.origin(), "caravan.simulation.size-jitter",
          "must be in [0, 1), got " + jitter);
    }
    return new SimulationSettings(c.getLong("seed"), algorithm, positive(c, "workers"), nodes, workload, jitter,
        Path.of(c.getString("output.directory")), c.getString("output.name"));
  }

  /** How many allocations the workload asks for. */
  public int allocationsAsked() {
    return workload.stream().mapToInt(k -> k.jobs() * k.count()).sum();
  }

  private static int positive(Config c, String path) {
    int v = c.getInt(path);
    if (v < 1) {
      throw new ConfigException.BadValue(c.origin(), path, "must be at least 1, got " + v);
    }
    return v;
  }
}
