package io.caravan.scheduler.explain;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.caravan.model.cluster.AllocMetric;
import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.NodeScoreMeta;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Collects Nomad's {@link AllocMetric} counters during one selection: nodes evaluated, filtered
 * (by class and by constraint), exhausted (by class and by dimension) and the top 5 node scores.
 * Maps are key-sorted so the output is deterministic. Not thread-safe.
 */
public final class MetricsCollector {
  /** How many node scores are kept, as Nomad's {@code MaxRetainedNodeScores}. */
  public static final int MAX_RETAINED_SCORES = 5;

  private int nodesEvaluated;
  private int nodesFiltered;
  private int nodesExhausted;
  private final int nodesInPool;
  private final String nodePool;
  private final Map<String, Integer> nodesAvailable;
  private final ReasonCounts classFiltered = new ReasonCounts();
  private final ReasonCounts constraintFiltered = new ReasonCounts();
  private final ReasonCounts classExhausted = new ReasonCounts();
  private final ReasonCounts dimensionExhausted = new ReasonCounts();
  /** The kept top scores; their per-scorer maps are built by {@link #toMetric} (most are replaced first). */
  private final List<Kept> scores = new ArrayList<>();
  private int coalescedFailures;
  /** Index and score of the first lowest kept score, valid once the top 5 is full. */
  private int worstIndex;
  private double worstRetained;

  /** Starts empty for a selection over {@code nodesInPool} candidate nodes. */
  public MetricsCollector(int nodesInPool, String nodePool, Map<String, Integer> nodesAvailable) {
    this.nodesInPool = nodesInPool;
    this.nodePool = nodePool;
    this.nodesAvailable = nodesAvailable;
  }

  /** Counts a node pulled from the source. */
  public void evaluateNode() {
    nodesEvaluated++;
  }

  /** Counts {@code n} nodes pulled from the source. */
  public void evaluateNodes(int n) {
    nodesEvaluated += n;
  }

  /** Counts a node rejected by feasibility, with the reason (a constraint text or checker reason). */
  public void filterNode(Node node, @Nullable String reason) {
    filterNode(node.nodeClass(), reason);
  }

  /** Like {@link #filterNode(Node, String)} given the node's class ({@code ""} for none). */
  public void filterNode(String nodeClass, @Nullable String reason) {
    nodesFiltered++;
    if (!nodeClass.isEmpty()) {
      classFiltered.add(nodeClass);
    }
    if (reason != null && !reason.isEmpty()) {
      constraintFiltered.add(reason);
    }
  }

  /** Like {@link #filterNode(String, String)} for {@code n} nodes of the same class and reason. */
  public void filterNodes(String nodeClass, @Nullable String reason, int n) {
    nodesFiltered += n;
    if (!nodeClass.isEmpty()) {
      classFiltered.add(nodeClass, n);
    }
    if (reason != null && !reason.isEmpty()) {
      constraintFiltered.add(reason, n);
    }
  }

  /** Counts a feasible node that lacked resources in {@code dimension}. */
  public void exhaustNode(Node node, String dimension) {
    exhaustNode(node.nodeClass(), dimension);
  }

  /** Like {@link #exhaustNode(Node, String)} given the node's class ({@code ""} for none). */
  public void exhaustNode(String nodeClass, String dimension) {
    nodesExhausted++;
    if (!nodeClass.isEmpty()) {
      classExhausted.add(nodeClass);
    }
    if (!dimension.isEmpty()) {
      dimensionExhausted.add(dimension);
    }
  }

  /** Records a scored node; only the top 5 by normalized score are kept (first come wins ties). */
  public void scoreNode(Node node, Map<String, Double> perScorer, double normScore) {
    scoreNode(node, () -> perScorer, normScore);
  }

  /**
   * True when a node scoring {@code normScore} would enter the kept top 5 now, so callers can skip
   * building its per-scorer scores when it would not (most candidates never enter).
   */
  public boolean retains(double normScore) {
    return scores.size() < MAX_RETAINED_SCORES || normScore > worstRetained;
  }

  /**
   * Like {@link #scoreNode(Node, Map, double)}, building the per-scorer map only for the nodes
   * still kept when {@link #toMetric} is called (a spread placement may replace its top 5 many
   * times). {@code perScorer} must capture values, not state that changes later.
   */
  public void scoreNode(Node node, Supplier<Map<String, Double>> perScorer, double normScore) {
    if (scores.size() < MAX_RETAINED_SCORES) {
      scores.add(new Kept(node.id(), perScorer, normScore));
      refreshWorst();
      return;
    }
    if (normScore > worstRetained) {
      scores.set(worstIndex, new Kept(node.id(), perScorer, normScore));
      refreshWorst();
    }
  }

  /** A kept node score whose per-scorer map is built only when the metric is. */
  private record Kept(String nodeId, Supplier<Map<String, Double>> perScorer, double normScore) {}

  /** Finds the first lowest kept score (the one a better node replaces). */
  private void refreshWorst() {
    int worst = 0;
    for (int i = 1; i < scores.size(); i++) {
      if (scores.get(i).normScore() < scores.get(worst).normScore()) {
        worst = i;
      }
    }
    worstIndex = worst;
    worstRetained = scores.get(worst).normScore();
  }

  /** Counts a further failed placement of a group that already failed in this evaluation. */
  public void coalesceFailure() {
    coalescedFailures++;
  }

  /** Nodes evaluated so far. */
  public int nodesEvaluated() {
    return nodesEvaluated;
  }

  /** The collected metric; score metadata sorted by normalized score, best first. */
  public AllocMetric toMetric() {
    List<NodeScoreMeta> sorted = new ArrayList<>(scores.size());
    for (Kept k : scores) {
      sorted.add(new NodeScoreMeta(k.nodeId, k.perScorer.get(), k.normScore));
    }
    sorted.sort(Comparator.comparingDouble(NodeScoreMeta::normScore).reversed());
    return new AllocMetric(nodesEvaluated, nodesFiltered, nodesInPool, nodePool,
        ImmutableMap.copyOf(nodesAvailable), classFiltered.toSortedMap(), constraintFiltered.toSortedMap(),
        nodesExhausted, classExhausted.toSortedMap(), dimensionExhausted.toSortedMap(), null, null,
        sorted.isEmpty() ? null : ImmutableList.copyOf(sorted), Duration.ZERO, coalescedFailures);
  }
}
