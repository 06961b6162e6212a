package io.caravan.scheduler.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.caravan.model.cluster.Node;
import io.caravan.model.job.Affinity;
import io.caravan.model.job.Spread;
import io.caravan.model.job.SpreadTarget;
import io.caravan.scheduler.feasibility.ConstraintEvaluator;
import io.caravan.scheduler.testing.Nodes;
import io.caravan.scheduler.testing.TestData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class ScoreFunctionsTest {

  @TestFactory
  List<DynamicTest> binPackMatchesNomadsWorkedValues() {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode row : TestData.json("ranking/binpack.json")) {
      tests.add(DynamicTest.dynamicTest(row.get("case").asText(), () -> {
        long availCpu = row.get("nodeCpu").asLong() - row.get("reservedCpu").asLong();
        long availMem = row.get("nodeMem").asLong() - row.get("reservedMem").asLong();
        double score = ScoreFunctions.binPack(row.get("usedCpu").asLong(), availCpu, row.get("usedMem").asLong(), availMem);
        assertThat(score).isCloseTo(row.get("expected").asDouble(), within(0.00001));
      }));
    }
    return tests;
  }

  @Test
  void spreadFitIsTheMirrorOfBinPack() {
    assertThat(ScoreFunctions.spreadFit(0, 1000, 0, 1000)).isCloseTo(1.0, within(1e-9));
    assertThat(ScoreFunctions.spreadFit(1000, 1000, 1000, 1000)).isCloseTo(0.0, within(1e-9));
    assertThat(ScoreFunctions.spreadFit(500, 13900, 256, 7936) + ScoreFunctions.binPack(500, 13900, 256, 7936))
        .isCloseTo(1.0, within(1e-9));
  }

  @Test
  void jobAntiAffinityIsMinusThreeQuartersForTwoCollisionsOfFour() {
    assertThat(ScoreFunctions.jobAntiAffinity(2, 4)).isEqualTo(-0.75);
    assertThat(ScoreFunctions.jobAntiAffinity(0, 4)).isEqualTo(0.0);
  }

  @TestFactory
  List<DynamicTest> nodeAffinityIsMatchedWeightOverTotalWeight() {
    JsonNode data = TestData.json("ranking/affinity.json");
    List<Affinity> affinities = new ArrayList<>();
    for (JsonNode a : data.get("affinities")) {
      affinities.add(new Affinity(a.get("LTarget").asText(), a.get("RTarget").asText(), a.get("Operand").asText(), a.get("Weight").asInt()));
    }
    ConstraintEvaluator evaluator = new ConstraintEvaluator();
    List<DynamicTest> tests = new ArrayList<>();
    int i = 0;
    for (JsonNode n : data.get("nodes")) {
      Map<String, String> meta = new HashMap<>();
      n.get("meta").fields().forEachRemaining(e -> meta.put(e.getKey(), e.getValue().asText()));
      Node base = Nodes.node("n" + i++, n.get("dc").asText(), 1000, 1000, 0, 0, meta, "ready", "eligible");
      Node node = new Node(base.id(), "", base.datacenter(), base.name(), "", false, base.attributes(),
          base.nodeResources(), base.reservedResources(), null, base.meta(), n.get("class").asText(), "default",
          "", false, null, "eligible", "ready", "", 0, null, base.drivers(), null, null, null, null, null, 0, "", 1, 1);
      tests.add(DynamicTest.dynamicTest(n.toString(), () ->
          assertThat(ScoreFunctions.nodeAffinity(affinities, node, evaluator)).isCloseTo(n.get("expected").asDouble(), within(1e-9))));
    }
    return tests;
  }

  @Test
  void targetedSpreadBoostsAreFiveEighthsAndOneHalf() {
    Spread spread = new Spread("${node.datacenter}", 100, List.of(new SpreadTarget("dc1", 80)));
    SpreadScorer scorer = new SpreadScorer(List.of(spread), 10, 0);
    Node dc1 = Nodes.node("a", "dc1", 1000, 1000, 0, 0, Map.of(), "ready", "eligible");
    Node dc2 = Nodes.node("b", "dc2", 1000, 1000, 0, 0, Map.of(), "ready", "eligible");
    scorer.count(dc1, 1);
    scorer.count(dc1, 1);
    assertThat(scorer.boost(dc1)).isCloseTo(0.625, within(1e-9));
    assertThat(scorer.boost(dc2)).isCloseTo(0.5, within(1e-9));
    for (int i = 0; i < 5; i++) {
      scorer.count(dc1, 1);
    }
    assertThat(scorer.boost(dc1)).isEqualTo(0.0);
  }

  @Test
  void evenSpreadPrefersTheLeastUsedValue() {
    SpreadScorer scorer = new SpreadScorer(List.of(new Spread("${node.datacenter}", 50, null)), 10, 0);
    Node dc1 = Nodes.node("a", "dc1", 1000, 1000, 0, 0, Map.of(), "ready", "eligible");
    Node dc2 = Nodes.node("b", "dc2", 1000, 1000, 0, 0, Map.of(), "ready", "eligible");
    assertThat(scorer.boost(dc1)).isEqualTo(0.0);
    scorer.count(dc1, 1);
    scorer.count(dc1, 1);
    scorer.count(dc2, 1);
    assertThat(scorer.boost(dc1)).isEqualTo(-1.0);
    assertThat(scorer.boost(dc2)).isEqualTo(1.0);
    scorer.count(dc2, 1);
    assertThat(scorer.boost(dc1)).isEqualTo(-1.0);
  }

  @Test
  void preemptionScoreFallsWithVictimPriority() {
    assertThat(ScoreFunctions.preemption(List.of(10))).isGreaterThan(ScoreFunctions.preemption(List.of(90)));
    assertThat(ScoreFunctions.preemption(List.of())).isEqualTo(0.0);
  }
}
