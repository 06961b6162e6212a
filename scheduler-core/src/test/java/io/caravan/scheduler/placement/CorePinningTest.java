package io.caravan.scheduler.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.cluster.AllocatedCpuResources;
import io.caravan.model.cluster.AllocatedResources;
import io.caravan.model.cluster.AllocatedTaskResources;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Plan;
import io.caravan.model.job.EphemeralDisk;
import io.caravan.model.job.Job;
import io.caravan.model.job.Resources;
import io.caravan.model.job.Task;
import io.caravan.model.job.TaskGroup;
import io.caravan.model.job.TaskLifecycle;
import io.caravan.scheduler.plan.PlanApplier;
import io.caravan.scheduler.snapshot.InMemoryCluster;
import io.caravan.scheduler.testing.Jobs;
import io.caravan.scheduler.testing.Nodes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reserved cores ({@code resources { cores = N }}): distinct per allocation, never overcommitted. */
class CorePinningTest {
  /** A group of {@code count} whose one task reserves {@code cores} cores (cpu 0, as canonicalized). */
  static TaskGroup coresGroup(int count, int cores) {
    return TaskGroup.builder().name("web").count(count).ephemeralDisk(new EphemeralDisk(false, false, 150))
        .task(Task.builder().name("web").driver("exec")
            .resources(Resources.builder().cpu(0).cores(cores).memoryMB(256).build()).build())
        .build();
  }

  /** A mock node (4 cores, 14000 MHz: 3500 MHz a core) without reserved CPU, so all 4 cores' bandwidth fits. */
  static io.caravan.model.cluster.Node fourCores() {
    return Nodes.node("node-000", "dc1", 14000, 8192, 0, 256, Map.of(), "ready", "eligible");
  }

  static List<Integer> cores(Placement p) {
    List<Integer> out = new ArrayList<>();
    for (AllocatedTaskResources t : p.resources().tasks().values()) {
      if (t.cpu().reservedCores() != null) {
        out.addAll(t.cpu().reservedCores());
      }
    }
    return out;
  }

  /** The placement as a running allocation of {@code job}, as the plan applier would store it. */
  static Allocation asAllocation(Placement p, Job job) {
    return PlacementEngineTest.running(p.allocId(), job.id(), job, p.node().id(), 0, 0).toBuilder()
        .name(p.name()).allocatedResources(p.resources()).build();
  }

  @Test
  void threeTwoCoreAllocationsOnAFourCoreNodePlaceTwoWithDistinctCores() {
    InMemoryCluster c = PlacementEngineTest.cluster(List.of(fourCores()));
    PlacementResult r = PlacementEngineTest.place(c, Jobs.mockBuilder("pinned", coresGroup(3, 2)).build());
    assertThat(r.placements()).hasSize(2);
    Set<Integer> all = new HashSet<>();
    for (Placement p : r.placements()) {
      assertThat(cores(p)).hasSize(2);
      for (int core : cores(p)) {
        assertThat(all.add(core)).as("core %d given twice", core).isTrue();
      }
      // 14000 MHz over 4 cores: two reserved cores are 7000 MHz of bandwidth.
      assertThat(p.resources().tasks().get("web").cpu().cpuShares()).isEqualTo(7000);
    }
    assertThat(all).containsExactlyInAnyOrder(0, 1, 2, 3);
    PlacementFailure f = r.failures().get("web");
    assertThat(f.unplaced()).isEqualTo(1);
    assertThat(f.metrics().dimensionExhausted()).containsEntry("cores", 1);
  }

  @Test
  void coresOfExistingAllocationsAreNotGivenAgain() {
    InMemoryCluster c = PlacementEngineTest.cluster(List.of(fourCores()));
    Job first = Jobs.mockBuilder("first", coresGroup(1, 2)).build();
    Placement p1 = PlacementEngineTest.place(c, first).placements().get(0);
    c.upsertAlloc(asAllocation(p1, first));

    Job second = Jobs.mockBuilder("second", coresGroup(1, 2)).build();
    Placement p2 = PlacementEngineTest.place(c, second).placements().get(0);
    assertThat(cores(p2)).doesNotContainAnyElementsOf(cores(p1)).hasSize(2);
    c.upsertAlloc(asAllocation(p2, second));

    PlacementResult third = PlacementEngineTest.place(c, Jobs.mockBuilder("third", coresGroup(1, 1)).build());
    assertThat(third.placements()).isEmpty();
    assertThat(third.failures().get("web").metrics().dimensionExhausted()).containsEntry("cores", 1);
  }

