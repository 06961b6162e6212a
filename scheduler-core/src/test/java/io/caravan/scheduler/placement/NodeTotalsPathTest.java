package io.caravan.scheduler.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Plan;
import io.caravan.model.job.EphemeralDisk;
import io.caravan.model.job.Job;
import io.caravan.model.job.Resources;
import io.caravan.model.job.Task;
import io.caravan.model.job.TaskGroup;
import io.caravan.scheduler.plan.PlanApplier;
import io.caravan.scheduler.resources.AllocUsage;
import io.caravan.scheduler.snapshot.ClusterSnapshot;
import io.caravan.scheduler.snapshot.InMemoryCluster;
import io.caravan.scheduler.snapshot.PreemptionConfig;
import io.caravan.scheduler.snapshot.SchedulerConfiguration;
import io.caravan.scheduler.testing.Allocs;
import io.caravan.scheduler.testing.Nodes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A snapshot that keeps per-node totals ({@code liveAllocTotals}) lets the engine and the plan
 * applier size nodes without listing their allocations; the answers must be the same as when they
 * list them. {@link InMemoryCluster} keeps no totals, its frozen {@code snapshot()} does.
 */
class NodeTotalsPathTest {
  private static final int CASES = 40;

  private static InMemoryCluster cluster(SplittableRandom r) {
    InMemoryCluster c = new InMemoryCluster();
    int nodes = 2 + r.nextInt(12);
    for (int i = 0; i < nodes; i++) {
      String id = String.format("n-%02d", i);
      c.upsertNode(Nodes.node(id, "dc1", 2000 + r.nextInt(4) * 1000, 2048 + r.nextInt(4) * 1024, 100, 256,
          Map.of(), "ready", "eligible"));
      int existing = r.nextInt(8);
      for (int k = 0; k < existing; k++) {
        Allocation a = r.nextInt(5) == 0
            ? Allocs.sized(id + "-p" + k, id, 100 + r.nextInt(600), 64 + r.nextInt(700), 10, 20000 + k)
            : Allocs.sized(id + "-a" + k, id, 100 + r.nextInt(600), 64 + r.nextInt(700), 10);
        if (r.nextInt(6) == 0) {
          a = a.toBuilder().desiredStatus(r.nextBoolean() ? "stop" : "evict").build();
        } else if (r.nextInt(6) == 0) {
          a = a.toBuilder().clientStatus("complete").build();
        }
        c.upsertAlloc(a);
      }
    }
    return c;
  }

  private static Job job(SplittableRandom r, int count) {
    TaskGroup tg = TaskGroup.builder().name("g").count(count)
        .ephemeralDisk(new EphemeralDisk(false, false, 10))
        .task(Task.builder().name("t").driver("exec")
            .resources(Resources.builder().cpu(100 + r.nextInt(900)).memoryMB(64 + r.nextInt(900)).build()).build())
        .build();
    return Job.builder().id("placed").name("placed").namespace("default").type("service").priority(100)
        .datacenters(List.of("dc1")).nodePool("default").taskGroups(List.of(tg)).build();
  }

  private static PlacementResult place(ClusterSnapshot s, Job job, SchedulerConfiguration config) {
    int count = job.taskGroups().get(0).count();
    List<String> names = IntStream.range(0, count).mapToObj(i -> "placed.g[" + i + "]").toList();
    return new PlacementEngine(s, config)
        .place(new PlacementRequest(job, "eval-1", List.of(new GroupRequest("g", names)), Set.of()));
  }

  @Test
  void frozenSnapshotKeepsTheTotalsOfLiveAllocations() {
    SplittableRandom r = new SplittableRandom(7);
    InMemoryCluster c = cluster(r);
    ClusterSnapshot frozen = c.snapshot();
    assertThat(c.liveAllocTotals("n-00")).isNull();
    for (var n : c.nodes()) {
      assertThat(frozen.liveAllocTotals(n.id())).isEqualTo(AllocUsage.liveTotals(c.allocsByNode(n.id())));
    }
  }

  @Test
  void placementsAreTheSameWithOrWithoutNodeTotalsIncludingPreemption() {
    SchedulerConfiguration preempting = new SchedulerConfiguration(SchedulerConfiguration.BINPACK,
        new PreemptionConfig(true, true, true, true), false);
    int preempted = 0;
    for (long seed = 1; seed <= CASES; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      InMemoryCluster c = cluster(r);
      Job job = job(r, 1 + r.nextInt(30));
      for (SchedulerConfiguration config : List.of(SchedulerConfiguration.serverDefaults(), preempting)) {
        PlacementResult listed = place(c, job, config);
        PlacementResult summed = place(c.snapshot(), job, config);
        assertThat(summed).as("seed %d, preemption %s", seed, config == preempting).isEqualTo(listed);
        preempted += (int) summed.placements().stream().filter(p -> !p.preemptedAllocIds().isEmpty()).count();
      }
    }
    assertThat(preempted).as("some cases preempt (so the deferred allocation lists are used)").isPositive();
  }

  @Test
  void planApplierAnswersTheSameWithOrWithoutNodeTotals() {
    PlanApplier applier = new PlanApplier();
    int rejected = 0;
    for (long seed = 1; seed <= CASES; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      InMemoryCluster c = cluster(r);
      Map<String, List<Allocation>> stops = new LinkedHashMap<>();
      Map<String, List<Allocation>> places = new LinkedHashMap<>();
      int k = 0;
      for (var n : c.nodes()) {
        List<Allocation> existing = c.allocsByNode(n.id());
        if (!existing.isEmpty() && r.nextInt(3) == 0) {
          Allocation victim = existing.get(r.nextInt(existing.size()));
          stops.put(n.id(), List.of(victim.toBuilder().desiredStatus("stop").build()));
        }
        List<Allocation> placed = new ArrayList<>();
        int count = r.nextInt(5);
        for (int i = 0; i < count; i++) {
          placed.add(r.nextInt(8) == 0
              ? Allocs.sized("new-" + k++, n.id(), 300 + r.nextInt(900), 200 + r.nextInt(900), 10, 21000 + i)
              : Allocs.sized("new-" + k++, n.id(), 300 + r.nextInt(900), 200 + r.nextInt(900), 10));
        }
        if (!existing.isEmpty() && r.nextInt(4) == 0) {
          placed.add(existing.get(0)); // an in-place update
        }
        if (!placed.isEmpty()) {
          places.put(n.id(), placed);
        }
      }
      Plan plan = new Plan("eval-1", "token", 50, false, null, stops, places, Map.of(), null, null, null, 0);
      var listed = applier.evaluate(c, plan);
      var summed = applier.evaluate(c.snapshot(), plan);
      assertThat(summed).as("seed %d", seed).isEqualTo(listed);
      rejected += listed.rejectionReasons().size();
    }
    assertThat(rejected).as("some plans overcommit a node").isPositive();
  }
}
