package io.caravan.scheduler.ranking;

import io.caravan.model.cluster.Node;
import io.caravan.model.job.Spread;
import io.caravan.model.job.SpreadTarget;
import io.caravan.scheduler.feasibility.TargetResolver;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Spread boosts for one task group, as Nomad's {@code SpreadIterator}: per spread block a count
 * of allocations per attribute value (values that are not targets count under {@code "*"}), and
 * a boost from targets or, without targets, from evenness. Counts are updated as placements are
 * made within the evaluation.
 *
 * <p>Each block interns its count keys as small integers, and the engine's indexed methods
 * ({@link #boost(int, Node)}, {@link #count(int, Node, int)}) remember each node's key, so scoring
 * a node is a few array reads: no target resolution, string building or map lookup per node.
 */
public final class SpreadScorer {
  /** Per-node key marker: not resolved yet. */
  private static final int UNRESOLVED = -2;
  /** Per-node key marker: the node lacks the attribute. */
  private static final int MISSING = -1;

  private final List<Block> blocks = new ArrayList<>();
  private final Block[] blockArray;
  private final double sumWeights;
  /** Changes whenever a count changes (boosts of an untargeted block depend on nothing else). */
  private int version;
  /** The lowest targeted boost seen so far (starts at −1); a value with 0 desired scores this. */
  private double lowestBoost = -1.0;

  /** One spread block with its interned keys and their counts. */
  private static final class Block {
    final String attribute;
    final boolean targeted;
    final Map<String, Double> desired;
    /** {@code weight / sumWeights}, the factor of every targeted boost. */
    double weightShare;
    /** Count key (a value, or {@code "*"} for untargeted values of a targeted block) → key id. */
    final Map<String, Integer> keyIds = new HashMap<>();
    /** Per key id: the desired count, or NaN when the key has none. */
    double[] desiredById = new double[8];
    /** Per key id: the allocation count. */
    int[] usedById = new int[8];
    /** Per key id: whether the key has been counted (present in the use map). */
    boolean[] presentById = new boolean[8];
    /** How many keys have been counted; 0 means the use map is empty. */
    int present;
    /** Per engine node index: its key id, {@link #MISSING} or {@link #UNRESOLVED}. */
    int[] keyOfNode = new int[0];
    /** Per engine class id (see {@link SpreadScorer#primeFromClass}): its key id, or {@link #UNRESOLVED}. */
    int[] keyOfClass = new int[0];
    /** Extremes of the non-zero counts (0 = unset), refreshed after each count. */
    int min;
    int max;

    Block(Spread spread, Map<String, Double> desired) {
      this.attribute = spread.attribute();
      this.targeted = !spread.spreadTargetOrEmpty().isEmpty();
      this.desired = desired;
    }

    /** The key id counting {@code value}, interning it on first sight. */
    int keyOf(String value) {
      String key = targeted && !desired.containsKey(value) ? "*" : value;
      Integer id = keyIds.get(key);
      if (id != null) {
        return id;
      }
      int next = keyIds.size();
      keyIds.put(key, next);
      if (next == usedById.length) {
        usedById = Arrays.copyOf(usedById, next * 2);
        presentById = Arrays.copyOf(presentById, next * 2);
        desiredById = Arrays.copyOf(desiredById, next * 2);
      }
      Double d = desired.get(key);
      desiredById[next] = d == null ? Double.NaN : d;
      return next;
    }

    /** {@code keys} itself, or a copy grown to hold index {@code i}, new slots {@code UNRESOLVED}. */
    private static int[] withRoomFor(int[] keys, int i) {
      if (i < keys.length) {
        return keys;
      }
      int old = keys.length;
      int[] grown = Arrays.copyOf(keys, Math.max(i + 1, old * 2));
      Arrays.fill(grown, old, grown.length, UNRESOLVED);
      return grown;
    }

    /** The key id of the node at engine index {@code idx}, resolving and remembering it once. */
    int keyOfNode(int idx, Node node) {
      keyOfNode = withRoomFor(keyOfNode, idx);
      int k = keyOfNode[idx];
      if (k == UNRESOLVED) {
        k = keyOfValue(node);
        keyOfNode[idx] = k;
      }
      return k;
    }

    /**
     * Sets the key of the node at engine index {@code idx} from its computed class {@code cls}
     * (an engine class id), resolving the attribute on the first node of each class only.
     */
    void primeFromClass(int idx, Node node, int cls) {
      keyOfNode = withRoomFor(keyOfNode, idx);
      if (keyOfNode[idx] != UNRESOLVED) {
        return;
      }
      keyOfClass = withRoomFor(keyOfClass, cls);
      int k = keyOfClass[cls];
      if (k == UNRESOLVED) {
        k = keyOfValue(node);
        keyOfClass[cls] = k;
      }
      keyOfNode[idx] = k;
    }

    int keyOfValue(Node node) {
      String v = TargetResolver.resolve(attribute, node);
      return v == null ? MISSING : keyOf(v);
    }

    void count(int key, int delta) {
      usedById[key] += delta;
      if (!presentById[key]) {
        presentById[key] = true;
        present++;
      }
      int lo = 0;
      int hi = 0;
      for (int i = 0, n = keyIds.size(); i < n; i++) {
        int c = usedById[i];
        if (!presentById[i] || c == 0) {
          continue;
        }
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
      blocks.add(new Block(s, desired));
    }
    this.sumWeights = sum;
    for (int i = 0; i < spreads.size(); i++) {
      Spread s = spreads.get(i);
      double weight = s.weight() == null ? 50 : s.weight();
      blocks.get(i).weightShare = weight / sumWeights;
    }
    this.blockArray = blocks.toArray(new Block[0]);
  }

  /** The accumulated spread weight, to pass to the next group's scorer. */
  public double sumWeights() {
    return sumWeights;
  }

  /**
   * True when there is exactly one spread block and it has no targets: then a node's boost is a
   * function of its key ({@link #singleKey}) and the counts alone, which change only with
   * {@link #version()}.
   */
  public boolean singleEven() {
    return blockArray.length == 1 && !blockArray[0].targeted;
  }

  /** With {@link #singleEven()}: the node's key id in the block (resolved once), or −1 when it lacks the attribute. */
  public int singleKey(int idx, Node node) {
    return blockArray[0].keyOfNode(idx, node);
  }

  /** A number that changes whenever a count changes. */
  public int version() {
    return version;
  }

  /** True when the group has any spread block. */
  public boolean active() {
    return blockArray.length > 0;
  }

  /** Counts an existing or proposed allocation of this group on {@code node}. */
  public void count(Node node, int delta) {
    version++;
    for (Block b : blockArray) {
      int key = b.keyOfValue(node);
      if (key != MISSING) {
        b.count(key, delta);
      }
    }
  }

  /** Like {@link #count(Node, int)} for the node at the engine's index {@code idx}, remembering its values. */
  public void count(int idx, Node node, int delta) {
    version++;
    for (Block b : blockArray) {
      int key = b.keyOfNode(idx, node);
      if (key != MISSING) {
        b.count(key, delta);
      }
    }
  }

  /**
   * True when every block's attribute is the same for all nodes of one computed class (so
   * {@link #primeFromClass} may be used): a literal, or a {@code ${node.datacenter}},
   * {@code ${node.class}}, {@code ${node.pool}}, {@code ${attr.*}} or {@code ${meta.*}} target
   * that is not {@code unique.*}, since the computed class hashes exactly those fields.
   */
  public boolean classDetermined() {
    for (Block b : blockArray) {
      String a = b.attribute;
      boolean inClass = !a.startsWith("${")
          || a.equals("${node.datacenter}") || a.equals("${node.class}") || a.equals("${node.pool}")
          || (a.startsWith("${attr.") || a.startsWith("${meta.")) && !TargetResolver.escapes(a);
      if (!inClass) {
        return false;
      }
    }
    return true;
  }

  /**
   * Remembers the attribute values of the node at the engine's index {@code idx} from those of
   * the first node of its computed class {@code cls} (a dense id the engine assigns per class).
   * Only valid when {@link #classDetermined()}; a node already resolved keeps its values.
   */
  public void primeFromClass(int idx, Node node, int cls) {
    for (Block b : blockArray) {
      b.primeFromClass(idx, node, cls);
    }
  }

  /** The summed boost of placing one more allocation on {@code node}. */
  public double boost(Node node) {
    double total = 0;
    for (Block b : blockArray) {
      if (!b.targeted && b.present == 0) {
        continue;
      }
      total += blockBoost(b, b.keyOfValue(node));
    }
    return total;
  }

  /** Like {@link #boost(Node)} for the node at the engine's index {@code idx}, remembering its values. */
  public double boost(int idx, Node node) {
    double total = 0;
    for (Block b : blockArray) {
      if (!b.targeted && b.present == 0) {
        continue;
      }
      total += blockBoost(b, b.keyOfNode(idx, node));
    }
    return total;
  }

  private double blockBoost(Block b, int key) {
    if (key == MISSING) {
      return -1.0;
    }
    return b.targeted ? targetedBoost(b, key) : evenBoost(b, key);
  }

  private double targetedBoost(Block b, int key) {
    double desired = b.desiredById[key];
    if (Double.isNaN(desired)) {
      return -1.0;
    }
    if (desired == 0) {
      return lowestBoost;
    }
    int used = b.usedById[key] + 1;
    double boost = ((desired - used) / desired) * b.weightShare;
    if (boost < lowestBoost) {
      lowestBoost = boost;
    }
    return boost;
  }

  private static double evenBoost(Block b, int key) {
    int cur = b.usedById[key];
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
