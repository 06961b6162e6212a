package io.caravan.scheduler.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.EvalStatus;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.cluster.Node;
import io.caravan.model.job.Job;
import io.caravan.scheduler.testing.Jobs;
import io.caravan.scheduler.testing.Nodes;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulingLoopTest {
  private static SchedulingLoop loop(int workers) {
    return SchedulingLoop.builder().seed(42).workers(workers).schedulers((type, ctx) -> new CountScheduler(ctx)).build();
  }

  private static List<Allocation> live(SchedulingLoop loop, String job) {
    return loop.cluster().allocsByJob("default", job).stream().filter(a -> !a.terminal()).toList();
  }

  /** A node with room for exactly {@code n} mock allocations (500 MHz / 256 MB each) by memory. */
  private static Node nodeFor(String id, int n) {
    return Nodes.node(id, "dc1", 14000, 256L * n + 256, 100, 256, java.util.Map.of(), "ready", "eligible");
  }

  @Test
  void withTheRealServiceSchedulerTheRetryAfterAPartialCommitPlacesTheRest() {
    SchedulingLoop loop = SchedulingLoop.builder().seed(42).workers(2).build();
    twoOverlappingEvaluations(loop);
  }

  @Test
  void twoEvaluationsPlannedOnOneSnapshotOverlapAndTheRetryPlacesTheRest() {
    twoOverlappingEvaluations(loop(2));
  }

  private static void twoOverlappingEvaluations(SchedulingLoop loop) {
    loop.upsertNode(nodeFor("n1", 3));
    loop.upsertNode(nodeFor("n2", 3));
    loop.registerJob(Jobs.mock("a", 3));
    loop.registerJob(Jobs.mock("b", 3));
    LoopStats stats = loop.runUntilIdle(50);

    assertThat(stats.idle()).isTrue();
    assertThat(stats.schedulerErrors()).isEmpty();
    // Both evaluations were planned on the same empty snapshot; the second one's plan collided
    // on at least one node, was committed in part, and its retry on the refreshed snapshot placed the rest.
    assertThat(stats.partialCommits()).isPositive();
    assertThat(loop.cluster().planResults()).anySatisfy(r -> assertThat(r.refreshIndex()).isPositive());
    assertThat(live(loop, "a")).hasSize(3);
    assertThat(live(loop, "b")).hasSize(3);
    for (String n : List.of("n1", "n2")) {
      assertThat(loop.cluster().allocsByNode(n).stream().filter(a -> !a.terminal())).hasSize(3);
    }
  }

  @Test
  void aBlockedEvaluationIsReleasedWhenCapacityArrives() {
    SchedulingLoop loop = loop(1);
    loop.upsertNode(nodeFor("n1", 2));
    Evaluation register = loop.registerJob(Jobs.mock("web", 3));
    loop.runUntilIdle(20);
    assertThat(live(loop, "web")).hasSize(2);
    assertThat(loop.blockedEvals().blockedEval("default", "web")).isPresent();
    assertThat(loop.evaluations().get(register.id()).status()).isEqualTo(EvalStatus.COMPLETE);

    loop.upsertNode(nodeFor("n2", 2));
    LoopStats stats = loop.runUntilIdle(20);
    assertThat(stats.idle()).isTrue();
    assertThat(live(loop, "web")).hasSize(3);
    assertThat(loop.blockedEvals().stats().totalBlocked()).isZero();
  }

  @Test
  void lostAllocationsOfADownNodeAreReplacedAndClientsSettle() {
    SchedulingLoop loop = loop(1);
    loop.upsertNode(nodeFor("n1", 4));
    loop.upsertNode(nodeFor("n2", 4));
    loop.registerJob(Jobs.mock("web", 4));
    loop.runUntilIdle(20);
    assertThat(loop.settleClients()).isEqualTo(4);
    assertThat(live(loop, "web")).allMatch(a -> a.clientStatus().equals("running"));

    Node n1 = loop.cluster().nodeById("n1").orElseThrow();
    long onN1 = live(loop, "web").stream().filter(a -> a.nodeID().equals("n1")).count();
    assertThat(onN1).isPositive();
    loop.upsertNode(n1.toBuilder().status("down").build());
    loop.runUntilIdle(20);
    assertThat(live(loop, "web")).hasSize(4).allMatch(a -> a.nodeID().equals("n2"));
    assertThat(loop.cluster().allocsByNode("n1")).allMatch(a -> a.clientStatus().equals("lost"));
  }

  @Test
  void sameSeedSameRun() {
    List<String> first = runIds();
    assertThat(runIds()).isEqualTo(first);
  }

  private static List<String> runIds() {
    SchedulingLoop loop = loop(3);
    for (int i = 0; i < 4; i++) {
      loop.upsertNode(nodeFor("n" + i, 3));
    }
    for (int i = 0; i < 5; i++) {
      Job j = Jobs.mock("j" + i, 2);
      loop.registerJob(j);
    }
    loop.runUntilIdle(100);
    return loop.cluster().nodes().stream()
        .flatMap(n -> loop.cluster().allocsByNode(n.id()).stream())
        .map(a -> a.id() + "@" + a.nodeID() + ":" + a.desiredStatus())
        .toList();
  }

  @Test
  void aFailedAllocationGetsAnEvaluationOnlyWhenItsReschedulePolicyAllows() {
    SchedulingLoop loop = loop(1);
    loop.upsertNode(nodeFor("n1", 4));
    Job noPolicy = Jobs.mock("plain", 1);
    Job unlimited = Jobs.mockBuilder("resched", Jobs.group(1, 500, 256)
        .reschedulePolicy(new io.caravan.model.job.ReschedulePolicy(0, java.time.Duration.ZERO,
            java.time.Duration.ofSeconds(30), "exponential", java.time.Duration.ofHours(1), true))
        .build()).build();
    loop.registerJob(noPolicy);
    loop.registerJob(unlimited);
    loop.runUntilIdle(20);
    assertThat(loop.updateAllocClientStatus(live(loop, "plain").get(0).id(), "failed")).isEmpty();
    Evaluation e = loop.updateAllocClientStatus(live(loop, "resched").get(0).id(), "failed").orElseThrow();
    assertThat(e.triggeredBy()).isEqualTo("alloc-failure");
    assertThat(e.status()).isEqualTo(EvalStatus.PENDING);
  }

  @Test
  void stopJobStopsItsAllocationsAndTheStoppedAllocationsFreeCapacityOnceClientsSettle() {
    SchedulingLoop loop = loop(1);
    loop.upsertNode(nodeFor("n1", 2));
    loop.registerJob(Jobs.mock("first", 2));
    loop.registerJob(Jobs.mock("second", 2));
    loop.runUntilIdle(20);
    assertThat(live(loop, "second")).isEmpty();
    assertThat(loop.blockedEvals().blockedEval("default", "second")).isPresent();
    loop.stopJob("default", "first");
    loop.runUntilIdle(20);
    assertThat(live(loop, "first")).isEmpty();
    assertThat(live(loop, "second")).as("the blocked evaluation waits until a client reports an allocation finished").isEmpty();
    loop.settleClients();
    loop.runUntilIdle(20);
    assertThat(live(loop, "second")).hasSize(2);
  }
}
