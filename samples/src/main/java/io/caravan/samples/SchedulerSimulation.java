package io.caravan.samples;

import com.typesafe.config.ConfigFactory;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.AllocatedResources;
import io.caravan.model.cluster.AllocatedTaskResources;
import io.caravan.model.cluster.DriverInfo;
import io.caravan.model.cluster.NetworkResource;
import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.NodeCpuResources;
import io.caravan.model.cluster.NodeDiskResources;
import io.caravan.model.cluster.NodeMemoryResources;
import io.caravan.model.cluster.NodeReservedCpuResources;
import io.caravan.model.cluster.NodeReservedDiskResources;
import io.caravan.model.cluster.NodeReservedMemoryResources;
import io.caravan.model.cluster.NodeReservedNetworkResources;
import io.caravan.model.cluster.NodeReservedResources;
import io.caravan.model.cluster.NodeResources;
import io.caravan.model.cluster.NodeStatus;
import io.caravan.model.job.EphemeralDisk;
import io.caravan.model.job.Job;
import io.caravan.model.job.Resources;
import io.caravan.model.job.Task;
import io.caravan.model.job.TaskGroup;
import io.caravan.scheduler.harness.LoopStats;
import io.caravan.scheduler.harness.SchedulingLoop;
import io.caravan.scheduler.snapshot.PreemptionConfig;
import io.caravan.scheduler.snapshot.SchedulerConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A scheduler simulation for researchers, in the spirit of Caffeine's simulator: a HOCON file
 * describes a cluster (node shapes and counts), a workload mix (service and batch jobs of given
 * sizes), the algorithm ({@code binpack} or {@code spread}) and a seed; the run places the whole
 * workload on simulated nodes with scheduler-core's real schedulers, broker and plan applier
 * ({@link SchedulingLoop}, deterministic for a seed), then writes {@code <name>-nodes.csv} (per-node
 * allocation and utilisation), {@code <name>-summary.csv} (nodes used, cluster utilisation, placement
 * failures, placements per second, …) and {@code <name>.png} (utilisation per node).
 *
 * <p>The run is a packing study: every job is registered at once and nothing completes, so the
 * utilisation is what the scheduler committed, not what tasks would use. Defaults are in the
 * {@code scheduler-simulation.conf} resource; {@code scheduler-simulation-example.conf} shows an
 * override file:
 * {@code java -cp caravan.jar io.caravan.samples.SchedulerSimulation my.conf}.
 */
public final class SchedulerSimulation {
  private static final String DRIVER = "mock_driver";

  private SchedulerSimulation() {}

  /** Places the workload and measures the result (writes nothing). */
  public static SimulationReport simulate(SimulationSettings s) {
    SchedulingLoop loop = SchedulingLoop.builder().seed(s.seed()).workers(s.workers())
        .config(new SchedulerConfiguration(s.algorithm(), PreemptionConfig.serverDefaults(), false)).build();
    List<Node> nodes = nodes(s);
    nodes.forEach(loop::upsertNode);
    List<Job> jobs = jobs(s, new SplittableRandom(s.seed()));

    long start = System.nanoTime();
    jobs.forEach(loop::registerJob);
    LoopStats stats = loop.runUntilIdle(100 + 20 * jobs.size());
    double elapsedMillis = (System.nanoTime() - start) / 1e6;
    if (!stats.schedulerErrors().isEmpty()) {
      throw new IllegalStateException("the scheduler failed: " + stats.schedulerErrors());
    }
    if (!stats.idle()) {
      throw new IllegalStateException("the scheduling loop did not settle within " + stats.evalsProcessed()
          + " evaluations");
    }

    List<SimulationReport.NodeRow> rows = new ArrayList<>();
    for (Node n : nodes) {
      long cpu = 0;
      long mem = 0;
      int count = 0;
      for (Allocation a : loop.cluster().allocsByNode(n.id())) {
        if (a.terminal()) {
          continue;
        }
        count++;
        AllocatedResources r = a.allocatedResources();
        if (r != null && r.tasks() != null) {
          for (AllocatedTaskResources t : r.tasks().values()) {
            cpu += t.cpu() == null ? 0 : t.cpu().cpuShares();
            mem += t.memory() == null ? 0 : t.memory().memoryMB();
          }
        }
      }
      rows.add(new SimulationReport.NodeRow(n.id(), n.nodeClass(), n.nodeResources().cpu().cpuShares(),
          n.nodeResources().memory().memoryMB(), cpu, mem, count));
    }
    return new SimulationReport(s, rows, summarise(s, rows, stats, elapsedMillis));
  }

  private static SimulationReport.Summary summarise(SimulationSettings s, List<SimulationReport.NodeRow> rows,
      LoopStats stats, double elapsedMillis) {
    List<SimulationReport.NodeRow> used = rows.stream().filter(r -> r.allocations() > 0).toList();
    int made = rows.stream().mapToInt(SimulationReport.NodeRow::allocations).sum();
    int asked = s.allocationsAsked();
    return new SimulationReport.Summary(rows.size(), used.size(), asked, made, asked - made,
        share(rows, true), share(rows, false), share(used, true), share(used, false),
        stats.evalsProcessed(), stats.plansSubmitted(), stats.partialCommits(), elapsedMillis,
        elapsedMillis <= 0 ? 0 : made / (elapsedMillis / 1000.0));
  }

