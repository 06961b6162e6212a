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
}
