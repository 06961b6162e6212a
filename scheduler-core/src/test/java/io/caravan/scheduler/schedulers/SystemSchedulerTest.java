package io.caravan.scheduler.schedulers;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.cluster.AllocStatus;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.EvalStatus;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.cluster.Plan;
import io.caravan.model.job.Job;
import io.caravan.scheduler.reconcile.TasksUpdated;
import io.caravan.scheduler.snapshot.InMemoryCluster;
import io.caravan.scheduler.snapshot.SchedulerConfiguration;
import io.caravan.scheduler.testing.Jobs;
import io.caravan.scheduler.testing.Nodes;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SystemSchedulerTest {
  private static Job systemJob(String id) {
    return Jobs.mockBuilder(id, Jobs.group(1, 500, 256).build()).type("system").jobModifyIndex(10L).version(1L).build();
  }

  private static Evaluation eval(Job job, String id) {
    return Evaluation.builder().id(id).namespace("default").priority(50).type(job.type())
        .triggeredBy(EvalTriggers.JOB_REGISTER).jobID(job.id()).status(EvalStatus.PENDING).build();
  }

  private static InMemoryCluster cluster(int nodes, Job job) {
    InMemoryCluster c = new InMemoryCluster();
    Nodes.mocks(nodes).forEach(c::upsertNode);
    c.upsertJob(job);
    return c;
  }

  private static SystemScheduler scheduler(InMemoryCluster c, io.caravan.scheduler.snapshot.Planner planner) {
    return new SystemScheduler(new SchedulerContext(c, planner, SchedulerConfiguration.serverDefaults(), EvalProcessorTest.CLOCK),
        false, TasksUpdated::destructive);
  }

  @Test
  void retriesOnTheRefreshedSnapshotAndPlacesTheRestAfterAPartialCommit() {
    Job job = systemJob("sys");
    InMemoryCluster c = cluster(4, job);
    ScriptedPlanner planner = new ScriptedPlanner(c, n -> n == 0 ? 1 : Integer.MAX_VALUE, true);
    scheduler(c, planner).process(eval(job, "5e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b"));
    assertThat(planner.submitted).hasSize(2);
    assertThat(planner.results.get(0).refreshIndex()).isPositive();
    Plan retry = planner.submitted.get(1);
    assertThat(retry.nodeAllocation()).as("the retry places only on the 3 nodes not committed").hasSize(3);
    assertThat(retry.snapshotIndex()).isGreaterThan(planner.submitted.get(0).snapshotIndex());
    List<Allocation> live = c.allocsByJob("default", "sys").stream().filter(a -> !a.terminal()).toList();
    assertThat(live).extracting(Allocation::nodeID).containsExactlyInAnyOrder("node-000", "node-001", "node-002", "node-003");
    Evaluation done = c.updatedEvals().get(0);
    assertThat(done.status()).isEqualTo(EvalStatus.COMPLETE);
    assertThat(done.queuedAllocations()).containsEntry("web", 0);
  }

  @Test
  void failsAfterFiveAttemptsWithoutProgressAndCreatesNoBlockedEval() {
    Job job = systemJob("sys");
    InMemoryCluster c = cluster(2, job);
    ScriptedPlanner planner = new ScriptedPlanner(c, n -> 0, true);
    scheduler(c, planner).process(eval(job, "5e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b"));
    assertThat(planner.submitted).hasSize(5);
    assertThat(c.createdEvals()).isEmpty();
    Evaluation done = c.updatedEvals().get(0);
    assertThat(done.status()).isEqualTo(EvalStatus.FAILED);
    assertThat(done.statusDescription()).isEqualTo("maximum attempts reached (5)");
    assertThat(done.queuedAllocations()).containsEntry("web", 2);
  }

  @Test
  void isDeterministicAndDrawsDistinctAllocationIds() {
    Job job = systemJob("sys");
    InMemoryCluster a = cluster(50, job);
    InMemoryCluster b = cluster(50, job);
    scheduler(a, a).process(eval(job, "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"));
    scheduler(b, b).process(eval(job, "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"));
    assertThat(a.plans()).isEqualTo(b.plans());
    List<String> ids = a.plans().get(0).nodeAllocation().values().stream().flatMap(List::stream).map(Allocation::id).toList();
    assertThat(ids).hasSize(50).doesNotHaveDuplicates();
    InMemoryCluster other = cluster(50, job);
    scheduler(other, other).process(eval(job, "ffffffff-4e5f-4a6b-8c7d-000000000001"));
    List<String> otherIds = other.plans().get(0).nodeAllocation().values().stream().flatMap(List::stream).map(Allocation::id).toList();
    assertThat(otherIds).as("another evaluation draws other IDs").doesNotContainAnyElementsOf(ids);
  }

  @Test
  void namesAllocationsByJobNameAndPlacesEveryGroupOnEveryNode() {
    Job job = Jobs.mockBuilder("sys-id", Jobs.group(1, 500, 256).build()).type("system").name("agent")
        .taskGroups(List.of(Jobs.group(1, 500, 256).name("a").build(), Jobs.group(1, 500, 256).name("b").build()))
        .build();
    InMemoryCluster c = cluster(3, job);
    scheduler(c, c).process(eval(job, "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"));
    List<Allocation> placed = c.plans().get(0).nodeAllocation().values().stream().flatMap(List::stream).toList();
    assertThat(placed).hasSize(6);
    assertThat(placed.stream().map(Allocation::name).collect(Collectors.toSet())).containsExactlyInAnyOrder("agent.a[0]", "agent.b[0]");
    assertThat(placed).allSatisfy(a -> {
      assertThat(a.desiredStatus()).isEqualTo(AllocStatus.DESIRED_RUN);
      assertThat(a.clientStatus()).isEqualTo(AllocStatus.CLIENT_PENDING);
      assertThat(a.metrics().nodesInPool()).isEqualTo(3);
    });
  }

  @Test
  void aSecondEvaluationOfAnUnchangedJobIsANoOp() {
    Job job = systemJob("sys");
    InMemoryCluster c = cluster(3, job);
    scheduler(c, c).process(eval(job, "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e"));
    scheduler(c, c).process(eval(job, "3c4d5e6f-7a8b-4c9d-0e1f-2a3b4c5d6e7f"));
    assertThat(c.plans()).hasSize(1);
    assertThat(c.updatedEvals()).extracting(Evaluation::status).containsExactly(EvalStatus.COMPLETE, EvalStatus.COMPLETE);
  }
}
