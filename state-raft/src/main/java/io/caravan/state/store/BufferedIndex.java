package io.caravan.state.store;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A two-level index (outer key to an inner map) as one transaction changes it: changed inner maps are
 * kept in a hash map and written into the outer map once, at {@link #commit}, instead of walking the
 * outer tree twice per write (a plan result puts a thousand allocations under a few nodes, one job and
 * one evaluation).
 */
final class BufferedIndex<V> {
  private PersistentSortedMap<String, PersistentSortedMap<String, V>> outer;
  /** Inner maps changed by this transaction, in the order first changed (empty ones are removed at commit). */
  private final Map<String, PersistentSortedMap<String, V>> changed = new LinkedHashMap<>();
  private final PersistentSortedMap.Edit edit;

  BufferedIndex(PersistentSortedMap<String, PersistentSortedMap<String, V>> outer, PersistentSortedMap.Edit edit) {
    this.outer = outer;
    this.edit = edit;
  }

  /** The inner map under {@code key} as of this transaction, or null when there is none. */
  PersistentSortedMap<String, V> get(String key) {
    PersistentSortedMap<String, V> m = changed.get(key);
    return m != null ? m : outer.get(key);
  }

  void put(String key, String innerKey, V value) {
    PersistentSortedMap<String, V> m = get(key);
    changed.put(key, (m == null ? PersistentSortedMap.<String, V>empty() : m).put(innerKey, value, edit));
  }

  void remove(String key, String innerKey) {
    PersistentSortedMap<String, V> m = get(key);
    if (m == null) {
      return;
    }
    PersistentSortedMap<String, V> r = m.remove(innerKey, edit);
    if (r != m) {
      changed.put(key, r);
    }
  }

  /** The outer map with every changed inner map written in (an emptied one removed). */
  PersistentSortedMap<String, PersistentSortedMap<String, V>> commit() {
    for (Map.Entry<String, PersistentSortedMap<String, V>> e : changed.entrySet()) {
      outer = e.getValue().isEmpty() ? outer.remove(e.getKey(), edit) : outer.put(e.getKey(), e.getValue(), edit);
    }
    changed.clear();
    return outer;
  }
}
