package io.caravan.scheduler.schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caravan.model.cluster.AllocMetric;
import io.caravan.model.cluster.AllocStatus;
import io.caravan.model.cluster.AllocatedResources;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Deployment;
import io.caravan.model.cluster.DeploymentStatusUpdate;
import io.caravan.model.cluster.EvalStatus;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.cluster.Plan;
import io.caravan.model.cluster.RescheduleEvent;
import io.caravan.model.cluster.RescheduleTracker;
import io.caravan.model.job.Job;
import io.caravan.scheduler.placement.Placement;
import io.caravan.scheduler.snapshot.InMemoryCluster;
import io.caravan.scheduler.testing.Jobs;
import io.caravan.scheduler.testing.Nodes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanBuilderTest {
  private final Job job = Jobs.mockBuilder("j", Jobs.group(2, 500, 256).build()).allAtOnce(true).build();
  private final Evaluation eval = Evaluation.builder().id("e1").namespace("default").priority(70).type("service")
      .triggeredBy("job-register").jobID("j").status(EvalStatus.PENDING).build();
  private final InMemoryCluster cluster = new InMemoryCluster();

  private Allocation running(String id, String node, String jobId, String name) {
    return Allocation.builder().id(id).namespace("default").name(name).nodeID(node).jobID(jobId).taskGroup("web")
        .desiredStatus(AllocStatus.DESIRED_RUN).clientStatus(AllocStatus.CLIENT_RUNNING).build();
  }

  private Placement placement(String allocId, String node, List<String> preempted) {
    AllocMetric metric = new AllocMetric(3, 0, 3, "default", Map.of("dc1", 3), null, null, 0, null, null, null,
        null, null, Duration.ZERO, 0);
    return new Placement(allocId, "j.web[1]", "web", Nodes.mock(node), 0.5,
        new AllocatedResources(Map.of(), null, null), metric, preempted);
  }

  @Test
  void buildsAFullAllocationFromAPlacement() {
    cluster.upsertNode(Nodes.mock("n1"));
    PlanBuilder plan = new PlanBuilder(eval, job, cluster, 42L);
    RescheduleTracker tracker = new RescheduleTracker(List.of(new RescheduleEvent(40L, "old", "n0", Duration.ofSeconds(5))), "");
    Allocation a = plan.place(placement("new-1", "n1", List.of()),
        PlacementDetails.NONE.withDeployment("d1").replacing("old").withRescheduleTracker(tracker).asCanary(true));
    assertThat(a.id()).isEqualTo("new-1");
    assertThat(a.name()).isEqualTo("j.web[1]");
    assertThat(a.namespace()).isEqualTo("default");
    assertThat(a.evalID()).isEqualTo("e1");
    assertThat(a.jobID()).isEqualTo("j");
    assertThat(a.job()).isEqualTo(job);
    assertThat(a.taskGroup()).isEqualTo("web");
    assertThat(a.nodeID()).isEqualTo("n1");
    assertThat(a.nodeName()).isEqualTo("client-n1");
    assertThat(a.allocatedResources()).isNotNull();
    assertThat(a.metrics().nodesEvaluated()).isEqualTo(3);
    assertThat(a.desiredStatus()).isEqualTo(AllocStatus.DESIRED_RUN);
    assertThat(a.clientStatus()).isEqualTo(AllocStatus.CLIENT_PENDING);
    assertThat(a.deploymentID()).isEqualTo("d1");
    assertThat(a.deploymentStatus().canary()).isTrue();
    assertThat(a.previousAllocation()).isEqualTo("old");
    assertThat(a.rescheduleTracker()).isEqualTo(tracker);
    assertThat(a.createTime()).isEqualTo(42L);
    Plan p = plan.build();
    assertThat(p.evalID()).isEqualTo("e1");
    assertThat(p.priority()).isEqualTo(70);
    assertThat(p.allAtOnce()).isTrue();
    assertThat(p.job()).isEqualTo(job);
    assertThat(p.snapshotIndex()).isEqualTo(cluster.latestIndex());
    assertThat(p.nodeAllocation()).containsOnlyKeys("n1");
    assertThat(p.nodeAllocation().get("n1")).containsExactly(a);
    assertThat(plan.newAllocIds()).containsExactly("new-1");
  }

  @Test
  void evictsPreemptedAllocationsAndCountsThemInTheGroupsAnnotation() {
    Allocation victim = running("v1", "n1", "low", "low.web[0]");
    cluster.upsertNode(Nodes.mock("n1")).upsertAlloc(victim);
    PlanBuilder plan = new PlanBuilder(eval, job, cluster, 0);
    Allocation a = plan.place(placement("new-1", "n1", List.of("v1")), PlacementDetails.NONE);
    assertThat(a.preemptedAllocations()).containsExactly("v1");
    Plan p = plan.build();
    assertThat(p.nodePreemptions().get("n1")).singleElement().satisfies(e -> {
      assertThat(e.id()).isEqualTo("v1");
      assertThat(e.desiredStatus()).isEqualTo(AllocStatus.DESIRED_EVICT);
      assertThat(e.desiredDescription()).isEqualTo("Preempted by alloc ID new-1");
      assertThat(e.preemptedByAllocation()).isEqualTo("new-1");
    });
    assertThat(p.annotations().desiredTGUpdates().get("web").preemptions()).isEqualTo(1);
    assertThat(p.annotations().preemptedAllocs()).extracting(Allocation::id).containsExactly("v1");
  }

  @Test
  void aPreemptedAllocationMissingFromTheSnapshotIsAnError() {
    PlanBuilder plan = new PlanBuilder(eval, job, cluster, 0);
    assertThatThrownBy(() -> plan.place(placement("new-1", "n1", List.of("ghost")), PlacementDetails.NONE))
        .isInstanceOf(SchedulerException.class)
        .hasMessageContaining("preempts allocation ghost which is not in the snapshot");
  }

  @Test
  void placingWithoutAJobIsAnError() {
    PlanBuilder plan = new PlanBuilder(eval, null, cluster, 0);
    assertThatThrownBy(() -> plan.place(placement("new-1", "n1", List.of()), PlacementDetails.NONE))
        .isInstanceOf(SchedulerException.class).hasMessageContaining("no longer exists");
  }

  @Test
  void stopsWithDescriptionClientStatusAndFollowUpAndCanWithdrawTheStop() {
    PlanBuilder plan = new PlanBuilder(eval, job, cluster, 0);
    Allocation a = running("a1", "n1", "j", "j.web[0]");
    Allocation b = running("a2", "n2", "j", "j.web[1]");
    plan.stop(a, "alloc is lost since its node is down", AllocStatus.CLIENT_LOST, "f1");
    plan.stop(b, "alloc not needed due to job update");
    assertThat(plan.isNoOp()).isFalse();
    Plan p = plan.build();
    assertThat(p.nodeUpdate().get("n1")).singleElement().satisfies(s -> {
      assertThat(s.desiredStatus()).isEqualTo(AllocStatus.DESIRED_STOP);
      assertThat(s.desiredDescription()).isEqualTo("alloc is lost since its node is down");
      assertThat(s.clientStatus()).isEqualTo(AllocStatus.CLIENT_LOST);
      assertThat(s.followupEvalID()).isEqualTo("f1");
    });
    assertThat(p.nodeUpdate().get("n2").get(0).clientStatus()).isEqualTo(AllocStatus.CLIENT_RUNNING);
    assertThat(plan.removeStop(b)).isTrue();
    assertThat(plan.removeStop(b)).isFalse();
    assertThat(plan.build().nodeUpdate()).containsOnlyKeys("n1");
  }

  @Test
  void updatesInPlaceKeepingTheAllocationAndClearingDeploymentStatusOnANewDeployment() {
    PlanBuilder plan = new PlanBuilder(eval, job, cluster, 9);
    Allocation a = running("a1", "n1", "j", "j.web[0]").toBuilder().deploymentID("d0")
        .deploymentStatus(new io.caravan.model.cluster.AllocDeploymentStatus(true, null, false, 1)).build();
    Job v2 = job.toBuilder().version(2L).build();
    Allocation u = plan.updateInPlace(a, v2, "d1");
    assertThat(u.id()).isEqualTo("a1");
    assertThat(u.job()).isEqualTo(v2);
    assertThat(u.evalID()).isEqualTo("e1");
    assertThat(u.deploymentID()).isEqualTo("d1");
    assertThat(u.deploymentStatus()).isNull();
    assertThat(plan.build().nodeAllocation().get("n1")).containsExactly(u);
    assertThat(plan.newAllocIds()).isEmpty();
  }

  @Test
  void carriesDeploymentChangesAndGroupAnnotations() {
    PlanBuilder plan = new PlanBuilder(eval, job, cluster, 0);
    assertThat(plan.isNoOp()).isTrue();
    Deployment d = Deployment.builder().id("d1").jobID("j").build();
    plan.createDeployment(d);
    plan.updateDeployment(new DeploymentStatusUpdate("d0", "cancelled", "superseded"));
    plan.changes("web").place(2).stop(1).inPlaceUpdate(3).destructiveUpdate(4).migrate(5).canary(6).ignore(7);
    assertThat(plan.isNoOp()).isFalse();
    Plan p = plan.build();
    assertThat(p.deployment()).isEqualTo(d);
    assertThat(p.deploymentUpdates()).extracting(DeploymentStatusUpdate::deploymentID).containsExactly("d0");
    var u = p.annotations().desiredTGUpdates().get("web");
    assertThat(List.of(u.place(), u.stop(), u.inPlaceUpdate(), u.destructiveUpdate(), u.migrate(), u.canary(), u.ignore()))
        .containsExactly(2L, 1L, 3L, 4L, 5L, 6L, 7L);
  }
}
