package io.caravan.scheduler.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caravan.model.canonical.Canonicalizer;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.NodeStatus;
import io.caravan.model.job.Constraint;
import io.caravan.model.job.EphemeralDisk;
import io.caravan.model.job.Job;
import io.caravan.model.job.Resources;
import io.caravan.model.job.Task;
import io.caravan.model.job.TaskGroup;
import io.caravan.scheduler.feasibility.ConstraintEvaluator;
import io.caravan.scheduler.placement.GroupRequest;
import io.caravan.scheduler.placement.PlacementEngine;
import io.caravan.scheduler.placement.PlacementRequest;
import io.caravan.scheduler.resources.AllocUsage;
import io.caravan.scheduler.resources.NodeUsage;
import io.caravan.scheduler.resources.TaskGroupAsk;
import io.caravan.scheduler.snapshot.InMemoryCluster;
import io.caravan.scheduler.snapshot.SchedulerConfiguration;
import io.caravan.scheduler.testing.Allocs;
import io.caravan.scheduler.testing.Jobs;
import io.caravan.scheduler.testing.Nodes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OfflinePackerTest {
  private static final int SEEDS = 100;

  private static TaskGroup group(String name, int count, int cpu, int mem, Constraint... constraints) {
    return TaskGroup.builder().name(name).count(count).ephemeralDisk(new EphemeralDisk(false, false, 150))
        .constraints(constraints.length == 0 ? null : List.of(constraints))
        .task(Task.builder().name("t").driver("exec").resources(Resources.builder().cpu(cpu).memoryMB(mem).build()).build())
        .build();
  }

  private static Job job(String id, List<TaskGroup> groups) {
    return Canonicalizer.withServerDefaults(Jobs.mockBuilder(id, groups.get(0)).taskGroups(groups).build());
  }

  private static PlacementRequest request(Job job) {
    List<GroupRequest> groups = new ArrayList<>();
    for (TaskGroup tg : job.taskGroupsOrEmpty()) {
      List<String> names = new ArrayList<>();
      for (int i = 0; i < tg.count(); i++) {
        names.add(job.id() + "." + tg.name() + "[" + i + "]");
      }
      groups.add(new GroupRequest(tg.name(), names));
    }
    return new PlacementRequest(job, "eval-1", groups, Set.of());
  }

  private static Node node(String id, long cpu, long mem, String rack) {
    return Nodes.node(id, "dc1", cpu, mem, 0, 0, Map.of("rack", rack), NodeStatus.READY, NodeStatus.ELIGIBLE);
  }

  @Test
  void uniformAsksFillEveryNodeToTheOptimum() {
    InMemoryCluster c = new InMemoryCluster();
    for (int i = 0; i < 20; i++) {
      c.upsertNode(node(String.format("n%02d", i), 14000, 32000, "r0"));
    }
    Job job = job("web", List.of(group("g", 12, 6000, 6000)));
    c.upsertJob(job);

    PackingPlan plan = OfflinePacker.pack(c, request(job));

    assertThat(plan.unplaced()).isEmpty();
    assertThat(plan.assignments()).hasSize(12);
    assertThat(plan.nodesUsed()).as("two 6,000 MHz asks per 14,000 MHz node").isEqualTo(6);
    // The online engine, which scores a few shuffled nodes per placement, uses more here.
    int online = (int) new PlacementEngine(c, SchedulerConfiguration.serverDefaults()).place(request(job)).placements()
        .stream().map(p -> p.node().id()).distinct().count();
    assertThat(plan.nodesUsed()).isLessThanOrEqualTo(online);
  }

  @Test
  void packsAroundExistingAllocationsAndCountsTheirNodes() {
    InMemoryCluster c = new InMemoryCluster();
    c.upsertNode(node("a", 10000, 10000, "r0"));
    c.upsertNode(node("b", 10000, 10000, "r0"));
    c.upsertAlloc(Allocs.sized("x", "a", 6000, 6000, 100));
    Job job = job("web", List.of(group("g", 2, 4000, 4000)));
    c.upsertJob(job);

    PackingPlan plan = OfflinePacker.pack(c, request(job));

    assertThat(plan.assignments()).extracting(PackingPlan.Assignment::nodeId).containsExactlyInAnyOrder("a", "b");
    assertThat(plan.nodesUsed()).isEqualTo(2);
  }

  @Test
  void refusesAsksItDoesNotModelNamingTheGroup() {
    InMemoryCluster c = new InMemoryCluster();
    c.upsertNode(node("a", 10000, 10000, "r0"));
    Job withPorts = Canonicalizer.withServerDefaults(Jobs.mockBuilder("web", Jobs.group(2, 100, 100).build()).build());
    assertThatThrownBy(() -> OfflinePacker.pack(c, request(withPorts)))
        .isInstanceOf(PackingException.class).hasMessageContaining("group web").hasMessageContaining("ports");
    Job distinct = job("db", List.of(group("g", 2, 100, 100, new Constraint("", "", "distinct_hosts"))));
    assertThatThrownBy(() -> OfflinePacker.pack(c, request(distinct)))
        .isInstanceOf(PackingException.class).hasMessageContaining("group g").hasMessageContaining("distinct_hosts");
  }

  /**
   * Seeded property: random clusters (with allocations already running) and random jobs of several
   * groups, some limited to rack r0. The packing never overcommits a node, keeps every group on
   * nodes its constraints allow, never uses fewer nodes than the capacity lower bound allows, is
   * the same when computed again, and the local search never uses more nodes than best fit alone.
   */
  @Test
  void neverOvercommitsKeepsConstraintsRespectsTheLowerBoundAndIsDeterministic() {
    for (long seed = 1; seed <= SEEDS; seed++) {
      SplittableRandom rng = new SplittableRandom(seed);
      InMemoryCluster c = new InMemoryCluster();
      int nodes = 3 + rng.nextInt(10);
      for (int i = 0; i < nodes; i++) {
        String id = "n" + i;
        c.upsertNode(node(id, 4000 + 1000L * rng.nextInt(12), 4096 + 1024L * rng.nextInt(12), rng.nextBoolean() ? "r0" : "r1"));
        for (int k = rng.nextInt(3); k > 0; k--) {
          c.upsertAlloc(Allocs.sized("e" + i + "-" + k, id, 200 + 100L * rng.nextInt(10), 256 + 128L * rng.nextInt(8), 100));
        }
      }
      List<TaskGroup> groups = new ArrayList<>();
      for (int g = 1 + rng.nextInt(3); g > 0; g--) {
        Constraint[] rack = rng.nextInt(3) == 0 ? new Constraint[] {new Constraint("${meta.rack}", "r0", "=")} : new Constraint[0];
        groups.add(group("g" + g, 1 + rng.nextInt(8), 100 + 100 * rng.nextInt(30), 128 + 128 * rng.nextInt(24), rack));
      }
      Job job = job("job", groups);
      c.upsertJob(job);

      PackingPlan plan = OfflinePacker.pack(c, request(job));

      String at = "seed " + seed;
      Map<String, TaskGroup> byName = new HashMap<>();
      groups.forEach(g -> byName.put(g.name(), g));
      Map<String, NodeUsage> usage = new HashMap<>();
      ConstraintEvaluator evaluator = new ConstraintEvaluator();
      Set<String> used = new HashSet<>();
      for (PackingPlan.Assignment a : plan.assignments()) {
        Node n = c.nodeById(a.nodeId()).orElseThrow();
        TaskGroup tg = byName.get(a.taskGroup());
        for (Constraint k : tg.constraintsOrEmpty()) {
          assertThat(evaluator.satisfies(k, n)).as("%s: %s on %s keeps %s", at, a.name(), n.id(), k).isTrue();
        }
        NodeUsage u = usage.computeIfAbsent(n.id(), id -> withExisting(c, n));
        TaskGroupAsk ask = TaskGroupAsk.of(tg);
        assertThat(u.exhaustedDimension(ask)).as("%s: %s fits on %s", at, a.name(), n.id()).isNull();
        u.add(new AllocUsage(a.name(), "job", a.taskGroup(), 50, ask.cpu(), ask.memoryMB(), ask.diskMB(), List.of(),
            new int[0], Map.of()));
        used.add(n.id());
      }
      int placed = plan.assignments().size();
      int unplaced = plan.unplaced().values().stream().mapToInt(Integer::intValue).sum();
      assertThat(placed + unplaced).as(at).isEqualTo(groups.stream().mapToInt(TaskGroup::count).sum());
      assertThat(plan.nodesUsed()).as("%s: nodes used", at).isGreaterThanOrEqualTo(lowerBound(c, plan, byName));
      assertThat(OfflinePacker.pack(c, request(job))).as("%s: same plan again", at).isEqualTo(plan);
      PackingPlan greedy = OfflinePacker.pack(c, request(job), 0);
      if (greedy.unplaced().equals(plan.unplaced())) {
        assertThat(plan.nodesUsed()).as("%s: local search never adds nodes", at).isLessThanOrEqualTo(greedy.nodesUsed());
      }
    }
  }

  private static NodeUsage withExisting(InMemoryCluster c, Node n) {
    NodeUsage u = new NodeUsage(n);
    for (Allocation a : c.allocsByNode(n.id())) {
      u.add(AllocUsage.of(a, 50));
    }
    return u;
  }

  /** Nodes holding existing allocations, plus the packed asks' cpu or memory over the largest free node, rounded up. */
  private static int lowerBound(InMemoryCluster c, PackingPlan plan, Map<String, TaskGroup> groups) {
    int withExisting = 0;
    long freeCpu = 0;
    long freeMem = 0;
    for (Node n : c.nodes()) {
      NodeUsage u = withExisting(c, n);
      if (!u.allocs().isEmpty()) {
        withExisting++;
      }
      freeCpu = Math.max(freeCpu, u.availableCpu());
      freeMem = Math.max(freeMem, u.availableMemory());
    }
    long cpu = 0;
    long mem = 0;
    for (PackingPlan.Assignment a : plan.assignments()) {
      TaskGroupAsk ask = TaskGroupAsk.of(groups.get(a.taskGroup()));
      cpu += ask.cpu();
      mem += ask.memoryMB();
    }
    long bound = Math.max((cpu + freeCpu - 1) / freeCpu, (mem + freeMem - 1) / freeMem);
    return (int) Math.max(bound, plan.assignments().isEmpty() ? withExisting : 1);
  }
}
