package io.caravan.scheduler.ranking;

import io.caravan.model.cluster.Node;
import io.caravan.model.job.Spread;
import io.caravan.model.job.SpreadTarget;
import io.caravan.scheduler.feasibility.TargetResolver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Spread boosts for one task group, as Nomad's {@code SpreadIterator}: per spread block a count
 * of allocations per attribute value (values that are not targets count under {@code "*"}), and
 * a boost from targets or, without targets, from evenness. Counts are updated as placements are
 * made within the evaluation.
 */
public final class SpreadScorer {
  private final List<Block> blocks = new ArrayList<>();
  private final double sumWeights;
  /** The lowest targeted boost seen so far (starts at −1); a value with 0 desired scores this. */
  private double lowestBoost = -1.0;

  /** One spread block; {@code min}/{@code max} cache the extremes of {@code used} (0 = unset), refreshed after each count. */
  private static final class Block {
    final Spread spread;
    final Map<String, Double> desired;
    final Map<String, Integer> used = new HashMap<>();
    final boolean targeted;
    int min;
    int max;

    Block(Spread spread, Map<String, Double> desired, boolean targeted) {
      this.spread = spread;
      this.desired = desired;
      this.targeted = targeted;
    }

    /** Recomputes {@link #min} and {@link #max} over the used counts (0 counts as unset, as before). */
    void refreshExtremes() {
      int lo = 0;
      int hi = 0;
      for (int c : used.values()) {
        if (lo == 0 || c < lo) {
          lo = c;
        }
        if (hi == 0 || c > hi) {
          hi = c;
        }
      }
      min = lo;
      max = hi;
    }
  }

  /**
   * @param spreads job-level then group-level spread blocks
   * @param count the group's desired count
   * @param priorWeights the sum of spread weights already accumulated by earlier groups in this evaluation
   */
  public SpreadScorer(List<Spread> spreads, int count, double priorWeights) {
    double sum = priorWeights;
    for (Spread s : spreads) {
      Map<String, Double> desired = new LinkedHashMap<>();
      double total = 0;
      for (SpreadTarget t : s.spreadTargetOrEmpty()) {
        double d = t.percent() / 100.0 * count;
        desired.put(t.value(), d);
        total += d;
      }
      if (total > 0 && total < count) {
        desired.put("*", count - total);
      }
      sum += s.weight() == null ? 50 : s.weight();
      blocks.add(new Block(s, desired, !s.spreadTargetOrEmpty().isEmpty()));
    }
    this.sumWeights = sum;
  }

  /** The accumulated spread weight, to pass to the next group's scorer. */
  public double sumWeights() {
    return sumWeights;
  }

  /** True when the group has any spread block. */
  public boolean active() {
    return !blocks.isEmpty();
  }

  /** Counts an existing or proposed allocation of this group on {@code node}. */
  public void count(Node node, int delta) {
    for (Block b : blocks) {
      String v = TargetResolver.resolve(b.spread.attribute(), node);
      if (v == null) {
        continue;
      }
      String key = b.targeted && !b.desired.containsKey(v) ? "*" : v;
      b.used.merge(key, delta, Integer::sum);
      b.refreshExtremes();
    }
  }

  /** The summed boost of placing one more allocation on {@code node}. */
  public double boost(Node node) {
    double total = 0;
    for (Block b : blocks) {
      String v = TargetResolver.resolve(b.spread.attribute(), node);
      if (!b.targeted && b.used.isEmpty()) {
        continue;
      }
      if (v == null) {
        total += -1.0;
        continue;
      }
      if (b.targeted) {
        total += targetedBoost(b, v);
      } else {
        total += evenBoost(b, v);
      }
    }
    return total;
  }

  private double targetedBoost(Block b, String value) {
    String key = b.desired.containsKey(value) ? value : "*";
    Double desired = b.desired.get(key);
    if (desired == null) {
      return -1.0;
    }
    if (desired == 0) {
      return lowestBoost;
    }
    int used = b.used.getOrDefault(key, 0) + 1;
    double weight = b.spread.weight() == null ? 50 : b.spread.weight();
    double boost = ((desired - used) / desired) * (weight / sumWeights);
    if (boost < lowestBoost) {
      lowestBoost = boost;
    }
    return boost;
  }

  private static double evenBoost(Block b, String value) {
    int cur = b.used.getOrDefault(value, 0);
    int min = b.min;
    int max = b.max;
    if (cur != min) {
      return min == 0 ? -1.0 : ((double) (min - cur)) / min;
    }
    if (min == max) {
      return -1.0;
    }
    if (min == 0) {
      return 1.0;
    }
    return ((double) (max - min)) / min;
  }
}
