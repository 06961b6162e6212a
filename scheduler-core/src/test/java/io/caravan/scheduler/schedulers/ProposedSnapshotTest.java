package io.caravan.scheduler.schedulers;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.cluster.AllocStatus;
import io.caravan.model.cluster.AllocatedCpuResources;
import io.caravan.model.cluster.AllocatedMemoryResources;
import io.caravan.model.cluster.AllocatedResources;
import io.caravan.model.cluster.AllocatedTaskResources;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.EvalStatus;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.job.Job;
import io.caravan.scheduler.placement.GroupRequest;
import io.caravan.scheduler.placement.PlacementEngine;
import io.caravan.scheduler.placement.PlacementRequest;
import io.caravan.scheduler.placement.PlacementResult;
import io.caravan.scheduler.snapshot.InMemoryCluster;
import io.caravan.scheduler.snapshot.SchedulerConfiguration;
import io.caravan.scheduler.testing.Jobs;
import io.caravan.scheduler.testing.Nodes;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProposedSnapshotTest {
  private final Evaluation eval = Evaluation.builder().id("e-proposed-1").namespace("default").priority(50)
      .type("service").triggeredBy("job-register").jobID("j").status(EvalStatus.PENDING).build();

  private static Allocation big(String id, String node, Job job) {
    return Allocation.builder().id(id).namespace("default").name("j.web[0]").nodeID(node).jobID("j").job(job)
        .taskGroup("web").desiredStatus(AllocStatus.DESIRED_RUN).clientStatus(AllocStatus.CLIENT_RUNNING)
        .allocatedResources(new AllocatedResources(Map.of("web", new AllocatedTaskResources(
            new AllocatedCpuResources(10000, null), new AllocatedMemoryResources(6000, 0), null, null)), null, null))
        .build();
  }

  private static PlacementResult placeOne(ProposedSnapshot view, Job job, String evalId) {
    return new PlacementEngine(view, SchedulerConfiguration.serverDefaults())
        .place(new PlacementRequest(job, evalId, List.of(new GroupRequest("web", List.of("j.web[0]"))), Set.of()));
  }

  @Test
  void aStoppedAllocationFreesItsResourcesForTheNextPlacement() {
    Job job = Jobs.mockBuilder("j", Jobs.group(1, 10000, 6000).build()).build();
    InMemoryCluster c = new InMemoryCluster().upsertNode(Nodes.mock("n1")).upsertJob(job);
    Allocation old = big("old", "n1", job);
    c.upsertAlloc(old);
    PlanBuilder plan = new PlanBuilder(eval, job, c, 0);
    ProposedSnapshot view = new ProposedSnapshot(c, plan);
    assertThat(placeOne(view, job, eval.id()).placements()).as("the node is full before the stop").isEmpty();
    plan.stop(old, "alloc is being updated due to job update");
    PlacementResult r = placeOne(view, job, eval.id());
    assertThat(r.placements()).singleElement().satisfies(p -> assertThat(p.node().id()).isEqualTo("n1"));
    assertThat(view.allocsByNode("n1")).singleElement().satisfies(a -> assertThat(a.terminal()).isTrue());
  }

  @Test
  void earlierPlacementsOfThePlanUseCapacity() {
    Job job = Jobs.mockBuilder("j", Jobs.group(1, 10000, 6000).build()).build();
    InMemoryCluster c = new InMemoryCluster().upsertNode(Nodes.mock("n1")).upsertJob(job);
    PlanBuilder plan = new PlanBuilder(eval, job, c, 0);
    ProposedSnapshot view = new ProposedSnapshot(c, plan);
    plan.place(placeOne(view, job, eval.id()).placements().get(0), PlacementDetails.NONE);
    assertThat(view.allocsByNode("n1")).hasSize(1);
    assertThat(view.allocsByJob("default", "j")).hasSize(1);
    assertThat(placeOne(view, job, "e-proposed-2").placements()).isEmpty();
  }

  @Test
  void restrictsCandidateNodes() {
    InMemoryCluster c = new InMemoryCluster();
    Nodes.mocks(3).forEach(c::upsertNode);
    ProposedSnapshot view = new ProposedSnapshot(c, new PlanBuilder(eval, null, c, 0)).restrictedTo(Set.of("node-001"));
    assertThat(view.nodes()).extracting(n -> n.id()).containsExactly("node-001");
    assertThat(view.nodesByPool("default")).extracting(n -> n.id()).containsExactly("node-001");
    assertThat(view.nodeById("node-002")).isPresent();
  }

  @Test
  void canLimitTheJobsAllocationsToTheRestrictedNodes() {
    Job job = Jobs.mockBuilder("j", Jobs.group(1, 500, 256).build()).build();
    InMemoryCluster c = new InMemoryCluster();
    Nodes.mocks(3).forEach(c::upsertNode);
    c.upsertJob(job);
    PlanBuilder plan = new PlanBuilder(eval, job, c, 0);
    ProposedSnapshot view = new ProposedSnapshot(c, plan);
    c.upsertAlloc(big("a0", "node-000", job));
    plan.place(placeOne(view.restrictedTo(Set.of("node-001")), job, eval.id()).placements().get(0), PlacementDetails.NONE);
    assertThat(view.restrictedTo(Set.of("node-002")).allocsByJob("default", "j")).hasSize(2);
    assertThat(view.restrictedTo(Set.of("node-002"), true).allocsByJob("default", "j")).isEmpty();
    assertThat(view.restrictedTo(Set.of("node-001", "node-000"), true).allocsByJob("default", "j"))
        .extracting(Allocation::nodeID).containsExactlyInAnyOrder("node-000", "node-001");
  }
}
