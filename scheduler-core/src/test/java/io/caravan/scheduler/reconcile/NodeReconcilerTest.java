package io.caravan.scheduler.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.cluster.AllocStatus;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Node;
import io.caravan.model.job.DisconnectStrategy;
import io.caravan.model.job.Job;
import io.caravan.model.job.TaskGroup;
import io.caravan.scheduler.snapshot.InMemoryCluster;
import io.caravan.scheduler.testing.Jobs;
import io.caravan.scheduler.testing.Nodes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeReconcilerTest {
  private static Job job(int count, TaskGroup.Builder group) {
    return Jobs.mockBuilder("sys", group.count(count).build()).type("system").name("sys").jobModifyIndex(10L).build();
  }

  private static Allocation alloc(String id, String node, String name, Job job, String clientStatus) {
    return Allocation.builder().id(id).namespace("default").name(name).nodeID(node).jobID("sys").job(job)
        .taskGroup("web").desiredStatus(AllocStatus.DESIRED_RUN).clientStatus(clientStatus).build();
  }

  private static List<String> ids(List<NodeAllocTuple> tuples) {
    return tuples.stream().map(t -> t.alloc() == null ? t.nodeId() + ":" + t.name() : t.alloc().id()).toList();
  }

  @Test
  void placesEveryRequiredNameOnEveryReadyNodeInNodeOrder() {
    Job job = job(2, Jobs.group(2, 500, 256));
    NodeReconcileResult r = NodeReconciler.compute(job, List.of(Nodes.mock("b"), Nodes.mock("a")), Set.of(), Map.of(), List.of());
    assertThat(ids(r.place())).containsExactly("a:sys.web[0]", "a:sys.web[1]", "b:sys.web[0]", "b:sys.web[1]");
  }

  @Test
  void stopsNamesNoLongerRequiredAfterACountDecrease() {
    Job job = job(1, Jobs.group(1, 500, 256));
    Allocation keep = alloc("a0", "n1", "sys.web[0]", job, AllocStatus.CLIENT_RUNNING);
    Allocation extra = alloc("a1", "n1", "sys.web[1]", job, AllocStatus.CLIENT_RUNNING);
    NodeReconcileResult r = NodeReconciler.compute(job, List.of(Nodes.mock("n1")), Set.of(), Map.of(), List.of(keep, extra));
    assertThat(ids(r.stop())).containsExactly("a1");
    assertThat(ids(r.ignore())).containsExactly("a0");
    assertThat(r.place()).isEmpty();
  }

  @Test
  void allocationsOnAMissingNodeAreLost() {
    Job job = job(1, Jobs.group(1, 500, 256));
    Allocation gone = alloc("a0", "ghost", "sys.web[0]", job, AllocStatus.CLIENT_RUNNING);
    InMemoryCluster c = new InMemoryCluster().upsertNode(Nodes.mock("n1"));
    Map<String, Optional<Node>> tainted = NodeTaints.of(c, List.of(gone));
    assertThat(tainted).containsEntry("ghost", Optional.empty());
    NodeReconcileResult r = NodeReconciler.compute(job, List.of(Nodes.mock("n1")), Set.of(), tainted, List.of(gone));
    assertThat(ids(r.lost())).containsExactly("a0");
    assertThat(ids(r.place())).containsExactly("n1:sys.web[0]");
  }

  @Test
  void runningAllocationsOnADisconnectedNodeAreDisconnectingWhenTheGroupAllowsIt() {
    Job tolerant = job(1, Jobs.group(1, 500, 256).disconnect(new DisconnectStrategy(Duration.ofMinutes(5), null, null, null)));
    Job strict = job(1, Jobs.group(1, 500, 256));
    Node disconnected = Nodes.node("n1", "dc1", 14000, 8192, 100, 256, Map.of(), "disconnected", "eligible");
    Map<String, Optional<Node>> tainted = Map.of("n1", Optional.of(disconnected));
    NodeReconcileResult r1 = NodeReconciler.compute(tolerant, List.of(), Set.of("n1"), tainted,
        List.of(alloc("a0", "n1", "sys.web[0]", tolerant, AllocStatus.CLIENT_RUNNING)));
    assertThat(ids(r1.disconnecting())).containsExactly("a0");
    NodeReconcileResult r2 = NodeReconciler.compute(strict, List.of(), Set.of("n1"), tainted,
        List.of(alloc("a0", "n1", "sys.web[0]", strict, AllocStatus.CLIENT_RUNNING)));
    assertThat(r2.disconnecting()).isEmpty();
    assertThat(ids(r2.ignore())).as("a disconnected node that is not down: left alone").containsExactly("a0");
  }

  @Test
  void unknownAllocationsWaitingToReconnectAreIgnored() {
    Job tolerant = job(1, Jobs.group(1, 500, 256).disconnect(new DisconnectStrategy(Duration.ofMinutes(5), null, null, null)));
    NodeReconcileResult r = NodeReconciler.compute(tolerant, List.of(Nodes.mock("n1")), Set.of(), Map.of(),
        List.of(alloc("a0", "n1", "sys.web[0]", tolerant, AllocStatus.CLIENT_UNKNOWN)));
    assertThat(ids(r.ignore())).containsExactly("a0");
    assertThat(r.place()).isEmpty();
  }

  @Test
  void sysbatchUsesTheNewestTerminalAllocationOfANameOnTheNode() {
    Job v1 = job(1, Jobs.group(1, 500, 256)).toBuilder().type("sysbatch").jobModifyIndex(5L).build();
    Job v2 = v1.toBuilder().jobModifyIndex(10L).build();
    Allocation older = alloc("old", "n1", "sys.web[0]", v2, AllocStatus.CLIENT_FAILED).toBuilder().createIndex(3).build();
    Allocation newer = alloc("new", "n1", "sys.web[0]", v1, AllocStatus.CLIENT_COMPLETE).toBuilder().createIndex(7).build();
    NodeReconcileResult r = NodeReconciler.compute(v2, List.of(Nodes.mock("n1")), Set.of(), Map.of(), List.of(older, newer));
    assertThat(ids(r.update())).as("the newest terminal alloc ran v1, so v2 is an update").containsExactly("new");
    assertThat(r.place()).isEmpty();
  }

  @Test
  void aStoppedJobRequiresNothing() {
    Job job = job(1, Jobs.group(1, 500, 256)).toBuilder().stop(true).build();
    NodeReconcileResult r = NodeReconciler.compute(job, List.of(Nodes.mock("n1")), Set.of(), Map.of(),
        List.of(alloc("a0", "n1", "sys.web[0]", job, AllocStatus.CLIENT_RUNNING)));
    assertThat(ids(r.stop())).containsExactly("a0");
    assertThat(r.place()).isEmpty();
    assertThat(NodeReconciler.required(null)).isEmpty();
  }

  @Test
  void unknownAllocationsOnANodeThatWentDownAreLost() {
    Job tolerant = job(1, Jobs.group(1, 500, 256).disconnect(new DisconnectStrategy(Duration.ofMinutes(5), null, null, null)));
    Node down = Nodes.node("n1", "dc1", 14000, 8192, 100, 256, Map.of(), "down", "eligible");
    NodeReconcileResult r = NodeReconciler.compute(tolerant, List.of(), Set.of("n1"), Map.of("n1", Optional.of(down)),
        List.of(alloc("a0", "n1", "sys.web[0]", tolerant, AllocStatus.CLIENT_UNKNOWN)));
    assertThat(ids(r.lost())).containsExactly("a0");
    assertThat(r.ignore()).isEmpty();
  }
}
