package io.caravan.scheduler.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.cluster.AllocatedCpuResources;
import io.caravan.model.cluster.AllocatedMemoryResources;
import io.caravan.model.cluster.AllocatedResources;
import io.caravan.model.cluster.AllocatedSharedResources;
import io.caravan.model.cluster.AllocatedTaskResources;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Node;
import io.caravan.model.job.Affinity;
import io.caravan.model.job.Constraint;
import io.caravan.model.job.EphemeralDisk;
import io.caravan.model.job.Job;
import io.caravan.model.job.Resources;
import io.caravan.model.job.Spread;
import io.caravan.model.job.SpreadTarget;
import io.caravan.model.job.Task;
import io.caravan.model.job.TaskGroup;
import io.caravan.scheduler.snapshot.InMemoryCluster;
import io.caravan.scheduler.snapshot.SchedulerConfiguration;
import io.caravan.scheduler.testing.Nodes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The engine's shortcuts (feasibility and spread attributes per computed class, inline scoring of
 * nodes that fit, the fit memo) change no result: over seeded random clusters and jobs (racks in
 * the meta, rack constraints, spreads with and without targets on class and non-class attributes,
 * affinities, distinct_hosts, reschedule penalties, existing allocations of the job, several
 * groups, both candidate limits) the engine with shortcuts gives a result equal, metrics and
 * top-5 scores included, to the engine without them. Replay a case with {@code -Dcaravan.seed=<seed>}.
 */
class ShortcutEquivalencePropertyTest {
  private static final int CASES = 300;

  private record Case(InMemoryCluster cluster, Job job, PlacementRequest request, PlacementOptions options) {}

