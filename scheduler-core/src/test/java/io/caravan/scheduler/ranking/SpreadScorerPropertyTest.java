package io.caravan.scheduler.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.cluster.Node;
import io.caravan.model.job.Spread;
import io.caravan.model.job.SpreadTarget;
import io.caravan.scheduler.feasibility.TargetResolver;
import io.caravan.scheduler.testing.Nodes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The interned, per-node-cached {@link SpreadScorer} against a straightforward reference written
 * from Nomad's spread rules (resolve the attribute, look the value up in maps, scan the counts for
 * the extremes) on random clusters, spreads and placement sequences. Scores must be bit-identical.
 * Replay one case with {@code -Dcaravan.seed=<seed>}.
 */
class SpreadScorerPropertyTest {
  private static final int CASES = 300;

  /** The plain reading of the spread rules, kept deliberately naive. */
  private static final class Reference {
    final List<Spread> spreads;
    final List<Map<String, Double>> desired = new ArrayList<>();
    final List<Map<String, Integer>> used = new ArrayList<>();
    final double sumWeights;
    double lowest = -1.0;

    Reference(List<Spread> spreads, int count, double prior) {
      this.spreads = spreads;
      double sum = prior;
      for (Spread s : spreads) {
        Map<String, Double> d = new LinkedHashMap<>();
        double total = 0;
        for (SpreadTarget t : s.spreadTargetOrEmpty()) {
          d.put(t.value(), t.percent() / 100.0 * count);
          total += t.percent() / 100.0 * count;
        }
        if (total > 0 && total < count) {
          d.put("*", count - total);
        }
        desired.add(d);
        used.add(new HashMap<>());
        sum += s.weight() == null ? 50 : s.weight();
      }
      this.sumWeights = sum;
    }

    boolean targeted(int b) {
      return !spreads.get(b).spreadTargetOrEmpty().isEmpty();
    }

    void count(Node node) {
      for (int b = 0; b < spreads.size(); b++) {
        String v = TargetResolver.resolve(spreads.get(b).attribute(), node);
        if (v != null) {
          String key = targeted(b) && !desired.get(b).containsKey(v) ? "*" : v;
          used.get(b).merge(key, 1, Integer::sum);
        }
      }
    }

    double boost(Node node) {
      double total = 0;
      for (int b = 0; b < spreads.size(); b++) {
        String v = TargetResolver.resolve(spreads.get(b).attribute(), node);
        Map<String, Integer> u = used.get(b);
        if (!targeted(b) && u.isEmpty()) {
          continue;
        }
        if (v == null) {
          total += -1.0;
        } else if (targeted(b)) {
          String key = desired.get(b).containsKey(v) ? v : "*";
          Double d = desired.get(b).get(key);
          if (d == null) {
            total += -1.0;
          } else if (d == 0) {
            total += lowest;
          } else {
            double weight = spreads.get(b).weight() == null ? 50 : spreads.get(b).weight();
            double boost = ((d - (u.getOrDefault(key, 0) + 1)) / d) * (weight / sumWeights);
            lowest = Math.min(lowest, boost);
            total += boost;
          }
        } else {
          int min = 0;
          int max = 0;
          for (int c : u.values()) {
            min = min == 0 || c < min ? c : min;
            max = max == 0 || c > max ? c : max;
          }
          int cur = u.getOrDefault(v, 0);
          if (cur != min) {
            total += min == 0 ? -1.0 : ((double) (min - cur)) / min;
          } else if (min == max) {
            total += -1.0;
          } else if (min == 0) {
            total += 1.0;
          } else {
            total += ((double) (max - min)) / min;
          }
        }
      }
      return total;
    }
  }

  private static List<Long> seeds() {
    String fixed = System.getProperty("caravan.seed");
    if (fixed != null) {
      return List.of(Long.parseLong(fixed));
    }
    SplittableRandom master = new SplittableRandom(0x5b4ead);
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < CASES; i++) {
      out.add(master.nextLong());
    }
    return out;
  }

  private static Spread randomSpread(SplittableRandom r) {
    String attr = switch (r.nextInt(4)) {
      case 0 -> "${meta.rack}";
      case 1 -> "${node.datacenter}";
      case 2 -> "${attr.unique.hostname}";
      default -> "${meta.zone}";
    };
    Integer weight = r.nextInt(4) == 0 ? null : r.nextInt(101);
    List<SpreadTarget> targets = null;
    if (r.nextBoolean()) {
      targets = new ArrayList<>();
      int left = 100;
      for (int i = 0, k = 1 + r.nextInt(4); i < k; i++) {
        int p = r.nextInt(8) == 0 ? 0 : r.nextInt(left + 1);
        left -= p;
        String v = switch (r.nextInt(4)) {
          case 0 -> "r" + r.nextInt(5);
          case 1 -> "dc" + (1 + r.nextInt(3));
          case 2 -> "*";
          default -> "z" + r.nextInt(3);
        };
        targets.add(new SpreadTarget(v, p));
      }
    }
    return new Spread(attr, weight, targets);
  }

  @Test
  void indexedScorerMatchesTheReferenceBitForBit() {
    for (long seed : seeds()) {
      SplittableRandom r = new SplittableRandom(seed);
      List<Node> nodes = new ArrayList<>();
      for (int i = 0, n = 1 + r.nextInt(40); i < n; i++) {
        Map<String, String> meta = new HashMap<>();
        if (r.nextInt(6) != 0) {
          meta.put("rack", "r" + r.nextInt(5));
        }
        if (r.nextBoolean()) {
          meta.put("zone", "z" + r.nextInt(3));
        }
        nodes.add(Nodes.node("n" + i, "dc" + (1 + r.nextInt(3)), 1000, 1000, 0, 0, meta, "ready", "eligible"));
      }
      List<Spread> spreads = new ArrayList<>();
      for (int i = 0, k = 1 + r.nextInt(3); i < k; i++) {
        spreads.add(randomSpread(r));
      }
      int count = 1 + r.nextInt(30);
      double prior = r.nextInt(3) == 0 ? r.nextInt(200) : 0;
      SpreadScorer fast = new SpreadScorer(spreads, count, prior);
      Reference ref = new Reference(spreads, count, prior);
      assertThat(fast.sumWeights()).as("seed %d", seed).isEqualTo(ref.sumWeights);
      for (int step = 0, steps = 1 + r.nextInt(80); step < steps; step++) {
        int idx = r.nextInt(nodes.size());
        Node node = nodes.get(idx);
        switch (r.nextInt(4)) {
          case 0 -> {
            fast.count(idx, node, 1);
            ref.count(node);
          }
          case 1 -> {
            fast.count(node, 1);
            ref.count(node);
          }
          case 2 -> assertThat(fast.boost(node)).as("seed %d step %d node %s", seed, step, node.id())
              .isEqualTo(ref.boost(node));
          default -> assertThat(fast.boost(idx, node)).as("seed %d step %d node %s", seed, step, node.id())
              .isEqualTo(ref.boost(node));
        }
      }
    }
  }
}
