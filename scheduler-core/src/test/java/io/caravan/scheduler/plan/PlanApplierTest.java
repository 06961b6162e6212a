package io.caravan.scheduler.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.cluster.AllocDeploymentStatus;
import io.caravan.model.cluster.AllocatedCpuResources;
import io.caravan.model.cluster.AllocatedDeviceResource;
import io.caravan.model.cluster.AllocatedResources;
import io.caravan.model.cluster.AllocatedTaskResources;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Deployment;
import io.caravan.model.cluster.DeploymentState;
import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.NodeDevice;
import io.caravan.model.cluster.NodeDeviceResource;
import io.caravan.model.cluster.NodeResources;
import io.caravan.model.cluster.Plan;
import io.caravan.model.cluster.PlanResult;
import io.caravan.scheduler.harness.ManualClock;
import io.caravan.scheduler.snapshot.InMemoryCluster;
import io.caravan.scheduler.testing.Allocs;
import io.caravan.scheduler.testing.Nodes;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanApplierTest {
  private final PlanApplier applier = new PlanApplier();

  static Allocation alloc(String id, String node, long cpu, long mem, long disk, int... ports) {
    return Allocs.sized(id, node, cpu, mem, disk, ports);
  }

  static Allocation pending(Allocation a) {
    return a.toBuilder().clientStatus("pending").build();
  }

  static Plan plan(Map<String, List<Allocation>> stops, Map<String, List<Allocation>> places,
      Map<String, List<Allocation>> preempt, boolean allAtOnce, Deployment deployment) {
    return new Plan("eval-1", "token", 50, allAtOnce, null, stops, places, preempt, null, deployment, null, 0);
  }

  static Plan places(Map<String, List<Allocation>> places) {
    return plan(Map.of(), places, Map.of(), false, null);
  }

  /** Writes what the applier accepted, as a committer would. */
  static void commit(InMemoryCluster c, PlanResult r) {
    r.nodeUpdate().values().forEach(l -> l.forEach(a -> c.upsertAlloc(a.toBuilder().desiredStatus("stop").build())));
    r.nodePreemptions().values().forEach(l -> l.forEach(a -> c.upsertAlloc(a.toBuilder().desiredStatus("evict").build())));
    r.nodeAllocation().values().forEach(l -> l.forEach(c::upsertAlloc));
  }

  @Test
  void twoPlansFromTheSameSnapshotCommitOnlyWhatStillFits() {
    InMemoryCluster c = new InMemoryCluster().upsertNode(Nodes.mock("n1")).upsertNode(Nodes.mock("n2"));
    // Both schedulers saw an empty n1 (7936 MB available) and each put 2 x 3000 MB on it.
    Plan first = places(Map.of("n1", List.of(pending(alloc("a1", "n1", 500, 3000, 100)),
        pending(alloc("a2", "n1", 500, 3000, 100)))));
    Plan second = places(Map.of(
        "n1", List.of(pending(alloc("b1", "n1", 500, 3000, 100)), pending(alloc("b2", "n1", 500, 3000, 100))),
        "n2", List.of(pending(alloc("b3", "n2", 500, 3000, 100)))));

    PlanEvaluation e1 = applier.evaluate(c, first);
    assertThat(e1.fullyAccepted()).isTrue();
    assertThat(e1.result().refreshIndex()).isZero();
    assertThat(e1.result().nodeAllocation().get("n1")).hasSize(2);
    commit(c, e1.result());

    PlanEvaluation e2 = applier.evaluate(c, second);
    assertThat(e2.rejectionReasons()).containsExactly(Map.entry("n1", "memory"));
    assertThat(e2.result().rejectedNodes()).containsExactly("n1");
    assertThat(e2.result().nodeAllocation()).containsOnlyKeys("n2");
    assertThat(e2.result().refreshIndex()).isEqualTo(c.latestIndex()).isPositive();
    assertThat(e2.result().ineligibleNodes()).isEmpty();
    assertThat(e2.result().allocIndex()).as("set by the committer").isZero();
  }

  @Test
  void allAtOncePlanCommitsNothingWhenOneNodeIsRejected() {
    InMemoryCluster c = new InMemoryCluster().upsertNode(Nodes.mock("n1")).upsertNode(Nodes.mock("n2"));
    c.upsertAlloc(alloc("existing", "n2", 13000, 1000, 100));
    Deployment d = Deployment.builder().id("d1").jobID("j").status("running").build();
    Plan p = plan(Map.of("n1", List.of(alloc("old", "n1", 100, 100, 100))),
        Map.of("n1", List.of(pending(alloc("x1", "n1", 1000, 1000, 100))),
            "n2", List.of(pending(alloc("x2", "n2", 1000, 1000, 100)))), Map.of(), true, d);
    PlanEvaluation e = applier.evaluate(c, p);
    assertThat(e.rejectionReasons()).containsExactly(Map.entry("n2", "cpu"));
    PlanResult r = e.result();
    assertThat(r.nodeAllocation()).isEmpty();
    assertThat(r.nodeUpdate()).isEmpty();
    assertThat(r.deployment()).isNull();
    assertThat(r.refreshIndex()).isEqualTo(c.latestIndex());

    PlanEvaluation partial = applier.evaluate(c, plan(p.nodeUpdate(), p.nodeAllocation(), Map.of(), false, d));
    assertThat(partial.result().nodeAllocation()).containsOnlyKeys("n1");
    assertThat(partial.result().nodeUpdate()).containsOnlyKeys("n1");
    assertThat(partial.result().deployment()).isEqualTo(d);
  }

  @Test
  void rejectsPlacementsOnADownOrMissingNodeButAcceptsLostUpdatesThere() {
    Node down = Nodes.mock("down").toBuilder().status("down").build();
    InMemoryCluster c = new InMemoryCluster().upsertNode(down).upsertNode(Nodes.mock("up"))
        .upsertNode(Nodes.mock("init").toBuilder().status("initializing").build());
    Allocation running = alloc("r", "down", 100, 100, 100);
    c.upsertAlloc(running);
    PlanEvaluation e = applier.evaluate(c, places(Map.of(
        "down", List.of(pending(alloc("new", "down", 100, 100, 100))),
        "gone", List.of(pending(alloc("new2", "gone", 100, 100, 100))),
        "init", List.of(pending(alloc("new3", "init", 100, 100, 100))),
        "up", List.of(pending(alloc("new4", "up", 100, 100, 100))))));
    assertThat(e.rejectionReasons()).containsExactly(
        Map.entry("down", "node is not ready for placements"),
        Map.entry("gone", "node does not exist"),
        Map.entry("init", "node is not ready for placements"));
    assertThat(e.result().nodeAllocation()).containsOnlyKeys("up");

    Allocation lost = running.toBuilder().clientStatus("lost").desiredStatus("stop").build();
    assertThat(applier.evaluate(c, places(Map.of("down", List.of(lost)))).fullyAccepted()).isTrue();
  }

  @Test
  void disconnectedNodeAcceptsOnlyUnknownUpdates() {
    InMemoryCluster c = new InMemoryCluster().upsertNode(Nodes.mock("n").toBuilder().status("disconnected").build());
    Allocation a = alloc("a", "n", 100, 100, 100);
    c.upsertAlloc(a);
    assertThat(applier.evaluate(c, places(Map.of("n", List.of(a.toBuilder().clientStatus("unknown").build()))))
        .fullyAccepted()).isTrue();
    assertThat(applier.evaluate(c, places(Map.of("n", List.of(pending(alloc("b", "n", 1, 1, 1))))))
        .rejectionReasons()).containsEntry("n", "node is disconnected and contains invalid updates");
  }

  @Test
  void stopsInThePlanFreeCapacityForItsPlacements() {
    InMemoryCluster c = new InMemoryCluster().upsertNode(Nodes.mock("n1"));
    Allocation old = alloc("old", "n1", 13000, 7000, 1000);
    c.upsertAlloc(old);
    Allocation replacement = pending(alloc("new", "n1", 13000, 7000, 1000));
    PlanEvaluation withStop = applier.evaluate(c,
        plan(Map.of("n1", List.of(old)), Map.of("n1", List.of(replacement)), Map.of(), false, null));
    assertThat(withStop.fullyAccepted()).isTrue();
    assertThat(withStop.result().nodeUpdate().get("n1")).containsExactly(old);

    PlanEvaluation withoutStop = applier.evaluate(c, places(Map.of("n1", List.of(replacement))));
    assertThat(withoutStop.rejectionReasons()).containsEntry("n1", "cpu");
  }

  @Test
  void preemptionsFreeCapacityAndAlreadyTerminalOnesAreDropped() {
    InMemoryCluster c = new InMemoryCluster().upsertNode(Nodes.mock("n1"));
    Allocation victim = alloc("victim", "n1", 13000, 1000, 100);
    Allocation done = alloc("done", "n1", 100, 100, 100).toBuilder().clientStatus("complete").build();
    c.upsertAlloc(victim).upsertAlloc(done);
    Allocation big = pending(alloc("big", "n1", 13000, 1000, 100));
    PlanEvaluation e = applier.evaluate(c,
        plan(Map.of(), Map.of("n1", List.of(big)), Map.of("n1", List.of(victim, done)), false, null));
    assertThat(e.fullyAccepted()).isTrue();
    assertThat(e.result().nodePreemptions().get("n1")).extracting(Allocation::id).containsExactly("victim");
  }

  @Test
  void inPlaceUpdatesAreAcceptedOnAnIneligibleNodeButNewPlacementsAreNot() {
    InMemoryCluster c = new InMemoryCluster().upsertNode(Nodes.mock("n1").toBuilder().schedulingEligibility("ineligible").build());
    Allocation a = alloc("a", "n1", 100, 100, 100);
    c.upsertAlloc(a);
    assertThat(applier.evaluate(c, places(Map.of("n1", List.of(a.toBuilder().modifyIndex(9).build()))))
        .fullyAccepted()).isTrue();
    assertThat(applier.evaluate(c, places(Map.of("n1", List.of(pending(alloc("b", "n1", 1, 1, 1))))))
        .rejectionReasons()).containsEntry("n1", "node is not eligible");
  }

  @Test
  void rejectsPortCollisionsIncludingNodeReservedPorts() {
    InMemoryCluster c = new InMemoryCluster().upsertNode(Nodes.mock("n1"));
    c.upsertAlloc(alloc("a", "n1", 100, 100, 100, 25000));
    assertThat(applier.evaluate(c, places(Map.of("n1", List.of(pending(alloc("b", "n1", 100, 100, 100, 25000))))))
        .rejectionReasons().get("n1")).startsWith("reserved alloc port collision").contains("25000");
    assertThat(applier.evaluate(c, places(Map.of("n1", List.of(pending(alloc("c", "n1", 100, 100, 100, 22))))))
        .rejectionReasons().get("n1")).contains("port 22").contains("reserved");
    assertThat(applier.evaluate(c, places(Map.of("n1", List.of(pending(alloc("d", "n1", 100, 100, 100, 25001))))))
        .fullyAccepted()).isTrue();
  }

  @Test
  void rejectsOverlappingReservedCoresAndDoublyGrantedDevices() {
    NodeResources res = Nodes.mock("n1").nodeResources();
    NodeDeviceResource gpus = new NodeDeviceResource("nvidia", "gpu", "1080ti",
        List.of(new NodeDevice("g0", true, "", null), new NodeDevice("g1", true, "", null)), null);
    Node node = Nodes.mock("n1").toBuilder().nodeResources(new NodeResources(res.cpu(), res.memory(), res.disk(),
        res.networks(), res.nodeNetworks(), List.of(gpus), 0, 0)).build();
    InMemoryCluster c = new InMemoryCluster().upsertNode(node);
    c.upsertAlloc(withCoresAndGpu(alloc("a", "n1", 100, 100, 100), List.of(0, 1), "g0"));
    assertThat(applier.evaluate(c, places(Map.of("n1",
        List.of(pending(withCoresAndGpu(alloc("b", "n1", 100, 100, 100), List.of(1), "g1")))))).rejectionReasons())
        .containsEntry("n1", "cores");
    assertThat(applier.evaluate(c, places(Map.of("n1",
        List.of(pending(withCoresAndGpu(alloc("b", "n1", 100, 100, 100), List.of(2), "g0")))))).rejectionReasons())
        .containsEntry("n1", "device oversubscribed");
    assertThat(applier.evaluate(c, places(Map.of("n1",
        List.of(pending(withCoresAndGpu(alloc("b", "n1", 100, 100, 100), List.of(7), "g1")))))).rejectionReasons())
        .as("core 7 does not exist on a 4-core node").containsEntry("n1", "cores");
    assertThat(applier.evaluate(c, places(Map.of("n1",
        List.of(pending(withCoresAndGpu(alloc("b", "n1", 100, 100, 100), List.of(2, 3), "g1")))))).fullyAccepted())
        .isTrue();
  }

  private static Allocation withCoresAndGpu(Allocation a, List<Integer> cores, String gpu) {
    AllocatedResources r = a.allocatedResources();
    AllocatedTaskResources t = r.tasks().get("web");
    AllocatedTaskResources t2 = new AllocatedTaskResources(new AllocatedCpuResources(t.cpu().cpuShares(), cores),
        t.memory(), null, List.of(new AllocatedDeviceResource("nvidia", "gpu", "1080ti", List.of(gpu))));
    return a.toBuilder().allocatedResources(new AllocatedResources(Map.of("web", t2), null, r.shared())).build();
  }

  @Test
  void clientTerminalAllocationsInThePlanDoNotCount() {
    InMemoryCluster c = new InMemoryCluster().upsertNode(Nodes.mock("n1"));
    c.upsertAlloc(alloc("a", "n1", 13000, 100, 100));
    Allocation finished = alloc("b", "n1", 13000, 100, 100).toBuilder().clientStatus("complete").build();
    assertThat(applier.evaluate(c, places(Map.of("n1", List.of(finished)))).fullyAccepted()).isTrue();
  }

  @Test
  void rejectedCanariesLeaveTheDeploymentsPlacedCanaries() {
    InMemoryCluster c = new InMemoryCluster().upsertNode(Nodes.mock("n1")).upsertNode(Nodes.mock("n2"));
    c.upsertAlloc(alloc("hog", "n2", 13900, 100, 100));
    Map<String, DeploymentState> groups = new LinkedHashMap<>();
    groups.put("web", new DeploymentState(List.of("earlier", "c1", "c2"), false, false, Duration.ZERO, null,
        false, 3, 10, 3, 0, 0));
    Deployment d = Deployment.builder().id("d1").jobID("j").status("running").taskGroups(groups).build();
    AllocDeploymentStatus canary = new AllocDeploymentStatus(null, null, true, 0);
    Plan p = plan(Map.of(), Map.of(
        "n1", List.of(pending(alloc("c1", "n1", 100, 100, 100)).toBuilder().deploymentStatus(canary).build()),
        "n2", List.of(pending(alloc("c2", "n2", 100, 100, 100)).toBuilder().deploymentStatus(canary).build())),
        Map.of(), false, d);
    PlanResult r = applier.evaluate(c, p).result();
    assertThat(r.deployment().taskGroups().get("web").placedCanaries()).containsExactly("earlier", "c1");
  }

  @Test
  void rejectionTrackerListsANodeRejectedTooOftenAsIneligible() {
    ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    PlanApplier tracking = new PlanApplier(new RejectionTracker(3, Duration.ofMinutes(10), clock));
    InMemoryCluster c = new InMemoryCluster().upsertNode(Nodes.mock("n1"));
    c.upsertAlloc(alloc("hog", "n1", 13900, 100, 100));
    Plan p = places(Map.of("n1", List.of(pending(alloc("x", "n1", 100, 100, 100)))));
    assertThat(tracking.evaluate(c, p).result().ineligibleNodes()).isEmpty();
    clock.advance(Duration.ofMinutes(11));
    assertThat(tracking.evaluate(c, p).result().ineligibleNodes()).as("the first rejection aged out").isEmpty();
    assertThat(tracking.evaluate(c, p).result().ineligibleNodes()).isEmpty();
    assertThat(tracking.evaluate(c, p).result().ineligibleNodes()).containsExactly("n1");
  }
}
