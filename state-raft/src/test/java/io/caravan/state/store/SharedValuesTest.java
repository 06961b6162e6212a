package io.caravan.state.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.cluster.AllocatedCpuResources;
import io.caravan.model.cluster.AllocatedMemoryResources;
import io.caravan.model.cluster.AllocatedResources;
import io.caravan.model.cluster.AllocatedTaskResources;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.job.Job;
import io.caravan.model.job.Task;
import io.caravan.model.job.TaskGroup;
import io.caravan.scheduler.testing.Nodes;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SharedValuesTest {
  private final StateStore store = new StateStore(Clock.systemUTC());

  /** A copy of {@code s} that is equal but not the same instance, as decoding a command gives. */
  private static String copy(String s) {
    return new String(s.toCharArray());
  }

  private static AllocatedResources resources() {
    return new AllocatedResources(Map.of("app", new AllocatedTaskResources(new AllocatedCpuResources(500, null),
        new AllocatedMemoryResources(256, 0), null, null)), null, null);
  }

  private static Allocation decoded(String id, Job job) {
    return Allocation.builder().id(id).namespace(copy("default")).evalID(copy("eval-1")).name("web.web[0]")
        .nodeID(copy("n1")).nodeName(copy("client-n1")).jobID(copy("web")).job(job).taskGroup(copy("web"))
        .allocatedResources(resources()).desiredStatus(copy("run")).clientStatus(copy("pending")).build();
  }

  @Test
  void storedAllocationsShareRepeatedValuesWithTheStoreAndEachOther() {
    Job job = Job.builder("web").namespace("default").type("service")
        .taskGroup(TaskGroup.builder().name("web").task(Task.builder("app").driver("mock_driver"))).build();
    Job stored = store.write(1, tx -> tx.upsertJob(job));
    store.write(2, tx -> {
      tx.upsertNode(Nodes.mock("n1"));
      return null;
    });
    store.write(3, tx -> {
      tx.upsertAllocs(List.of(decoded("a1", stored), decoded("a2", stored)));
      return null;
    });
    StateSnapshot snap = store.snapshot();
    Allocation a1 = snap.allocById("a1").orElseThrow();
    Allocation a2 = snap.allocById("a2").orElseThrow();
    var node = snap.nodeById("n1").orElseThrow();
    Job storedJob = snap.jobById("default", "web").orElseThrow();

    assertThat(a1.nodeID()).isSameAs(node.id()).isSameAs(a2.nodeID());
    assertThat(a1.nodeName()).isSameAs(node.name());
    assertThat(a1.jobID()).isSameAs(storedJob.id());
    assertThat(a1.taskGroup()).isSameAs(storedJob.taskGroupsOrEmpty().get(0).name());
    assertThat(a1.desiredStatus()).isSameAs(a2.desiredStatus());
    assertThat(a1.clientStatus()).isSameAs(a2.clientStatus());
    assertThat(a1.allocatedResources()).isSameAs(a2.allocatedResources()).isEqualTo(resources());
    assertThat(a1.evalID()).isEqualTo("eval-1");
  }

  @Test
  void anUpdateKeepsTheStoredResourcesWhenEqualAndTakesNewOnesWhenChanged() {
    Job stored = store.write(1, tx -> tx.upsertJob(Job.builder("web").namespace("default").type("service").build()));
    store.write(2, tx -> {
      tx.upsertAllocs(List.of(decoded("a1", stored)));
      return null;
    });
    AllocatedResources first = store.snapshot().allocById("a1").orElseThrow().allocatedResources();
    store.write(3, tx -> {
      tx.upsertAllocs(List.of(decoded("a1", stored).toBuilder().clientStatus("running").build()));
      return null;
    });
    Allocation updated = store.snapshot().allocById("a1").orElseThrow();
    assertThat(updated.allocatedResources()).isSameAs(first);
    assertThat(updated.clientStatus()).isEqualTo("running");

    AllocatedResources bigger = new AllocatedResources(Map.of("app", new AllocatedTaskResources(
        new AllocatedCpuResources(900, null), new AllocatedMemoryResources(256, 0), null, null)), null, null);
    store.write(4, tx -> {
      tx.upsertAllocs(List.of(updated.toBuilder().allocatedResources(bigger).build()));
      return null;
    });
    assertThat(store.snapshot().allocById("a1").orElseThrow().allocatedResources()).isEqualTo(bigger);
  }

  @Test
  void aDecodedUpdateOnTheSameNodeSharesTheStoredNodeAndEvaluationIds() {
    Job stored = store.write(1, tx -> tx.upsertJob(Job.builder("web").namespace("default").type("service").build()));
    store.write(2, tx -> {
      tx.upsertNode(Nodes.mock("n1"));
      tx.upsertAllocs(List.of(decoded("a1", stored)));
      return null;
    });
    Allocation first = store.snapshot().allocById("a1").orElseThrow();
    store.write(3, tx -> {
      tx.upsertAllocs(List.of(decoded("a1", stored).toBuilder().clientStatus(copy("running")).build()));
      return null;
    });
    Allocation updated = store.snapshot().allocById("a1").orElseThrow();
    assertThat(updated.clientStatus()).isEqualTo("running");
    assertThat(updated.nodeID()).isSameAs(first.nodeID()).isSameAs(store.snapshot().nodeById("n1").orElseThrow().id());
    assertThat(updated.nodeName()).isSameAs(first.nodeName());
    assertThat(updated.evalID()).isSameAs(first.evalID());
  }
}
