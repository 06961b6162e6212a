package io.caravan.scheduler.reconcile;

import io.caravan.model.cluster.Allocation;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The allocation names {@code <job>.<group>[i]} of one task group in use, as a bitmap of indexes:
 * new names take the lowest free index below the count (then wrap from 0), scale-down removes
 * the highest indexes first, canaries prefer the indexes of allocations being replaced.
 */
public final class AllocNameIndex {
  private final String jobId;
  private final String group;
  private final int count;
  private final BitSet used = new BitSet();

  /** An index over {@code taken} (allocations whose names are in use) for a group of {@code count}. */
  public AllocNameIndex(String jobId, String group, int count, Collection<Allocation> taken) {
    this.jobId = jobId;
    this.group = group;
    this.count = count;
    for (Allocation a : taken) {
      used.set(index(a.name()));
    }
  }

  /** The name of index {@code i}. */
  public static String name(String jobId, String group, int i) {
    return jobId + "." + group + "[" + i + "]";
  }

  /** The index in an allocation name {@code <job>.<group>[i]}; 0 when the name carries none. */
  public static int index(String name) {
    int open = name.lastIndexOf('[');
    int close = name.lastIndexOf(']');
    if (open < 0 || close < open + 2) {
      return 0;
    }
    try {
      return Integer.parseInt(name.substring(open + 1, close));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** True when index {@code i} is in use. */
  public boolean isSet(int i) {
    return used.get(i);
  }

  /** Marks index {@code i} free. */
  public void unset(int i) {
    used.clear(i);
  }

  /** Marks index {@code i} used. */
  public void set(int i) {
    used.set(i);
  }

  /** The names of the {@code n} highest used indexes, freeing them; highest first. */
  public Set<String> highest(int n) {
    Set<String> out = new LinkedHashSet<>();
    for (int i = used.length() - 1; i >= 0 && out.size() < n; i--) {
      if (used.get(i)) {
        used.clear(i);
        out.add(name(jobId, group, i));
      }
    }
    return out;
  }

  /** {@code n} names for new allocations: free indexes below the count lowest first, then 0, 1, … again. */
  public List<String> next(int n) {
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < count && out.size() < n; i++) {
      if (!used.get(i)) {
        used.set(i);
        out.add(name(jobId, group, i));
      }
    }
    for (int i = 0; out.size() < n; i++) {
      used.set(i);
      out.add(name(jobId, group, i));
    }
    return out;
  }

  /**
   * {@code n} canary names not held by an existing canary: first the indexes of allocations
   * being destructively updated, then free indexes below the count, then count, count+1, ….
   */
  public List<String> nextCanaries(int n, Collection<Allocation> existingCanaries, Collection<Allocation> destructive) {
    List<String> out = new ArrayList<>(n);
    Set<String> canaryNames = new java.util.HashSet<>();
    for (Allocation a : existingCanaries) {
      canaryNames.add(a.name());
    }
    BitSet replaced = new BitSet();
    for (Allocation a : destructive) {
      replaced.set(index(a.name()));
    }
    for (int i = replaced.nextSetBit(0); i >= 0 && i < count && out.size() < n; i = replaced.nextSetBit(i + 1)) {
      String name = name(jobId, group, i);
      if (!canaryNames.contains(name)) {
        out.add(name);
        used.set(i);
      }
    }
    for (int i = 0; i < count && out.size() < n; i++) {
      String name = name(jobId, group, i);
      if (!used.get(i) && !canaryNames.contains(name)) {
        out.add(name);
        used.set(i);
      }
    }
    for (int i = count; out.size() < n; i++) {
      out.add(name(jobId, group, i));
    }
    return out;
  }
}
