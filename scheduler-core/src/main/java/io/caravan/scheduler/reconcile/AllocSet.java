package io.caravan.scheduler.reconcile;

import io.caravan.model.cluster.Allocation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/** A mutable set of allocations keyed and iterated by ID, so every pass over it is deterministic. */
final class AllocSet {
  private final TreeMap<String, Allocation> byId = new TreeMap<>();

  AllocSet() {}

  AllocSet(Collection<Allocation> allocs) {
    allocs.forEach(this::add);
  }

  void add(Allocation a) {
    byId.put(a.id(), a);
  }

  void remove(String id) {
    byId.remove(id);
  }

  boolean contains(String id) {
    return byId.containsKey(id);
  }

  Allocation get(String id) {
    return byId.get(id);
  }

  int size() {
    return byId.size();
  }

  boolean isEmpty() {
    return byId.isEmpty();
  }

  Collection<Allocation> values() {
    return byId.values();
  }

  /** A snapshot of the allocations, safe to iterate while this set changes. */
  List<Allocation> list() {
    return new ArrayList<>(byId.values());
  }

  AllocSet copy() {
    return new AllocSet(byId.values());
  }

  AllocSet union(AllocSet... others) {
    AllocSet out = copy();
    for (AllocSet o : others) {
      o.values().forEach(out::add);
    }
    return out;
  }

  AllocSet difference(AllocSet... others) {
    AllocSet out = copy();
    for (AllocSet o : others) {
      for (String id : o.byId.keySet()) {
        out.remove(id);
      }
    }
    return out;
  }

  AllocSet filter(Predicate<Allocation> keep) {
    AllocSet out = new AllocSet();
    for (Allocation a : byId.values()) {
      if (keep.test(a)) {
        out.add(a);
      }
    }
    return out;
  }

  AllocSet fromKeys(Collection<String> ids) {
    AllocSet out = new AllocSet();
    for (String id : ids) {
      Allocation a = byId.get(id);
      if (a != null) {
        out.add(a);
      }
    }
    return out;
  }

  /** The allocations ordered by name index, then ID. */
  List<Allocation> nameOrder() {
    List<Allocation> out = list();
    out.sort(Comparator.comparingInt((Allocation a) -> AllocNameIndex.index(a.name())).thenComparing(Allocation::id));
    return out;
  }

  Map<String, Allocation> asMap() {
    return byId;
  }
}
