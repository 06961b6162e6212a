package io.caravan.scheduler.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.cluster.AllocatedPortMapping;
import io.caravan.model.cluster.DrainSpec;
import io.caravan.model.cluster.DrainStrategy;
import io.caravan.model.cluster.Node;
import io.caravan.model.job.Constraint;
import io.caravan.model.job.EphemeralDisk;
import io.caravan.model.job.Job;
import io.caravan.model.job.NetworkResource;
import io.caravan.model.job.Port;
import io.caravan.model.job.Resources;
import io.caravan.model.job.Task;
import io.caravan.model.job.TaskGroup;
import io.caravan.scheduler.resources.NodeUsage;
import io.caravan.scheduler.snapshot.InMemoryCluster;
import io.caravan.scheduler.snapshot.SchedulerConfiguration;
import io.caravan.scheduler.testing.Nodes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Seeded property tests over random clusters and jobs. Each case prints its seed on failure;
 * replay one with {@code -Dcaravan.seed=<seed>}.
 */
class PlacementPropertyTest {
  private static final int CASES = 150;

  private record Scenario(InMemoryCluster cluster, Job job, boolean distinctHosts, boolean linuxOnly, int staticPort,
      int cores) {}

  private static List<Long> seeds() {
    String fixed = System.getProperty("caravan.seed");
    if (fixed != null) {
      return List.of(Long.parseLong(fixed));
    }
    SplittableRandom master = new SplittableRandom(0xC0FFEEL);
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < CASES; i++) {
      out.add(master.nextLong());
    }
    return out;
  }

  private static Node drained(Node n) {
    return new Node(n.id(), n.secretID(), n.datacenter(), n.name(), n.httpAddr(), false, n.attributes(),
        n.nodeResources(), n.reservedResources(), null, n.meta(), n.nodeClass(), n.nodePool(), "", true,
        new DrainStrategy(new DrainSpec(Duration.ofMinutes(1), false), "", ""), "ineligible".equals(n.schedulingEligibility()) ? "ineligible" : "eligible",
        n.status(), "", 0, null, n.drivers(), null, null, null, null, null, 0, n.computedClass(), 1, 1);
  }

  private static Node windows(Node n) {
    Map<String, String> attrs = new HashMap<>(n.attributes());
    attrs.put("kernel.name", "windows");
    return new Node(n.id(), n.secretID(), n.datacenter(), n.name(), n.httpAddr(), false, attrs,
        n.nodeResources(), n.reservedResources(), null, n.meta(), n.nodeClass(), n.nodePool(), "", false,
        n.drainStrategy(), n.schedulingEligibility(), n.status(), "", 0, null, n.drivers(), null, null, null, null,
        null, 0, "", 1, 1).withComputedClass();
  }

  private static Scenario generate(long seed, boolean roomy) {
    SplittableRandom r = new SplittableRandom(seed);
    InMemoryCluster c = new InMemoryCluster();
    int nodes = 3 + r.nextInt(30);
    for (int i = 0; i < nodes; i++) {
      String status = roomy || r.nextInt(8) != 0 ? "ready" : (r.nextBoolean() ? "down" : "initializing");
      String elig = roomy || r.nextInt(8) != 0 ? "eligible" : "ineligible";
      long cpu = roomy ? 64000 : 1000 + r.nextInt(8) * 1000;
      long mem = roomy ? 64000 : 1024 + r.nextInt(8) * 1024;
      Node n = Nodes.node(String.format("n-%03d", i), "dc" + (1 + r.nextInt(2)), cpu, mem, 100, 256,
          Map.of("rack", "r" + r.nextInt(4)), status, elig);
      if (!roomy && r.nextInt(10) == 0) {
        n = drained(n);
      }
      if (!roomy && r.nextInt(6) == 0) {
        n = windows(n);
      }
      c.upsertNode(n);
    }
    int count = 1 + r.nextInt(roomy ? nodes : 40);
    boolean distinct = r.nextInt(4) == 0;
    boolean linuxOnly = r.nextBoolean();
    int staticPort = r.nextInt(5) == 0 ? 8000 + r.nextInt(3) : 0;
    NetworkResource.Builder net = NetworkResource.builder().mode("host")
        .dynamicPorts(List.of(Port.builder().label("http").build()));
    if (staticPort > 0) {
      net.reservedPorts(List.of(Port.builder().label("admin").value(staticPort).build()));
    }
    // Drawn from a second generator so the other draws (and so the scenarios) stay as they were.
    SplittableRandom coreDraws = new SplittableRandom(seed ^ 0x5EEDC0DEL);
    int cores = !roomy && coreDraws.nextInt(3) == 0 ? 1 + coreDraws.nextInt(3) : 0;
    Resources.Builder res = Resources.builder().memoryMB(64 + r.nextInt(2000));
    int cpu = 100 + r.nextInt(1500);
    res.cpu(cores > 0 ? 0 : cpu);
    if (cores > 0) {
      res.cores(cores);
    }
    TaskGroup tg = TaskGroup.builder().name("g").count(count)
        .ephemeralDisk(new EphemeralDisk(false, false, 100 + r.nextInt(500)))
        .network(net.build())
        .task(Task.builder().name("t").driver("exec")
            .resources(res.build()).build())
        .build();
    Job.Builder jb = Job.builder().id("job-" + Long.toHexString(seed)).name("j").namespace("default")
        .type(r.nextBoolean() ? "service" : "batch").priority(50).datacenters(List.of(r.nextBoolean() ? "dc*" : "dc1"))
        .nodePool("default").taskGroups(List.of(tg));
    if (linuxOnly) {
      jb.constraint(new Constraint("${attr.kernel.name}", "linux", "="));
    }
    if (distinct) {
      jb.constraint(new Constraint("", "", "distinct_hosts"));
    }
    return new Scenario(c, jb.build(), distinct, linuxOnly, staticPort, cores);
  }

  private static PlacementResult run(Scenario s, String evalId) {
    TaskGroup tg = s.job.taskGroups().get(0);
    List<String> names = IntStream.range(0, tg.count()).mapToObj(i -> s.job.id() + ".g[" + i + "]").toList();
    return new PlacementEngine(s.cluster, SchedulerConfiguration.serverDefaults())
        .place(new PlacementRequest(s.job, evalId, List.of(new GroupRequest("g", names)), Set.of()));
  }

  @Test
  void sameSnapshotRequestAndSeedGiveIdenticalResults() {
    for (long seed : seeds()) {
      Scenario s = generate(seed, false);
      PlacementResult a = run(s, "eval-" + seed);
      PlacementResult b = run(generate(seed, false), "eval-" + seed);
      assertThat(a).as("seed %d", seed).isEqualTo(b);
    }
  }

  @Test
  void placementsRespectCapacityCoresReadinessConstraintsDistinctHostsAndStaticPorts() {
    for (long seed : seeds()) {
      Scenario s = generate(seed, false);
      PlacementResult result = run(s, "eval-" + seed);
      Map<String, long[]> used = new HashMap<>();
      Set<String> hosts = new HashSet<>();
      Map<String, Set<Integer>> ports = new HashMap<>();
      Map<String, Set<Integer>> cores = new HashMap<>();
      TaskGroup tg = s.job.taskGroups().get(0);
      for (Placement p : result.placements()) {
        Node node = s.cluster.nodeById(p.node().id()).orElseThrow();
        String ctx = "seed " + seed + " node " + node.id();
        assertThat(node.ready()).as(ctx).isTrue();
        assertThat(node.drainStrategy()).as(ctx).isNull();
        if (s.linuxOnly) {
          assertThat(node.attributes().get("kernel.name")).as(ctx).isEqualTo("linux");
        }
        if (s.distinctHosts) {
          assertThat(hosts.add(node.id())).as(ctx + " distinct_hosts").isTrue();
        }
        for (AllocatedPortMapping port : p.resources().shared().ports()) {
          assertThat(ports.computeIfAbsent(node.id(), k -> new HashSet<>(Set.of(22))).add(port.value()))
              .as(ctx + " port " + port.value()).isTrue();
        }
        long[] u = used.computeIfAbsent(node.id(), k -> new long[3]);
        var cpu = p.resources().tasks().get("t").cpu();
        u[0] += cpu.cpuShares();
        if (s.cores > 0) {
          assertThat(cpu.reservedCores()).as(ctx + " reserved cores").hasSize(s.cores);
          assertThat(cpu.cpuShares()).as(ctx + " cores' bandwidth").isEqualTo(s.cores * NodeUsage.mhzPerCore(node));
          for (int core : cpu.reservedCores()) {
            assertThat(NodeUsage.usableCores(node).get(core)).as(ctx + " core " + core + " exists").isTrue();
            assertThat(cores.computeIfAbsent(node.id(), k -> new HashSet<>()).add(core))
                .as(ctx + " core " + core + " given twice").isTrue();
          }
        } else {
          assertThat(cpu.reservedCores()).as(ctx).isNullOrEmpty();
        }
        u[1] += tg.tasks().get(0).resources().memoryMB();
        u[2] += tg.ephemeralDisk().sizeMB();
        NodeUsage cap = new NodeUsage(node);
        assertThat(u[0]).as(ctx + " cpu").isLessThanOrEqualTo(cap.availableCpu());
        assertThat(u[1]).as(ctx + " memory").isLessThanOrEqualTo(cap.availableMemory());
        assertThat(u[2]).as(ctx + " disk").isLessThanOrEqualTo(cap.availableDisk());
      }
      int failed = result.failures().isEmpty() ? 0 : result.failures().get("g").unplaced();
      assertThat(result.placements().size() + failed).as("seed %d", seed).isEqualTo(tg.count());
    }
  }

  @Test
  void placesTheWholeCountWhenCapacitySuffices() {
    for (long seed : seeds()) {
      Scenario s = generate(seed, true);
      if (s.staticPort > 0 || s.distinctHosts) {
        int eligible = (int) s.cluster.nodes().stream()
            .filter(n -> s.job.datacenters().get(0).equals("dc*") || n.datacenter().equals("dc1")).count();
        if (s.job.taskGroups().get(0).count() > eligible) {
          continue;
        }
      }
      PlacementResult result = run(s, "eval-" + seed);
      assertThat(result.failures()).as("seed %d", seed).isEmpty();
      assertThat(result.placements()).as("seed %d", seed).hasSize(s.job.taskGroups().get(0).count());
    }
  }

  @Test
  void existingAllocationsAreNeverOvercommitted() {
    for (long seed : seeds()) {
      Scenario s = generate(seed, false);
      Node first = s.cluster.nodes().get(0);
      // Fill the first node with another job's allocation using all but 100 MHz.
      NodeUsage empty = new NodeUsage(first);
      s.cluster.upsertAlloc(PlacementEngineTest.running("filler", "other", null, first.id(),
          empty.availableCpu() - 100, 512));
      PlacementResult result = run(s, "eval-" + seed);
      for (Placement p : result.placements()) {
        if (p.node().id().equals(first.id())) {
          assertThat(p.resources().tasks().get("t").cpu().cpuShares()).as("seed %d", seed).isLessThanOrEqualTo(100);
        }
      }
    }
  }

}