  @Test
  void eachTaskOfAGroupGetsItsOwnCores() {
    TaskGroup tg = TaskGroup.builder().name("web").count(1).ephemeralDisk(new EphemeralDisk(false, false, 150))
        .task(Task.builder().name("init").driver("exec").lifecycle(new TaskLifecycle("prestart", false))
            .resources(Resources.builder().cpu(0).cores(1).memoryMB(64).build()).build())
        .task(Task.builder().name("main").driver("exec")
            .resources(Resources.builder().cpu(0).cores(2).memoryMB(64).build()).build())
        .build();
    Placement p = PlacementEngineTest.place(PlacementEngineTest.cluster(List.of(fourCores())),
        Jobs.mockBuilder("tasks", tg).build()).placements().get(0);
    AllocatedCpuResources init = p.resources().tasks().get("init").cpu();
    AllocatedCpuResources main = p.resources().tasks().get("main").cpu();
    assertThat(init.reservedCores()).containsExactly(0);
    assertThat(main.reservedCores()).containsExactly(1, 2);
    assertThat(main.cpuShares()).isEqualTo(7000);
  }

  @Test
  void theNodesOwnReservedCoresAreNeverGiven() {
    var node = fourCores();
    node = node.toBuilder().reservedResources(new io.caravan.model.cluster.NodeReservedResources(
        new io.caravan.model.cluster.NodeReservedCpuResources(100, List.of(0, 1)),
        node.reservedResources().memory(), node.reservedResources().disk(), node.reservedResources().networks()))
        .build();
    PlacementResult r = PlacementEngineTest.place(PlacementEngineTest.cluster(List.of(node)),
        Jobs.mockBuilder("pinned", coresGroup(2, 1)).build());
    assertThat(r.placements()).extracting(CorePinningTest::cores)
        .containsExactlyInAnyOrder(List.of(2), List.of(3));
  }

  @Test
  void planApplierRejectsAPlanGivingAnExistingAllocationsCores() {
    InMemoryCluster c = PlacementEngineTest.cluster(List.of(fourCores()));
    Job first = Jobs.mockBuilder("first", coresGroup(1, 2)).build();
    Placement p1 = PlacementEngineTest.place(c, first).placements().get(0);
    // A second plan computed on the same (stale) snapshot gets the same cores ...
    Job second = Jobs.mockBuilder("second", coresGroup(1, 2)).build();
    Placement p2 = PlacementEngineTest.place(c, second).placements().get(0);
    assertThat(cores(p2)).isEqualTo(cores(p1));
    c.upsertAlloc(asAllocation(p1, first));
    // ... and the applier's fit re-check rejects it once the first is committed.
    Plan plan = new Plan("eval-2", "token", 50, false, null, Map.of(),
        Map.of("node-000", List.of(asAllocation(p2, second).toBuilder().id("second-0").clientStatus("pending").build())),
        Map.of(), null, null, null, 0);
    assertThat(new PlanApplier().evaluate(c, plan).rejectionReasons()).containsEntry("node-000", "cores");
  }

  @Test
  void allocatedResourcesCarryTheCoresToAllocationsOfTheUsageModel() {
    InMemoryCluster c = PlacementEngineTest.cluster(List.of(fourCores()));
    Job job = Jobs.mockBuilder("pinned", coresGroup(1, 3)).build();
    Placement p = PlacementEngineTest.place(c, job).placements().get(0);
    AllocatedResources res = asAllocation(p, job).allocatedResources();
    assertThat(io.caravan.scheduler.resources.AllocUsage.of(asAllocation(p, job), 50).cores())
        .containsExactlyElementsOf(res.tasks().get("web").cpu().reservedCores());
  }
}
