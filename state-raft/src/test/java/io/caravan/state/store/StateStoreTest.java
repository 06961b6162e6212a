package io.caravan.state.store;

import static io.caravan.state.store.Fixtures.alloc;
import static io.caravan.state.store.Fixtures.deployment;
import static io.caravan.state.store.Fixtures.eval;
import static io.caravan.state.store.Fixtures.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Node;
import io.caravan.model.job.Job;
import io.caravan.scheduler.snapshot.SchedulerConfiguration;
import io.caravan.scheduler.testing.Nodes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StateStoreTest {
  private final StateStore store = new StateStore(Clock.systemUTC());

  @Test
  void jobRegistrationStampsRaftIndexesAndBumpsVersion() {
    Job first = store.write(5, tx -> tx.upsertJob(job("web")));
    Job second = store.write(9, tx -> tx.upsertJob(job("web")));
    assertThat(first.version()).isZero();
    assertThat(first.createIndex()).isEqualTo(5);
    assertThat(second.version()).isEqualTo(1);
    assertThat(second.createIndex()).isEqualTo(5);
    assertThat(second.modifyIndex()).isEqualTo(9);
    assertThat(second.jobModifyIndex()).isEqualTo(9);
    StateSnapshot s = store.snapshot();
    assertThat(s.latestIndex()).isEqualTo(9);
    assertThat(s.tableIndex("jobs")).isEqualTo(9);
    assertThat(s.tableIndex("nodes")).isZero();
    assertThat(s.jobByIdAndVersion("default", "web", 0)).contains(first);
    assertThat(s.jobById("default", "web")).contains(second);
  }

  @Test
  void keepsOnlyTheNewestSixJobVersions() {
    for (int i = 1; i <= 9; i++) {
      store.write(i, tx -> tx.upsertJob(job("web")));
    }
    assertThat(store.snapshot().jobVersions("default", "web")).extracting(Job::version)
        .containsExactly(3L, 4L, 5L, 6L, 7L, 8L);
  }

  @Test
  void snapshotIsUnaffectedByLaterWrites() {
    store.write(1, tx -> tx.upsertNode(Nodes.mock("n1")));
    StateSnapshot before = store.snapshot();
    store.write(2, tx -> {
      tx.upsertNode(Nodes.mock("n2"));
      return tx.deleteNode("n1");
    });
    assertThat(before.nodes()).extracting(Node::id).containsExactly("n1");
    assertThat(before.latestIndex()).isEqualTo(1);
    assertThat(store.snapshot().nodes()).extracting(Node::id).containsExactly("n2");
  }

  @Test
  void failedTransactionChangesNothing() {
    store.write(1, tx -> tx.upsertNode(Nodes.mock("n1")));
    StateSnapshot before = store.snapshot();
    assertThatThrownBy(() -> store.write(2, tx -> {
      tx.upsertNode(Nodes.mock("n2"));
      return tx.updateNode("missing", n -> n.status("down"));
    })).isInstanceOf(UnknownObjectException.class).hasMessageContaining("node \"missing\" not found");
    assertThat(store.snapshot()).isSameAs(before);
  }

  @Test
  void rejectsIndexGoingBackwards() {
    store.write(7, tx -> tx.upsertNode(Nodes.mock("n1")));
    assertThatThrownBy(() -> store.write(6, tx -> tx.upsertNode(Nodes.mock("n2"))))
        .hasMessageContaining("write at index 6 after index 7");
  }

  @Test
  void allocationsAreIndexedByNodeJobAndEvalAndReindexedWhenTheyMove() {
    Job web = store.write(1, tx -> tx.upsertJob(job("web")));
    store.write(2, tx -> {
      tx.upsertAllocs(List.of(alloc("a1", "n1", "web", "e1", web), alloc("a2", "n1", "web", "e1", web),
          alloc("a3", "n2", "api", "e2", null)));
      return null;
    });
    StateSnapshot s = store.snapshot();
    assertThat(s.allocsByNode("n1")).extracting(Allocation::id).containsExactly("a1", "a2");
    assertThat(s.allocsByJob("default", "web")).extracting(Allocation::id).containsExactly("a1", "a2");
    assertThat(s.allocsByEval("e2")).extracting(Allocation::id).containsExactly("a3");
    assertThat(s.allocById("a1").orElseThrow().createIndex()).isEqualTo(2);

    store.write(3, tx -> {
      tx.upsertAllocs(List.of(alloc("a2", "n2", "web", "e3", web)));
      return null;
    });
    s = store.snapshot();
    assertThat(s.allocsByNode("n1")).extracting(Allocation::id).containsExactly("a1");
    assertThat(s.allocsByNode("n2")).extracting(Allocation::id).containsExactly("a2", "a3");
    assertThat(s.allocsByEval("e1")).extracting(Allocation::id).containsExactly("a1");
    Allocation moved = s.allocById("a2").orElseThrow();
    assertThat(moved.createIndex()).isEqualTo(2);
    assertThat(moved.modifyIndex()).isEqualTo(3);
    assertThat(moved.allocModifyIndex()).isEqualTo(3);
  }

  @Test
  void allocationsShareTheStoredJobInsteadOfCopies() {
    Job stored = store.write(1, tx -> tx.upsertJob(job("web")));
    Job decodedCopy = stored.toBuilder().build(); // equal, but a different instance (as after decoding)
    assertThat(decodedCopy).isNotSameAs(stored);
    store.write(2, tx -> {
      tx.upsertAllocs(List.of(alloc("a1", "n1", "web", "e1", decodedCopy), alloc("a2", "n1", "web", "e1", decodedCopy)));
      return null;
    });
    StateSnapshot s = store.snapshot();
    assertThat(s.allocById("a1").orElseThrow().job()).isSameAs(stored);
    assertThat(s.allocById("a2").orElseThrow().job()).isSameAs(stored);
  }

  @Test
  void clientUpdateWithoutJobKeepsTheStoredJob() {
    Job stored = store.write(1, tx -> tx.upsertJob(job("web")));
    store.write(2, tx -> {
      tx.upsertAllocs(List.of(alloc("a1", "n1", "web", "e1", stored)));
      return null;
    });
    store.write(3, tx -> {
      tx.upsertAllocs(List.of(alloc("a1", "n1", "web", "e1", null)));
      return null;
    });
    assertThat(store.snapshot().allocById("a1").orElseThrow().job()).isSameAs(stored);
  }

  @Test
  void nodesByPoolFollowsAPoolChange() {
    store.write(1, tx -> tx.upsertNode(Nodes.mock("n1")));
    assertThat(store.snapshot().nodesByPool("default")).extracting(Node::id).containsExactly("n1");
    store.write(2, tx -> tx.updateNode("n1", n -> n.nodePool("gpu")));
    StateSnapshot s = store.snapshot();
    assertThat(s.nodesByPool("default")).isEmpty();
    assertThat(s.nodesByPool("gpu")).extracting(Node::id).containsExactly("n1");
    assertThat(s.nodesByPool("all")).extracting(Node::id).containsExactly("n1");
    assertThat(s.nodeById("n1").orElseThrow().createIndex()).isEqualTo(1);
    assertThat(s.nodeById("n1").orElseThrow().modifyIndex()).isEqualTo(2);
  }

  @Test
  void evalsAndDeploymentsAreIndexedByJob() {
    store.write(1, tx -> {
      tx.upsertEvals(List.of(eval("e1", "web"), eval("e2", "api")));
      tx.upsertDeployment(deployment("d1", "web"));
      return null;
    });
    StateSnapshot s = store.snapshot();
    assertThat(s.evalsByJob("default", "web")).hasSize(1).first().satisfies(e -> assertThat(e.id()).isEqualTo("e1"));
    assertThat(s.deploymentsByJob("default", "web")).hasSize(1);
    assertThat(s.deploymentsByJob("default", "api")).isEmpty();
    store.write(2, tx -> {
      tx.deleteEvals(List.of("e1"));
      return null;
    });
    assertThat(store.snapshot().evalsByJob("default", "web")).isEmpty();
  }

  @Test
  void deletingAJobRemovesItFromTheNamespaceIndex() {
    store.write(1, tx -> {
      tx.upsertJob(job("web"));
      return tx.upsertJob(job("api"));
    });
    assertThat(store.snapshot().jobsByNamespace("default")).extracting(Job::id).containsExactly("api", "web");
    store.write(2, tx -> tx.deleteJob("default", "web"));
    assertThat(store.snapshot().jobsByNamespace("default")).extracting(Job::id).containsExactly("api");
    assertThat(store.snapshot().jobVersions("default", "web")).isEmpty();
  }

  @Test
  void schedulerConfigPoolsAndPeriodicLaunchesAreStored() {
    store.write(4, tx -> {
      tx.schedulerConfig(SchedulerConfiguration.serverDefaults());
      tx.upsertNodePool(NodePool.named("gpu"));
      return tx.upsertPeriodicLaunch("default", "cron", 123L);
    });
    StateSnapshot s = store.snapshot();
    assertThat(s.schedulerConfig()).contains(SchedulerConfiguration.serverDefaults());
    assertThat(s.nodePools()).extracting(NodePool::name).containsExactly("gpu");
    assertThat(s.periodicLaunch("default", "cron").orElseThrow().launchNanos()).isEqualTo(123L);
    assertThat(s.tableIndex("scheduler_config")).isEqualTo(4);
  }

  @Test
  void blockingQueryWakesWhenTheIndexPasses() throws Exception {
    store.write(3, tx -> tx.upsertNode(Nodes.mock("n1")));
    CompletableFuture<StateSnapshot> waiting = CompletableFuture.supplyAsync(() -> {
      try {
        return store.awaitIndexAbove(3, Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(50);
    assertThat(waiting).isNotDone();
    store.write(4, tx -> tx.upsertNode(Nodes.mock("n2")));
    StateSnapshot s = waiting.get(5, TimeUnit.SECONDS);
    assertThat(s.latestIndex()).isEqualTo(4);
  }

  @Test
  void blockingQueryReturnsTheCurrentStateAtTheDeadline() throws Exception {
    store.write(3, tx -> tx.upsertNode(Nodes.mock("n1")));
    StateSnapshot s = store.awaitIndexAbove(3, Duration.ofMillis(30));
    assertThat(s.latestIndex()).isEqualTo(3);
    assertThat(store.awaitIndexAbove(2, Duration.ofSeconds(10)).latestIndex()).isEqualTo(3);
  }
}
