package io.caravan.scheduler.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Plan;
import io.caravan.scheduler.testing.Nodes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryClusterTest {
  private static Allocation alloc(String id, String node, String job) {
    return new Allocation(id, "default", "e", job + ".g[0]", node, "", job, null, "g", null, null, "run", "",
        null, "running", "", null, "", null, null, "", "", "", null, "", 1, 1, 1, 0, 0);
  }

  @Test
  void appliesStopsPreemptionsAndPlacementsAndRecordsThePlan() {
    InMemoryCluster c = new InMemoryCluster();
    c.upsertNode(Nodes.mock("n1")).upsertNode(Nodes.mock("n2"));
    c.upsertAlloc(alloc("a1", "n1", "j")).upsertAlloc(alloc("a2", "n1", "other"));
    long before = c.latestIndex();
    Plan plan = new Plan("e1", "", 50, false, null,
        Map.of("n1", List.of(alloc("a1", "n1", "j"))), Map.of("n2", List.of(alloc("a3", "n2", "j"))),
        Map.of("n1", List.of(alloc("a2", "n1", "other"))), null, null, null, before);
    c.submitPlan(plan);
    assertThat(c.plans()).containsExactly(plan);
    assertThat(c.latestIndex()).isGreaterThan(before);
    assertThat(c.allocById("a1").orElseThrow().desiredStatus()).isEqualTo("stop");
    assertThat(c.allocById("a2").orElseThrow().desiredStatus()).isEqualTo("evict");
    assertThat(c.allocsByNode("n2")).extracting(Allocation::id).containsExactly("a3");
    assertThat(c.allocsByJob("default", "j")).extracting(Allocation::id).containsExactly("a1", "a3");
  }

  @Test
  void listsNodesByPoolInIdOrder() {
    InMemoryCluster c = new InMemoryCluster();
    c.upsertNode(Nodes.mock("b")).upsertNode(Nodes.mock("a"));
    assertThat(c.nodesByPool("default")).extracting(n -> n.id()).containsExactly("a", "b");
    assertThat(c.nodesByPool("other")).isEmpty();
    assertThat(c.nodesByPool("all")).hasSize(2);
  }

  private static Allocation sized(String id, String node, long mem) {
    return io.caravan.scheduler.testing.Allocs.sized(id, node, 100, mem, 100).toBuilder().clientStatus("pending").build();
  }

  private static Plan placing(String evalId, Map<String, List<Allocation>> places) {
    return new Plan(evalId, "", 50, false, null, null, places, null, null, null, null, 0);
  }

  @Test
  void submitPlanCommitsOnlyWhatStillFitsAndReturnsAFrozenRefreshedSnapshot() {
    InMemoryCluster c = new InMemoryCluster();
    c.upsertNode(Nodes.mock("n1")).upsertNode(Nodes.mock("n2"));
    ClusterSnapshot stale = c.snapshot();
    // Two plans computed on the same snapshot both fill n1 (7936 MB available).
    PlanSubmission first = c.submitPlan(placing("e1", Map.of("n1", List.of(sized("a1", "n1", 5000)))));
    assertThat(first.refreshedSnapshot()).isEmpty();
    assertThat(first.result().allocIndex()).isEqualTo(c.latestIndex());
    PlanSubmission second = c.submitPlan(placing("e2", Map.of(
        "n1", List.of(sized("b1", "n1", 5000)), "n2", List.of(sized("b2", "n2", 5000)))));

    assertThat(second.result().rejectedNodes()).containsExactly("n1");
    assertThat(second.result().refreshIndex()).isPositive();
    assertThat(c.allocById("b1")).isEmpty();
    assertThat(c.allocById("b2")).isPresent();
    ClusterSnapshot refreshed = second.refreshedSnapshot().orElseThrow();
    assertThat(refreshed.latestIndex()).isGreaterThanOrEqualTo(second.result().refreshIndex());
    assertThat(refreshed.allocsByNode("n1")).extracting(Allocation::id).containsExactly("a1");
    assertThat(stale.allocsByNode("n1")).as("the old snapshot does not move").isEmpty();
    c.upsertAlloc(alloc("later", "n1", "j"));
    assertThat(refreshed.allocById("later")).as("nor does the refreshed one").isEmpty();
    assertThat(c.plans()).hasSize(2);
    assertThat(c.planResults()).extracting(r -> r.rejectedNodes().size()).containsExactly(0, 1);
  }

  @Test
  void stopsCarryTheirClientStatusAndCommittedAllocationsGetIndexes() {
    InMemoryCluster c = new InMemoryCluster();
    c.upsertNode(Nodes.mock("n1").toBuilder().status("down").build());
    c.upsertAlloc(alloc("a1", "n1", "j"));
    Allocation lost = alloc("a1", "n1", "j").toBuilder().desiredStatus("stop").clientStatus("lost")
        .desiredDescription("alloc is lost since its node is down").build();
    c.submitPlan(new Plan("e", "", 50, false, null, Map.of("n1", List.of(lost)), null, null, null, null, null, 0));
    Allocation stored = c.allocById("a1").orElseThrow();
    assertThat(stored.desiredStatus()).isEqualTo("stop");
    assertThat(stored.clientStatus()).isEqualTo("lost");
    assertThat(stored.desiredDescription()).isEqualTo("alloc is lost since its node is down");
    assertThat(stored.modifyIndex()).isEqualTo(c.latestIndex());
  }
}
