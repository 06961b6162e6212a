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

  private static final class Node<K, V> implements Map.Entry<K, V> {
    final K key;
    final V value;
    final Node<K, V> left;
    final Node<K, V> right;
    final int height;
    final int size;

    Node(K key, V value, Node<K, V> left, Node<K, V> right) {
      this.key = key;
      this.value = value;
      this.left = left;
      this.right = right;
      this.height = 1 + Math.max(height(left), height(right));
      this.size = 1 + size(left) + size(right);
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

  public int size() {
    return size(root);
  }

  public boolean isEmpty() {
    return root == null;
  }

  /** The value for {@code key}, or null. */
  public V get(K key) {
    Node<K, V> n = root;
    while (n != null) {
      int c = key.compareTo(n.key);
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
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Node<K, V> r = put(root, key, value);
    return r == root ? this : new PersistentSortedMap<>(r);
  }

  /** A map without {@code key}; this map is unchanged (and returned if the key is absent). */
  public PersistentSortedMap<K, V> remove(K key) {
    Node<K, V> r = remove(root, key);
    return r == root ? this : new PersistentSortedMap<>(r);
  }

  private static <K extends Comparable<? super K>, V> Node<K, V> put(Node<K, V> n, K key, V value) {
    if (n == null) {
      return new Node<>(key, value, null, null);
    }
    int c = key.compareTo(n.key);
    if (c == 0) {
      return n.value == value ? n : new Node<>(key, value, n.left, n.right);
    }
    if (c < 0) {
      Node<K, V> l = put(n.left, key, value);
      return l == n.left ? n : balance(n.key, n.value, l, n.right);
    }
    Node<K, V> r = put(n.right, key, value);
    return r == n.right ? n : balance(n.key, n.value, n.left, r);
  }

  private static <K extends Comparable<? super K>, V> Node<K, V> remove(Node<K, V> n, K key) {
    if (n == null) {
      return null;
    }
    int c = key.compareTo(n.key);
    if (c < 0) {
      Node<K, V> l = remove(n.left, key);
      return l == n.left ? n : balance(n.key, n.value, l, n.right);
    }
    if (c > 0) {
      Node<K, V> r = remove(n.right, key);
      return r == n.right ? n : balance(n.key, n.value, n.left, r);
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
    return balance(min.key, min.value, n.left, removeMin(n.right));
  }

  private static <K, V> Node<K, V> removeMin(Node<K, V> n) {
    if (n.left == null) {
      return n.right;
    }
    return balance(n.key, n.value, removeMin(n.left), n.right);
  }

  private static <K, V> Node<K, V> balance(K key, V value, Node<K, V> l, Node<K, V> r) {
    int hl = height(l);
    int hr = height(r);
    if (hl > hr + 1) {
      if (height(l.left) >= height(l.right)) {
        return new Node<>(l.key, l.value, l.left, new Node<>(key, value, l.right, r));
      }
      Node<K, V> lr = l.right;
      return new Node<>(lr.key, lr.value, new Node<>(l.key, l.value, l.left, lr.left), new Node<>(key, value, lr.right, r));
    }
    if (hr > hl + 1) {
      if (height(r.right) >= height(r.left)) {
        return new Node<>(r.key, r.value, new Node<>(key, value, l, r.left), r.right);
      }
      Node<K, V> rl = r.left;
      return new Node<>(rl.key, rl.value, new Node<>(key, value, l, rl.left), new Node<>(r.key, r.value, rl.right, r.right));
    }
    return new Node<>(key, value, l, r);
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