  private static List<Long> seeds() {
    String fixed = System.getProperty("caravan.seed");
    if (fixed != null) {
      return List.of(Long.parseLong(fixed));
    }
    SplittableRandom master = new SplittableRandom(0x5B4EADL);
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < CASES; i++) {
      out.add(master.nextLong());
    }
    return out;
  }

  private static Case generate(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    InMemoryCluster c = new InMemoryCluster();
    int nodes = 5 + r.nextInt(r.nextBoolean() ? 40 : 400);
    int racks = 1 + r.nextInt(12);
    int shapes = 1 + r.nextInt(3);
    List<Node> all = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      int shape = r.nextInt(shapes);
      String status = r.nextInt(20) == 0 ? "down" : "ready";
      Node n = Nodes.node(String.format("n-%04d", i), "dc" + (1 + r.nextInt(2)), 4000 + shape * 3000L,
          8192 + shape * 4096L, shape * 100L, 256, Map.of("rack", "r" + r.nextInt(racks)), status, "eligible");
      all.add(n);
      c.upsertNode(n);
    }
    int groups = r.nextInt(4) == 0 ? 2 : 1;
    List<TaskGroup> tgs = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      int count = 1 + r.nextInt(r.nextBoolean() ? 10 : 150);
      TaskGroup.Builder tg = TaskGroup.builder().name("g" + g).count(count)
          .ephemeralDisk(new EphemeralDisk(false, false, 100))
          .task(Task.builder().name("t").driver("exec")
              .resources(Resources.builder().cpu(200 + r.nextInt(3000)).memoryMB(128 + r.nextInt(4000)).build())
              .build());
      if (r.nextInt(3) == 0) {
        tg.spread(spread(r, racks));
      }
      if (r.nextInt(6) == 0) {
        tg.affinity(new Affinity("${meta.rack}", "r" + r.nextInt(racks), "=", 50 - r.nextInt(100)));
      }
      if (r.nextInt(6) == 0) {
        tg.constraint(new Constraint("", "", "distinct_hosts"));
      }
      tgs.add(tg.build());
    }
    String jobId = "job-" + Long.toHexString(seed);
    Job.Builder jb = Job.builder().id(jobId).name("j").namespace("default")
        .type(r.nextInt(4) == 0 ? "batch" : "service").priority(50).datacenters(List.of("dc*"))
        .nodePool("default").taskGroups(tgs);
    if (r.nextBoolean()) {
      List<String> allowed = new ArrayList<>();
      for (int k = 0; k < racks; k++) {
        if (r.nextInt(4) != 0) {
          allowed.add("r" + k);
        }
      }
      if (!allowed.isEmpty()) {
        jb.constraint(new Constraint("${meta.rack}", String.join(",", allowed), "set_contains_any"));
      }
    }
    if (r.nextInt(4) == 0) {
      jb.spreads(List.of(spread(r, racks)));
    }
    Job job = jb.build();
    c.upsertJob(job);
    int existing = r.nextInt(3) == 0 ? r.nextInt(30) : 0;
    for (int i = 0; i < existing; i++) {
      Node n = all.get(r.nextInt(all.size()));
      TaskGroup tg = tgs.get(r.nextInt(tgs.size()));
      c.upsertAlloc(running("old-" + i, jobId, job, tg.name(), n.id(), 100 + r.nextInt(1000), 128 + r.nextInt(1000)));
    }
    Set<String> penalties = new HashSet<>();
    if (r.nextInt(5) == 0) {
      for (int i = 0; i < 3; i++) {
        penalties.add(all.get(r.nextInt(all.size())).id());
      }
    }
    List<GroupRequest> requests = new ArrayList<>();
    for (TaskGroup tg : tgs) {
      requests.add(new GroupRequest(tg.name(),
          IntStream.range(0, tg.count()).mapToObj(i -> jobId + "." + tg.name() + "[" + i + "]").toList()));
    }
    PlacementOptions options = r.nextInt(4) == 0 ? PlacementOptions.fullScan() : PlacementOptions.nomad();
    return new Case(c, job, new PlacementRequest(job, "eval-" + seed, requests, penalties), options);
  }

  /** A spread on the rack (targeted or even), the datacenter, or the node ID (not a class attribute). */
  private static Spread spread(SplittableRandom r, int racks) {
    int weight = 1 + r.nextInt(100);
    return switch (r.nextInt(4)) {
      case 0 -> new Spread("${meta.rack}", weight, null);
      case 1 -> new Spread("${meta.rack}", weight,
          List.of(new SpreadTarget("r0", 20 + r.nextInt(40)), new SpreadTarget("r" + r.nextInt(racks), r.nextInt(30))));
      case 2 -> new Spread("${node.datacenter}", weight, null);
      default -> new Spread("${node.unique.id}", weight, null);
    };
  }

  private static Allocation running(String id, String jobId, Job job, String group, String nodeId, long cpu, long mem) {
    AllocatedResources res = new AllocatedResources(
        Map.of("t", new AllocatedTaskResources(new AllocatedCpuResources(cpu, null), new AllocatedMemoryResources(mem, 0),
            null, null)),
        null, new AllocatedSharedResources(null, 0, null));
    return new Allocation(id, "default", "e0", jobId + "." + group + "[0]", nodeId, "", jobId, job, group, res, null,
        "run", "", null, "running", "", null, "", null, null, "", "", "", null, "", 1, 1, 1, 0, 0);
  }

  @Test
  void shortcutsChangeNoPlacementScoreOrMetric() {
    int placed = 0;
    int spreads = 0;
    for (long seed : seeds()) {
      Case k = generate(seed);
      PlacementResult fast = new PlacementEngine(k.cluster, SchedulerConfiguration.serverDefaults(), k.options, true)
          .place(k.request);
      PlacementResult plain = new PlacementEngine(k.cluster, SchedulerConfiguration.serverDefaults(), k.options, false)
          .place(k.request);
      assertThat(fast).as("seed %d", seed).isEqualTo(plain);
      placed += fast.placements().size();
      if (!k.job.spreadsOrEmpty().isEmpty()
          || k.job.taskGroups().stream().anyMatch(tg -> !tg.spreadsOrEmpty().isEmpty())) {
        spreads++;
      }
    }
    if (System.getProperty("caravan.seed") == null) {
      // The cases must exercise what they claim to: many placements, a good share of them with spreads.
      assertThat(placed).isGreaterThan(CASES * 10);
      assertThat(spreads).isGreaterThan(CASES / 5);
    }
  }
}
