package io.caravan.state.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * An immutable sorted map with structural sharing (a path-copying AVL tree): {@link #put} and
 * {@link #remove} return a new map in O(log n) that shares all untouched nodes with this one, so a
 * snapshot of a table is just a reference. Iteration is in key order. Null keys and values are refused.
 */
public final class PersistentSortedMap<K extends Comparable<? super K>, V> implements Iterable<Map.Entry<K, V>> {
  private static final PersistentSortedMap<?, ?> EMPTY = new PersistentSortedMap<>(null);

  private final Node<K, V> root;

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

  private static final class Node<K, V> implements Map.Entry<K, V> {
    K key;
    /** The first chars of a String key, packed so unsigned order is the key's order (see {@link #prefix}). */
    long prefix;
    V value;
    Node<K, V> left;
    Node<K, V> right;
    int height;
    int size;
    /** The batch that created this node and may still change it, or null. */
    final Edit edit;

    Node(K key, V value, Node<K, V> left, Node<K, V> right, Edit edit) {
      this.edit = edit;
      set(key, value, left, right);
    }

    Node<K, V> set(K key, V value, Node<K, V> left, Node<K, V> right) {
      if (key != this.key) {
        this.key = key;
        this.prefix = prefix(key);
      }
      this.value = value;
      this.left = left;
      this.right = right;
      this.height = 1 + Math.max(height(left), height(right));
      this.size = 1 + size(left) + size(right);
      return this;
    }

    @Override
    public K getKey() {
      return key;
    }

    @Override
    public V getValue() {
      return value;
    }

    @Override
    public V setValue(V v) {
      throw new UnsupportedOperationException("immutable");
    }

    @Override
    public String toString() {
      return key + "=" + value;
    }
  }

  private PersistentSortedMap(Node<K, V> root) {
    this.root = root;
  }

  @SuppressWarnings("unchecked")
  public static <K extends Comparable<? super K>, V> PersistentSortedMap<K, V> empty() {
    return (PersistentSortedMap<K, V>) EMPTY;
  }

  private static int height(Node<?, ?> n) {
    return n == null ? 0 : n.height;
  }

  private static int size(Node<?, ?> n) {
    return n == null ? 0 : n.size;
  }

  /**
   * Up to eight chars of a String key, one byte each, in one long (0 for other keys): where two keys'
   * prefixes differ, their unsigned order is String's order, so a search compares keys without reading
   * their chars. A char above 254 is packed as 255 and ends the prefix (what follows it is left 0),
   * so equal prefixes only say "compare the strings"; a missing char packs as 0.
   */
  private static long prefix(Object key) {
    if (!(key instanceof String s)) {
      return 0;
    }
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

  private static <K extends Comparable<? super K>> int compare(K key, long prefix, Node<K, ?> n) {
    int c = Long.compareUnsigned(prefix, n.prefix);
    return c != 0 ? c : key.compareTo(n.key);
  }

  /** The node reused for a change: {@code n} itself when the open {@code edit} owns it, else a new copy. */
  private static <K, V> Node<K, V> node(Edit edit, Node<K, V> n, K key, V value, Node<K, V> left, Node<K, V> right) {
    if (n != null && edit != null && n.edit == edit && edit.open) {
      return n.set(key, value, left, right);
    }
    return new Node<>(key, value, left, right, edit != null && edit.open ? edit : null);
  }

  private static boolean owned(Edit edit, Node<?, ?> n) {
    return n != null && edit != null && n.edit == edit && edit.open;
  }

  public int size() {
    return size(root);
  }

  public boolean isEmpty() {
    return root == null;
  }

  /** The value for {@code key}, or null. */
  public V get(K key) {
    long p = prefix(key);
    Node<K, V> n = root;
    while (n != null) {
      int c = compare(key, p, n);
      if (c == 0) {
        return n.value;
      }
      n = c < 0 ? n.left : n.right;
    }
    return null;
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
    Node<K, V> r = put(root, key, prefix(key), value, edit);
    return r == root ? this : new PersistentSortedMap<>(r);
  }

  /** A map without {@code key}; this map is unchanged (and returned if the key is absent). */
  public PersistentSortedMap<K, V> remove(K key) {
    return remove(key, null);
  }

  /** A map without {@code key}, changing nodes {@code edit} owns in place (see {@link #put(Comparable, Object, Edit)}). */
  public PersistentSortedMap<K, V> remove(K key, Edit edit) {
    Node<K, V> r = remove(root, key, prefix(key), edit);
    return r == root ? this : new PersistentSortedMap<>(r);
  }

  /*
   * A child returned unchanged (the same instance, not owned by the edit) leaves its parent as it is;
   * an owned child may have changed in place, so its parent's height and size are recomputed (and the
   * parent, owned too, is updated in place: every ancestor of an owned node is owned).
   */
  private static <K extends Comparable<? super K>, V> Node<K, V> put(Node<K, V> n, K key, long p, V value, Edit edit) {
    if (n == null) {
      return node(edit, null, key, value, null, null);
    }
    int c = compare(key, p, n);
    if (c == 0) {
      return n.value == value ? n : node(edit, n, key, value, n.left, n.right);
    }
    if (c < 0) {
      Node<K, V> l = put(n.left, key, p, value, edit);
      return l == n.left && !owned(edit, l) ? n : balance(edit, n, n.key, n.value, l, n.right);
    }
    Node<K, V> r = put(n.right, key, p, value, edit);
    return r == n.right && !owned(edit, r) ? n : balance(edit, n, n.key, n.value, n.left, r);
  }

  private static <K extends Comparable<? super K>, V> Node<K, V> remove(Node<K, V> n, K key, long p, Edit edit) {
    if (n == null) {
      return null;
    }
    int c = compare(key, p, n);
    if (c < 0) {
      Node<K, V> l = remove(n.left, key, p, edit);
      return l == n.left && !owned(edit, l) ? n : balance(edit, n, n.key, n.value, l, n.right);
    }
    if (c > 0) {
      Node<K, V> r = remove(n.right, key, p, edit);
      return r == n.right && !owned(edit, r) ? n : balance(edit, n, n.key, n.value, n.left, r);
    }
    if (n.left == null) {
      return n.right;
    }
    if (n.right == null) {
      return n.left;
    }
    Node<K, V> min = n.right;
    while (min.left != null) {
      min = min.left;
    }
    K minKey = min.key;
    V minValue = min.value;
    return balance(edit, n, minKey, minValue, n.left, removeMin(n.right, edit));
  }

  private static <K, V> Node<K, V> removeMin(Node<K, V> n, Edit edit) {
    if (n.left == null) {
      return n.right;
    }
    return balance(edit, n, n.key, n.value, removeMin(n.left, edit), n.right);
  }

  /**
   * The balanced subtree of {@code key}/{@code value} over {@code l} and {@code r}, where {@code at} is
   * the node that held this position (reused when the edit owns it). Children's fields are read before
   * any node is changed.
   */
  private static <K, V> Node<K, V> balance(Edit edit, Node<K, V> at, K key, V value, Node<K, V> l, Node<K, V> r) {
    int hl = height(l);
    int hr = height(r);
    if (hl > hr + 1) {
      Node<K, V> ll = l.left;
      Node<K, V> lr = l.right;
      if (height(ll) >= height(lr)) {
        Node<K, V> right = node(edit, at, key, value, lr, r);
        return node(edit, l, l.key, l.value, ll, right);
      }
      Node<K, V> lrl = lr.left;
      Node<K, V> lrr = lr.right;
      Node<K, V> left = node(edit, l, l.key, l.value, ll, lrl);
      Node<K, V> right = node(edit, at, key, value, lrr, r);
      return node(edit, lr, lr.key, lr.value, left, right);
    }
    if (hr > hl + 1) {
      Node<K, V> rl = r.left;
      Node<K, V> rr = r.right;
      if (height(rr) >= height(rl)) {
        Node<K, V> left = node(edit, at, key, value, l, rl);
        return node(edit, r, r.key, r.value, left, rr);
      }
      Node<K, V> rll = rl.left;
      Node<K, V> rlr = rl.right;
      Node<K, V> left = node(edit, at, key, value, l, rll);
      Node<K, V> right = node(edit, r, r.key, r.value, rlr, rr);
      return node(edit, rl, rl.key, rl.value, left, right);
    }
    return node(edit, at, key, value, l, r);
  }

  /** Values in key order. */
  public List<V> values() {
    if (root == null) {
      return List.of();
    }
    List<V> out = new ArrayList<>(root.size);
    forEach((k, v) -> out.add(v));
    return Collections.unmodifiableList(out);
  }

  /** Keys in order. */
  public List<K> keys() {
    List<K> out = new ArrayList<>(size());
    forEach((k, v) -> out.add(k));
    return Collections.unmodifiableList(out);
  }

  /** Visits entries in key order. */
  public void forEach(BiConsumer<? super K, ? super V> action) {
    visit(root, action);
  }

  private static <K, V> void visit(Node<K, V> n, BiConsumer<? super K, ? super V> action) {
    while (n != null) {
      visit(n.left, action);
      action.accept(n.key, n.value);
      n = n.right;
    }
  }

  /** Height of the tree (for balance checks in tests). */
  int height() {
    return height(root);
  }

  @Override
  public Iterator<Map.Entry<K, V>> iterator() {
    return new Iterator<>() {
      private final Deque<Node<K, V>> stack = new ArrayDeque<>();

      {
        pushLeft(root);
      }

      private void pushLeft(Node<K, V> n) {
        while (n != null) {
          stack.push(n);
          n = n.left;
        }
      }

      @Override
      public boolean hasNext() {
        return !stack.isEmpty();
      }

      @Override
      public Map.Entry<K, V> next() {
        if (stack.isEmpty()) {
          throw new NoSuchElementException();
        }
        Node<K, V> n = stack.pop();
        pushLeft(n.right);
        return n;
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
