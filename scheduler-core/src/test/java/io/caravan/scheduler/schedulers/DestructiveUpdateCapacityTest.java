package io.caravan.scheduler.schedulers;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.job.Job;
import io.caravan.model.job.Resources;
import io.caravan.model.job.TaskGroup;
import io.caravan.scheduler.harness.LoopStats;
import io.caravan.scheduler.harness.SchedulingLoop;
import io.caravan.scheduler.plan.internal.AllocsFit;
import io.caravan.scheduler.testing.Allocs;
import io.caravan.scheduler.testing.Jobs;
import io.caravan.scheduler.testing.Nodes;
import java.util.List;
import org.junit.jupiter.api.Test;

class DestructiveUpdateCapacityTest {
  @Test
  void destructiveUpdatesThatOnlyPartlyFitDoNotOvercommitTheirNode() {
    SchedulingLoop loop = SchedulingLoop.builder().seed(3).build();
    loop.upsertNode(Nodes.mock("n0")); // 13900 MHz available
    // Another job's allocation leaves 470 MHz: room for 4 x 110 MHz, but only 3 x 130 MHz even
    // after all four old allocations stop.
    loop.cluster().upsertAlloc(Allocs.sized("filler", "n0", 13430, 100, 100));
    Job v0 = Jobs.mockBuilder("web", Jobs.group(4, 110, 256).build()).build();
    loop.registerJob(v0);
    loop.runUntilIdle(10);
    assertThat(live(loop)).hasSize(4);

    TaskGroup g = v0.taskGroupsOrEmpty().get(0);
    Job v1 = v0.toBuilder().taskGroups(List.of(g.toBuilder().tasks(List.of(g.tasksOrEmpty().get(0).toBuilder()
        .resources(Resources.builder().cpu(130).memoryMB(256).build()).build())).build())).build();
    loop.registerJob(v1);
    LoopStats stats = loop.runUntilIdle(10);

    assertThat(stats.schedulerErrors()).isEmpty();
    assertThat(stats.partialCommits()).as("the plan fits as computed; the applier rejects nothing").isZero();
    assertThat(loop.evaluations().values()).extracting(Evaluation::statusDescription)
        .noneMatch(d -> d.startsWith("maximum attempts"));
    List<Allocation> onNode = loop.cluster().allocsByNode("n0").stream().filter(a -> !a.terminal()).toList();
    assertThat(AllocsFit.check(loop.cluster().nodeById("n0").orElseThrow(), onNode)).isNull();
    assertThat(live(loop)).as("every group member either kept or replaced").hasSize(4);
  }

  private static List<Allocation> live(SchedulingLoop loop) {
    return loop.cluster().allocsByJob("default", "web").stream().filter(a -> !a.terminal()).toList();
  }
}
