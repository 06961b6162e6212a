package io.caravan.scheduler.schedulers;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.EvalStatus;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.job.Constraint;
import io.caravan.model.job.Job;
import io.caravan.scheduler.harness.LoopStats;
import io.caravan.scheduler.harness.SchedulingLoop;
import io.caravan.scheduler.testing.Jobs;
import io.caravan.scheduler.testing.Nodes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** System jobs through the broker, blocked evals and plan applier (SchedulingLoop) with the real schedulers. */
class SystemSchedulerLoopTest {
  private static List<Allocation> live(SchedulingLoop loop, String job, String node) {
    return loop.cluster().allocsByNode(node).stream().filter(a -> a.jobID().equals(job) && !a.terminal()).toList();
  }

  @Test
  void aNodeWithoutRoomBlocksAndThePlacementFollowsWhenCapacityIsFreed() {
    SchedulingLoop loop = SchedulingLoop.builder().seed(7).build();
    loop.upsertNode(Nodes.node("big", "dc1", 8000, 8192, 100, 256, Map.of(), "ready", "eligible"));
    loop.upsertNode(Nodes.node("small", "dc1", 1100, 8192, 100, 256, Map.of(), "ready", "eligible"));
    loop.registerJob(Jobs.mockBuilder("batchy", Jobs.group(1, 800, 256).build()).type("service").priority(50)
        .constraint(new Constraint("${node.unique.id}", "small", "=")).build());
    assertThat(loop.runUntilIdle(50).schedulerErrors()).isEmpty();
    loop.settleClients();
    assertThat(live(loop, "batchy", "small")).hasSize(1);

    Job agent = Jobs.mockBuilder("agent", Jobs.group(1, 500, 256).build()).type("system").priority(50).build();
    Evaluation register = loop.registerJob(agent);
    LoopStats stats = loop.runUntilIdle(50);
    assertThat(stats.schedulerErrors()).isEmpty();
    assertThat(live(loop, "agent", "big")).hasSize(1);
    assertThat(live(loop, "agent", "small")).as("500 MHz does not fit next to 800 of 1000").isEmpty();
    Evaluation done = loop.evaluations().get(register.id());
    assertThat(done.status()).isEqualTo(EvalStatus.COMPLETE);
    assertThat(done.queuedAllocations()).containsEntry("web", 1);
    assertThat(done.failedTGAllocs()).containsKey("web");
    Evaluation blocked = loop.blockedEvals().blockedEval("default", "agent").orElseThrow();
    assertThat(blocked.nodeID()).isEqualTo("small");
    assertThat(blocked.classEligibility()).isNotEmpty();

    Allocation other = live(loop, "batchy", "small").get(0);
    loop.updateAllocClientStatus(other.id(), "complete");
    assertThat(loop.runUntilIdle(50).schedulerErrors()).isEmpty();
    assertThat(live(loop, "agent", "small")).as("unblocked when the node's capacity was freed").hasSize(1);
    assertThat(loop.blockedEvals().blockedEval("default", "agent")).isEmpty();
  }

  @Test
  void aFilteredNodeGetsNothingAndBlocksNothing() {
    SchedulingLoop loop = SchedulingLoop.builder().seed(8).build();
    loop.upsertNode(Nodes.node("r1", "dc1", 8000, 8192, 100, 256, Map.of("rack", "r1"), "ready", "eligible"));
    loop.upsertNode(Nodes.node("r2", "dc1", 8000, 8192, 100, 256, Map.of("rack", "r2"), "ready", "eligible"));
    Evaluation register = loop.registerJob(Jobs.mockBuilder("agent", Jobs.group(1, 500, 256)
        .constraints(List.of(new Constraint("${meta.rack}", "r1", "="))).build()).type("system").build());
    assertThat(loop.runUntilIdle(50).schedulerErrors()).isEmpty();
    assertThat(live(loop, "agent", "r1")).hasSize(1);
    assertThat(live(loop, "agent", "r2")).isEmpty();
    Evaluation done = loop.evaluations().get(register.id());
    assertThat(done.status()).isEqualTo(EvalStatus.COMPLETE);
    assertThat(done.failedTGAllocs()).isNull();
    assertThat(done.queuedAllocations()).containsEntry("web", 0);
    assertThat(loop.blockedEvals().blockedEval("default", "agent")).isEmpty();
  }
}
