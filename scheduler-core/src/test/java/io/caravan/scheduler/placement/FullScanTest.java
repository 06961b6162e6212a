package io.caravan.scheduler.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.NodeScoreMeta;
import io.caravan.model.job.Job;
import io.caravan.scheduler.resources.NodeUsage;
import io.caravan.scheduler.snapshot.InMemoryCluster;
import io.caravan.scheduler.snapshot.SchedulerConfiguration;
import io.caravan.scheduler.testing.Jobs;
import io.caravan.scheduler.testing.Nodes;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link PlacementOptions.CandidateLimit#FULL_SCAN}: every feasible node is ranked. */
class FullScanTest {
  private static final String EVAL = "b2d3f0a4-6c1e-4e8a-9d7b-0f1e2d3c4b5a";
  private static final List<Node> NODES = Nodes.mocks(10);

  /** Ten mock nodes, each with another job's allocation of {@code cpu(i)} MHz (same upserts, same index). */
  private static InMemoryCluster cluster(String fullest, long fullestCpu) {
    InMemoryCluster c = PlacementEngineTest.cluster(NODES);
    for (Node n : NODES) {
      c.upsertAlloc(PlacementEngineTest.running("filler-" + n.id(), "other", null, n.id(),
          n.id().equals(fullest) ? fullestCpu : 1000, 512));
    }
    return c;
  }

  private static PlacementResult place(InMemoryCluster c, PlacementOptions options) {
    Job job = Jobs.mock("scan", 1);
    return new PlacementEngine(c, SchedulerConfiguration.serverDefaults(), options).place(new PlacementRequest(job, EVAL,
        List.of(new GroupRequest("web", List.of("scan.web[0]"))), Set.of()));
  }

  @Test
  void fullScanPicksTheGloballyBestNodeTheLimitIteratorDoesNotSee() {
    // Nomad's limit for a 10-node service placement is 4: find the 4 nodes it ranks.
    PlacementResult probe = place(cluster("", 0), PlacementOptions.nomad());
    assertThat(probe.placements().get(0).metrics().nodesEvaluated()).isEqualTo(4);
    Set<String> ranked = probe.placements().get(0).metrics().scoreMetaData().stream()
        .map(NodeScoreMeta::nodeID).collect(java.util.stream.Collectors.toSet());
    String unseen = NODES.stream().map(Node::id).filter(id -> !ranked.contains(id)).findFirst().orElseThrow();

    // Make an unranked node the best binpack fit (the fullest), keeping the snapshot index.
    InMemoryCluster c = cluster(unseen, 12000);
    PlacementResult limited = place(c, PlacementOptions.nomad());
    PlacementResult scanned = place(c, PlacementOptions.fullScan());

    assertThat(limited.placements().get(0).node().id()).isNotEqualTo(unseen).isIn(ranked);
    Placement best = scanned.placements().get(0);
    assertThat(best.node().id()).isEqualTo(unseen);
    assertThat(best.metrics().nodesEvaluated()).isEqualTo(10);
    assertThat(best.score()).isGreaterThan(limited.placements().get(0).score());
    // It is the maximum over all nodes of the same score function.
    for (Node n : NODES) {
      NodeUsage u = new NodeUsage(n);
      long used = n.id().equals(unseen) ? 12000 : 1000;
      double fit = io.caravan.scheduler.ranking.ScoreFunctions.binPack(used + 500, u.availableCpu(), 512 + 256,
          u.availableMemory());
      assertThat(best.score()).isGreaterThanOrEqualTo(fit);
    }
  }

  @Test
  void fullScanRanksEveryFeasibleNodeAndReportsTheSameMetricsShape() {
    PlacementResult r = place(cluster("", 0), PlacementOptions.fullScan());
    assertThat(r.placements()).hasSize(1);
    assertThat(r.placements().get(0).metrics().nodesEvaluated()).isEqualTo(10);
    assertThat(r.placements().get(0).metrics().scoreMetaData()).hasSize(5);
  }

  @Test
  void optionsParseTheirDocumentedNamesAndRejectOthers() {
    assertThat(PlacementOptions.parse("full-scan")).isEqualTo(PlacementOptions.fullScan());
    assertThat(PlacementOptions.parse("NOMAD")).isEqualTo(PlacementOptions.nomad());
    assertThatThrownBy(() -> PlacementOptions.parse("all")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"all\"").hasMessageContaining("full-scan");
  }
}
