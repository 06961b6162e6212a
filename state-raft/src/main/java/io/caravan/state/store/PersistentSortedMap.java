package io.caravan.state.store;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * An immutable sorted map with structural sharing (a path-copying persistent B+-tree): {@link #put}
 * and {@link #remove} return a new map in O(log n) that shares all untouched nodes with this one, so a
 * snapshot of a table is just a reference. Iteration is in key order. Null keys and values are refused.
 */
public final class PersistentSortedMap<K extends Comparable<? super K>, V> implements Iterable<Map.Entry<K, V>> {
  /*
   * Layout. Entries live in leaves, all at the same depth; a branch holds children. Every node keeps
   * its entries in three parallel arrays: packed key prefixes (see prefix()), keys, and slots (a leaf's
   * values, a branch's children). In a branch, keys[i] (i >= 1) is a separator: every key under
   * child i is >= keys[i] and < keys[i + 1]; keys[0] is unused (null). Separators are lower bounds,
   * not necessarily keys still present, so removing a key never touches them.
   *
   * Balance. A node holds at most MAX entries; every node except the root at least MIN = MAX / 2. An
   * insert into a full node splits it in two halves and adds the right half to the parent (a full
   * root grows the tree by one level); a remove that leaves a node below MIN borrows one entry from a
   * neighbour or merges with it (a root branch left with one child is replaced by it). So every leaf is
   * at the same depth, at most 1 + log_MIN(n / 2) for n >= 2.
   *
   * A wide node answers a search with one binary search over a long[] of packed prefixes, which sit
   * next to each other in memory, so a lookup reads few cache lines per level and only dereferences a
   * key when two prefixes tie; and a path copy copies a handful of nodes instead of ~log2(n).
   *
   * Edits. A node created under an open Edit records it and gets arrays of capacity MAX; later writes
   * under the same open edit change it in place (no copy). Every ancestor of such a node was created
   * under the edit too (writing a child rewrites its parent), so an in-place change never reaches a
   * node of another version. Nodes created without an edit get exact-size arrays.
   */

  /** Most entries (leaf) or children (branch) of a node; measured with PersistentMapBenchmark. */
  private static final int MAX = 32;
  /** Fewest entries of a node other than the root. */
  private static final int MIN = MAX / 2;

  private static final PersistentSortedMap<?, ?> EMPTY = new PersistentSortedMap<>(null, 0);

  private final Node root;
  private final int size;

  /**
   * The owner of the nodes one batch of writes created (a transaction): a put or remove given the
   * same open edit changes those nodes in place instead of copying them again (copy on first write per
   * node, as Clojure's transients). Nodes of any other map version are never changed, so versions
   * taken before the batch and maps published after {@link #close} stay immutable.
   */
  public static final class Edit {
    private boolean open = true;

    /** Ends the batch: later writes with this edit copy like plain {@link #put}s. */
    public void close() {
      open = false;
    }
  }

  /** A leaf (slots are values) or a branch (slots are child nodes). */
  private static final class Node {
    /** The batch that created this node and may still change it, or null. */
    final Edit edit;
    final boolean leaf;
    int n;
    /** {@code prefix(keys[i])}. */
    long[] pre;
    Object[] keys;
    Object[] slots;

    Node(Edit edit, boolean leaf, int capacity) {
      this.edit = edit;
      this.leaf = leaf;
      this.pre = new long[capacity];
      this.keys = new Object[capacity];
      this.slots = new Object[capacity];
    }
  }

  /** What one put or remove did, filled in on the way down and read on the way back up. */
  private static final class Op {
    /** Whether the map changes at all. */
    boolean changed;
    /** Whether a key was added (put) or removed (remove). */
    boolean sized;
    /** The right half of a node that was just split, to be added to its parent; else null. */
    Node right;
    /** The lower bound of {@link #right}'s keys, and its prefix. */
    Object sep;
    long sepPre;
  }

  private PersistentSortedMap(Node root, int size) {
    this.root = root;
    this.size = size;
  }

  @SuppressWarnings("unchecked")
  public static <K extends Comparable<? super K>, V> PersistentSortedMap<K, V> empty() {
    return (PersistentSortedMap<K, V>) EMPTY;
  }

  /**
   * A long whose unsigned order agrees with the key's order where two keys' values differ, so a search
   * compares keys without reading them; equal values say "compare the keys". A String packs up to
   * eight chars, one byte each: a char above 254 is packed as 255 and ends the prefix (what follows
   * it is left 0), a missing char packs as 0. A Long or Integer packs its value with the sign bit
   * flipped. Other keys pack as 0.
   */
  private static long prefix(Object key) {
    if (key instanceof String s) {
      long p = 0;
      int n = Math.min(8, s.length());
      int i = 0;
      for (; i < n; i++) {
        char c = s.charAt(i);
        if (c >= 255) {
          p = (p << 8) | 255;
          i++;
          break;
        }
        p = (p << 8) | c;
      }
      return p << (8 * (8 - i));
    }
    if (key instanceof Long l) {
      return l ^ Long.MIN_VALUE;
    }
    if (key instanceof Integer i) {
      return (long) i ^ Long.MIN_VALUE;
    }
    return 0;
  }

  /** The order of {@code key} (prefix {@code p}) against entry {@code i} of {@code nd}. */
  @SuppressWarnings("unchecked")
  private static int compare(Object key, long p, Node nd, int i) {
    int c = Long.compareUnsigned(p, nd.pre[i]);
    return c != 0 ? c : ((Comparable<Object>) key).compareTo(nd.keys[i]);
  }

  /** In a leaf: the index of {@code key}, or -(insertion point) - 1. */
  private static int leafIndex(Node nd, Object key, long p) {
    int lo = 0;
    int hi = nd.n - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = compare(key, p, nd, mid);
      if (c > 0) {
        lo = mid + 1;
      } else if (c < 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -(lo + 1);
  }

  /** In a branch: the child whose range holds {@code key} (the last i with i == 0 or keys[i] <= key). */
  private static int childIndex(Node nd, Object key, long p) {
    int lo = 1;
    int hi = nd.n - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (compare(key, p, nd, mid) >= 0) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return lo - 1;
  }

  private static boolean owned(Edit edit, Node nd) {
    return edit != null && nd.edit == edit && edit.open;
  }

  /** The owner to record in a node created now. */
  private static Edit owner(Edit edit) {
    return edit != null && edit.open ? edit : null;
  }

  /** A new node under {@code edit}: capacity MAX when the edit is open (it may grow in place), else {@code need}. */
  private static Node create(Edit edit, boolean leaf, int need) {
    Edit owner = owner(edit);
    return new Node(owner, leaf, owner != null ? MAX : need);
  }

  private static void copy(Node from, int at, Node to, int to0, int count) {
    System.arraycopy(from.pre, at, to.pre, to0, count);
    System.arraycopy(from.keys, at, to.keys, to0, count);
    System.arraycopy(from.slots, at, to.slots, to0, count);
  }

  /** {@code nd} itself if {@code edit} owns it, else a copy that can hold {@code need} entries. */
  private static Node writable(Node nd, Edit edit, int need) {
    if (owned(edit, nd)) {
      return nd;
    }
    Node c = create(edit, nd.leaf, need);
    copy(nd, 0, c, 0, nd.n);
    c.n = nd.n;
    return c;
  }

  /** {@code nd} (owned) or a copy with entry {@code i} set to the given one. */
  private static Node set(Node nd, Edit edit, int i, Object key, long p, Object slot) {
    Node w = writable(nd, edit, nd.n);
    w.pre[i] = p;
    w.keys[i] = key;
    w.slots[i] = slot;
    return w;
  }

  /** {@code nd} (owned, not full) or a copy with the given entry inserted at {@code i}. */
  private static Node insertAt(Node nd, Edit edit, int i, Object key, long p, Object slot) {
    int n = nd.n;
    Node w;
    if (owned(edit, nd)) {
      w = nd;
      copy(nd, i, w, i + 1, n - i);
    } else {
      w = create(edit, nd.leaf, n + 1);
      copy(nd, 0, w, 0, i);
      copy(nd, i, w, i + 1, n - i);
    }
    w.pre[i] = p;
    w.keys[i] = key;
    w.slots[i] = slot;
    w.n = n + 1;
    return w;
  }

  /** {@code nd} (owned) or a copy without entry {@code i}. */
  private static Node removeAt(Node nd, Edit edit, int i) {
    int n = nd.n;
    Node w;
    if (owned(edit, nd)) {
      w = nd;
      copy(nd, i + 1, w, i, n - i - 1);
      w.keys[n - 1] = null;
      w.slots[n - 1] = null;
    } else {
      w = create(edit, nd.leaf, n - 1);
      copy(nd, 0, w, 0, i);
      copy(nd, i + 1, w, i, n - i - 1);
    }
    w.n = n - 1;
    return w;
  }

  /**
   * Splits full {@code nd} with the given entry inserted at {@code i} (MAX + 1 entries): returns the
   * left half ({@code nd} itself when owned) and leaves the right half and its lower bound in {@code op}.
   */
  private static Node split(Node nd, Edit edit, int i, Object key, long p, Object slot, Op op) {
    int total = nd.n + 1;
    int half = total / 2;
    Node right = create(edit, nd.leaf, total - half);
    // entry j of the spliced sequence is nd's j (j < i), the new one (j == i), nd's j - 1 (j > i)
    if (i < half) {
      copy(nd, half - 1, right, 0, total - half);
    } else {
      copy(nd, half, right, 0, i - half);
      right.pre[i - half] = p;
      right.keys[i - half] = key;
      right.slots[i - half] = slot;
      copy(nd, i, right, i - half + 1, nd.n - i);
    }
    right.n = total - half;
    Node left = owned(edit, nd) ? nd : create(edit, nd.leaf, half);
    if (i < half) {
      copy(nd, i, left, i + 1, half - 1 - i); // shift right first: left may be nd itself
      if (left != nd) {
        copy(nd, 0, left, 0, i);
      }
      left.pre[i] = p;
      left.keys[i] = key;
      left.slots[i] = slot;
    } else if (left != nd) {
      copy(nd, 0, left, 0, half);
    }
    if (left == nd) {
      Arrays.fill(nd.keys, half, nd.n, null);
      Arrays.fill(nd.slots, half, nd.n, null);
    }
    left.n = half;
    op.right = right;
    op.sep = right.keys[0];
    op.sepPre = right.pre[0];
    if (!right.leaf) {
      right.keys[0] = null;
    }
    return left;
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return root == null;
  }

  /** The value for {@code key}, or null. */
  @SuppressWarnings("unchecked")
  public V get(K key) {
    Node nd = root;
    if (nd == null) {
      return null;
    }
    long p = prefix(key);
    while (!nd.leaf) {
      nd = (Node) nd.slots[childIndex(nd, key, p)];
    }
    int i = leafIndex(nd, key, p);
    return i >= 0 ? (V) nd.slots[i] : null;
  }

  public Optional<V> find(K key) {
    return Optional.ofNullable(get(key));
  }

  public boolean containsKey(K key) {
    return get(key) != null;
  }

  /** A map with {@code key} bound to {@code value}; this map is unchanged. */
  public PersistentSortedMap<K, V> put(K key, V value) {
    return put(key, value, null);
  }

  /**
   * A map with {@code key} bound to {@code value}. With an open {@code edit}, nodes that edit created
   * are changed in place, so this map (if it holds such nodes) must not be used afterwards: only the
   * returned one. Without one (null), this map is unchanged.
   */
  public PersistentSortedMap<K, V> put(K key, V value, Edit edit) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    long p = prefix(key);
    if (root == null) {
      Node leaf = create(edit, true, 1);
      leaf.pre[0] = p;
      leaf.keys[0] = key;
      leaf.slots[0] = value;
      leaf.n = 1;
      return new PersistentSortedMap<>(leaf, 1);
    }
    Op op = new Op();
    Node r = put(root, key, p, value, edit, op);
    if (!op.changed) {
      return this;
    }
    if (op.right != null) {
      Node top = create(edit, false, 2);
      top.slots[0] = r;
      top.pre[1] = op.sepPre;
      top.keys[1] = op.sep;
      top.slots[1] = op.right;
      top.n = 2;
      r = top;
    }
    return new PersistentSortedMap<>(r, op.sized ? size + 1 : size);
  }

  /** A map without {@code key}; this map is unchanged (and returned if the key is absent). */
  public PersistentSortedMap<K, V> remove(K key) {
    return remove(key, null);
  }

  /** A map without {@code key}, changing nodes {@code edit} owns in place (see {@link #put(Comparable, Object, Edit)}). */
  public PersistentSortedMap<K, V> remove(K key, Edit edit) {
    if (root == null) {
      return this;
    }
    Op op = new Op();
    Node r = remove(root, key, prefix(key), edit, op);
    if (!op.changed) {
      return this;
    }
    if (r.n == 0) {
      r = null;
    } else if (!r.leaf && r.n == 1) {
      r = (Node) r.slots[0];
    }
    return new PersistentSortedMap<>(r, size - 1);
  }

  /*
   * Both walk down to the leaf and return the subtree's new root: the same node when nothing changed
   * (op.changed false) or when it was changed in place (owned); a copy otherwise.
   */
  private static Node put(Node nd, Object key, long p, Object value, Edit edit, Op op) {
    if (nd.leaf) {
      int i = leafIndex(nd, key, p);
      if (i >= 0) {
        if (nd.slots[i] == value) {
          return nd;
        }
        op.changed = true;
        return set(nd, edit, i, nd.keys[i], nd.pre[i], value);
      }
      op.changed = true;
      op.sized = true;
      i = -i - 1;
      return nd.n < MAX ? insertAt(nd, edit, i, key, p, value) : split(nd, edit, i, key, p, value, op);
    }
    int i = childIndex(nd, key, p);
    Node child = (Node) nd.slots[i];
    Node c = put(child, key, p, value, edit, op);
    if (!op.changed || (c == child && op.right == null && owned(edit, nd))) {
      return nd;
    }
    Node w = c == child ? nd : set(nd, edit, i, nd.keys[i], nd.pre[i], c);
    if (w == nd && !owned(edit, nd)) {
      w = writable(nd, edit, nd.n); // an owned child under a parent of another version: copy the parent
    }
    if (op.right == null) {
      return w;
    }
    Node right = op.right;
    op.right = null;
    return w.n < MAX ? insertAt(w, edit, i + 1, op.sep, op.sepPre, right) : split(w, edit, i + 1, op.sep, op.sepPre, right, op);
  }

  private static Node remove(Node nd, Object key, long p, Edit edit, Op op) {
    if (nd.leaf) {
      int i = leafIndex(nd, key, p);
      if (i < 0) {
        return nd;
      }
      op.changed = true;
      op.sized = true;
      return removeAt(nd, edit, i);
    }
    int i = childIndex(nd, key, p);
    Node child = (Node) nd.slots[i];
    Node c = remove(child, key, p, edit, op);
    if (!op.changed || (c == child && c.n >= MIN && owned(edit, nd))) {
      return nd;
    }
    Node w = set(nd, edit, i, nd.keys[i], nd.pre[i], c);
    return c.n >= MIN ? w : rebalance(w, edit, i);
  }

  /**
   * Child {@code i} of {@code w} (writable) has MIN - 1 entries: it takes one from a neighbour that
   * has more than MIN, else merges with one. A branch child's first entry has no separator of its own
   * (keys[0] is unused): when it moves, the parent's separator goes with it.
   */
  private static Node rebalance(Node w, Edit edit, int i) {
    int l = i > 0 ? i - 1 : i;
    Node left = (Node) w.slots[l];
    Node right = (Node) w.slots[l + 1];
    Object sep = w.keys[l + 1];
    long sepPre = w.pre[l + 1];
    boolean leaf = left.leaf;
    if (left.n + right.n <= MAX) {
      Node m = writable(left, edit, left.n + right.n);
      int at = m.n;
      copy(right, 0, m, at, right.n);
      if (!leaf) {
        m.keys[at] = sep;
        m.pre[at] = sepPre;
      }
      m.n = at + right.n;
      w.slots[l] = m;
      return removeAt(w, edit, l + 1);
    }
    if (left.n > right.n) {
      // the last entry of left moves to the front of right
      int last = left.n - 1;
      Node to = insertAt(right, edit, 0, left.keys[last], left.pre[last], left.slots[last]);
      Node from = removeAt(left, edit, last);
      Object bound = to.keys[0];
      long boundPre = to.pre[0];
      if (!leaf) {
        to.keys[1] = sep;
        to.pre[1] = sepPre;
        to.keys[0] = null;
      }
      w.slots[l] = from;
      w.slots[l + 1] = to;
      w.keys[l + 1] = bound;
      w.pre[l + 1] = boundPre;
      return w;
    }
    // the first entry of right moves to the end of left
    Object moved = leaf ? right.keys[0] : sep;
    long movedPre = leaf ? right.pre[0] : sepPre;
    Node to = insertAt(left, edit, left.n, moved, movedPre, right.slots[0]);
    Object bound = right.keys[1];
    long boundPre = right.pre[1];
    Node from = removeAt(right, edit, 0);
    if (!leaf) {
      from.keys[0] = null;
    }
    w.slots[l] = to;
    w.slots[l + 1] = from;
    w.keys[l + 1] = bound;
    w.pre[l + 1] = boundPre;
    return w;
  }

  /** Values in key order. */
  public List<V> values() {
    if (root == null) {
      return List.of();
    }
    List<V> out = new ArrayList<>(size);
    forEach((k, v) -> out.add(v));
    return Collections.unmodifiableList(out);
  }

  /** Keys in order. */
  public List<K> keys() {
    List<K> out = new ArrayList<>(size);
    forEach((k, v) -> out.add(k));
    return Collections.unmodifiableList(out);
  }

  /** Visits entries in key order. */
  public void forEach(BiConsumer<? super K, ? super V> action) {
    if (root != null) {
      visit(root, action);
    }
  }

  @SuppressWarnings("unchecked")
  private static <K, V> void visit(Node nd, BiConsumer<? super K, ? super V> action) {
    if (nd.leaf) {
      for (int i = 0; i < nd.n; i++) {
        action.accept((K) nd.keys[i], (V) nd.slots[i]);
      }
    } else {
      for (int i = 0; i < nd.n; i++) {
        visit((Node) nd.slots[i], action);
      }
    }
  }

  /** Number of levels, leaves included (for balance checks in tests). */
  int height() {
    int h = 0;
    for (Node nd = root; nd != null; nd = nd.leaf ? null : (Node) nd.slots[0]) {
      h++;
    }
    return h;
  }

  /**
   * Checks the tree's shape (for tests): every leaf at the same depth, entry counts within bounds,
   * keys ascending in each node and within their separators, prefixes matching keys, and the size.
   *
   * @throws IllegalStateException naming the first broken rule
   */
  void checkInvariants() {
    if (root == null) {
      require(size == 0, "empty map with size " + size);
      return;
    }
    require(root.leaf ? root.n >= 1 : root.n >= 2, "root with " + root.n + " entries");
    int counted = check(root, true, null, null, height());
    require(counted == size, "size " + size + " but " + counted + " entries");
  }

  /** The number of entries under {@code nd}, whose keys must be in [lo, hi) (null: unbounded). */
  @SuppressWarnings("unchecked")
  private static int check(Node nd, boolean isRoot, Object lo, Object hi, int levels) {
    require(nd.leaf == (levels == 1), "leaf at the wrong depth");
    require(isRoot || (nd.n >= MIN && nd.n <= MAX), "node with " + nd.n + " entries");
    require(nd.n <= nd.keys.length && nd.keys.length == nd.pre.length && nd.keys.length == nd.slots.length, "arrays");
    for (int i = nd.n; i < nd.keys.length; i++) {
      require(nd.keys[i] == null && nd.slots[i] == null, "stale entry past the end");
    }
    int first = nd.leaf ? 0 : 1;
    Object prev = lo;
    for (int i = first; i < nd.n; i++) {
      Object k = nd.keys[i];
      require(k != null && nd.slots[i] != null, "null key or slot");
      require(nd.pre[i] == prefix(k), "prefix of " + k);
      require(prev == null || (nd.leaf && i == 0 ? ((Comparable<Object>) k).compareTo(prev) >= 0
          : ((Comparable<Object>) k).compareTo(prev) > 0), "key order at " + k);
      require(hi == null || ((Comparable<Object>) k).compareTo(hi) < 0, "key " + k + " not below its bound");
      prev = k;
    }
    if (nd.leaf) {
      return nd.n;
    }
    require(nd.keys[0] == null, "branch keys[0] set");
    int count = 0;
    for (int i = 0; i < nd.n; i++) {
      count += check((Node) nd.slots[i], false, i == 0 ? lo : nd.keys[i], i + 1 < nd.n ? nd.keys[i + 1] : hi, levels - 1);
    }
    return count;
  }

  private static void require(boolean ok, String broken) {
    if (!ok) {
      throw new IllegalStateException(broken);
    }
  }

  @Override
  public Iterator<Map.Entry<K, V>> iterator() {
    return new Iterator<>() {
      /** The nodes from the root to the current leaf, and the entry index at each. */
      private final Node[] path = new Node[height()];
      private final int[] at = new int[path.length];
      private boolean done = root == null;

      {
        if (!done) {
          descend(0, root);
        }
      }

      private void descend(int level, Node nd) {
        for (; level < path.length; level++) {
          path[level] = nd;
          at[level] = 0;
          if (!nd.leaf) {
            nd = (Node) nd.slots[0];
          }
        }
      }

      @Override
      public boolean hasNext() {
        return !done;
      }

      @Override
      @SuppressWarnings("unchecked")
      public Map.Entry<K, V> next() {
        if (done) {
          throw new NoSuchElementException();
        }
        int leafLevel = path.length - 1;
        Node leaf = path[leafLevel];
        int i = at[leafLevel];
        Map.Entry<K, V> e = new AbstractMap.SimpleImmutableEntry<>((K) leaf.keys[i], (V) leaf.slots[i]);
        if (++at[leafLevel] == leaf.n) {
          int level = leafLevel - 1;
          while (level >= 0 && ++at[level] == path[level].n) {
            level--;
          }
          if (level < 0) {
            done = true;
          } else {
            descend(level + 1, (Node) path[level].slots[at[level]]);
          }
        }
        return e;
      }
    };
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(k).append('=').append(v));
    return sb.append('}').toString();
  }
}