  private static double share(List<SimulationReport.NodeRow> rows, boolean cpu) {
    long allocated = rows.stream().mapToLong(r -> cpu ? r.cpuAllocated() : r.memoryAllocated()).sum();
    long capacity = rows.stream().mapToLong(r -> cpu ? r.cpuCapacity() : r.memoryCapacity()).sum();
    return capacity == 0 ? 0 : (double) allocated / capacity;
  }

  /** Runs the simulation and writes the two CSV files and the chart; returns the report. */
  public static SimulationReport run(SimulationSettings s) throws IOException {
    SimulationReport report = simulate(s);
    Files.createDirectories(s.outputDirectory());
    report.writeNodesCsv(nodesCsv(s));
    report.writeSummaryCsv(summaryCsv(s));
    UtilisationChart.write(report, chart(s));
    return report;
  }

  /** Where {@link #run} writes the per-node CSV. */
  public static Path nodesCsv(SimulationSettings s) {
    return s.outputDirectory().resolve(s.outputName() + "-nodes.csv");
  }

  /** Where {@link #run} writes the summary CSV. */
  public static Path summaryCsv(SimulationSettings s) {
    return s.outputDirectory().resolve(s.outputName() + "-summary.csv");
  }

  /** Where {@link #run} writes the chart. */
  public static Path chart(SimulationSettings s) {
    return s.outputDirectory().resolve(s.outputName() + ".png");
  }

  /** The simulated nodes: {@code <shape>-<nnn>}, ready, eligible, offering the mock driver in dc1. */
  static List<Node> nodes(SimulationSettings s) {
    List<Node> nodes = new ArrayList<>();
    for (SimulationSettings.NodeShape shape : s.nodes()) {
      for (int i = 0; i < shape.count(); i++) {
        String id = String.format("%s-%03d", shape.name(), i);
        NodeResources resources = new NodeResources(
            new NodeCpuResources(shape.cpu(), shape.cores(), IntStream.range(0, shape.cores()).boxed().toList()),
            new NodeMemoryResources(shape.memory()), new NodeDiskResources(100 * 1024),
            List.of(new NetworkResource("host", "eth0", "10.0.0.1/32", "10.0.0.1", "", 1000, null, null, null)),
            null, null, 0, 0);
        NodeReservedResources reserved = new NodeReservedResources(new NodeReservedCpuResources(0, null),
            new NodeReservedMemoryResources(0), new NodeReservedDiskResources(0),
            new NodeReservedNetworkResources(""));
        nodes.add(Node.builder().id(id).name(id).datacenter("dc1").nodeClass(shape.name()).nodePool("default")
            .attributes(Map.of("kernel.name", "linux", "driver." + DRIVER, "1", "unique.hostname", id))
            .nodeResources(resources).reservedResources(reserved)
            .drivers(Map.of(DRIVER, new DriverInfo(null, true, true, "healthy", "")))
            .status(NodeStatus.READY).schedulingEligibility("eligible").build().withComputedClass());
      }
    }
    return nodes;
  }

  /** The workload's jobs, sizes jittered and order shuffled with {@code random}. */
  static List<Job> jobs(SimulationSettings s, SplittableRandom random) {
    List<Job> jobs = new ArrayList<>();
    for (SimulationSettings.JobKind kind : s.workload()) {
      for (int i = 0; i < kind.jobs(); i++) {
        int cpu = jitter(kind.cpu(), s.sizeJitter(), random);
        int mem = jitter(kind.memory(), s.sizeJitter(), random);
        jobs.add(Job.builder().id(String.format("%s-%03d", kind.name(), i)).namespace("default").type(kind.type())
            .priority(50).datacenters(List.of("dc1")).nodePool("default")
            .taskGroups(List.of(TaskGroup.builder().name(kind.name()).count(kind.count())
                .ephemeralDisk(new EphemeralDisk(false, false, 100))
                .task(Task.builder().name(kind.name()).driver(DRIVER)
                    .resources(Resources.builder().cpu(cpu).memoryMB(mem).build()).build())
                .build()))
            .build());
      }
    }
    for (int i = jobs.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      Job t = jobs.get(i);
      jobs.set(i, jobs.get(j));
      jobs.set(j, t);
    }
    return jobs;
  }

  private static int jitter(int size, double jitter, SplittableRandom random) {
    if (jitter == 0) {
      return size;
    }
    double factor = 1 - jitter + 2 * jitter * random.nextDouble();
    return Math.max(1, (int) Math.round(size * factor));
  }

  /** Reads the defaults, then the override file given as the only argument (if any); runs; prints the summary. */
  public static void main(String[] args) throws IOException {
    if (args.length > 1) {
      System.err.println("usage: SchedulerSimulation [override.conf]");
      System.exit(2);
    }
    if (args.length == 1 && !Files.isRegularFile(Path.of(args[0]))) {
      System.err.println("no such file: " + args[0]);
      System.exit(2);
    }
    System.setProperty("java.awt.headless", "true");
    SimulationSettings s = SimulationSettings.load(args.length == 1
        ? ConfigFactory.parseFile(Path.of(args[0]).toFile()) : ConfigFactory.empty());
    SimulationReport report = run(s);
    report.summary().asMetrics(s).forEach((k, v) -> System.out.println(k + " = " + v));
    System.out.println("wrote " + nodesCsv(s) + ", " + summaryCsv(s) + " and " + chart(s));
  }
}
