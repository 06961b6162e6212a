package io.caravan.scheduler.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.cluster.AllocMetric;
import io.caravan.model.cluster.NodeScoreMeta;
import io.caravan.scheduler.testing.Nodes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsCollectorTest {
  private static MetricsCollector collector() {
    return new MetricsCollector(10, "default", Map.of("dc1", 10));
  }

  @Test
  void retainsOnlyScoresThatWouldEnterTheTopFive() {
    MetricsCollector m = collector();
    double[] scores = {0.5, 0.1, 0.9, 0.3, 0.7};
    for (int i = 0; i < scores.length; i++) {
      assertThat(m.retains(scores[i])).isTrue();
      m.scoreNode(Nodes.mock("n" + i), Map.of("binpack", scores[i]), scores[i]);
    }
    assertThat(m.retains(0.1)).as("ties with the worst kept score do not enter").isFalse();
    assertThat(m.retains(0.05)).isFalse();
    assertThat(m.retains(0.2)).isTrue();
    m.scoreNode(Nodes.mock("n5"), Map.of("binpack", 0.2), 0.2);
    assertThat(m.retains(0.2)).isFalse();
    assertThat(m.retains(0.25)).isTrue();
    List<NodeScoreMeta> kept = m.toMetric().scoreMetaData();
    assertThat(kept).extracting(NodeScoreMeta::nodeID).containsExactly("n2", "n4", "n0", "n3", "n5");
  }

  @Test
  void countsFilteredAndExhaustedNodesPerReasonSortedByKey() {
    MetricsCollector m = collector();
    String ineligible = "computed class ineligible";
    for (int i = 0; i < 3; i++) {
      m.filterNode("linux-medium", ineligible);
    }
    m.filterNode("", "${attr.kernel.name} = windows");
    m.filterNode("linux-medium", new String("computed class ineligible"));
    m.exhaustNode("big", "memory");
    m.exhaustNode("", "cpu");
    m.exhaustNode("big", "memory");
    AllocMetric metric = m.toMetric();
    assertThat(metric.nodesFiltered()).isEqualTo(5);
    assertThat(metric.constraintFiltered()).containsExactly(
        Map.entry("${attr.kernel.name} = windows", 1), Map.entry("computed class ineligible", 4));
    assertThat(metric.classFiltered()).containsExactly(Map.entry("linux-medium", 4));
    assertThat(metric.nodesExhausted()).isEqualTo(3);
    assertThat(metric.dimensionExhausted()).containsExactly(Map.entry("cpu", 1), Map.entry("memory", 2));
    assertThat(metric.classExhausted()).containsExactly(Map.entry("big", 2));
  }
}
