package io.caravan.scheduler.preemption;

import io.caravan.scheduler.resources.AllocUsage;
import io.caravan.scheduler.resources.NodeUsage;
import io.caravan.scheduler.resources.TaskGroupAsk;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Chooses allocations to preempt so a task group fits on a node, as Nomad's
 * {@code PreemptForTaskGroup}: candidates belong to other jobs whose priority is at least 10
 * below the placing job's; priority groups are visited lowest first, and within a group the
 * allocation closest in resources to what is still needed (Euclidean distance over cpu, memory,
 * disk, to the ask minus what earlier picks free) is taken until the ask fits; finally the superset filter keeps the shortest prefix, by distance
 * descending, that still makes room.
 */
public final class Preemptor {
  /** The minimum priority gap for preemption. */
  public static final int PRIORITY_DELTA = 10;

  private Preemptor() {}

  /** The allocations to preempt, or {@code null} when no choice makes the ask fit. */
  public static @Nullable List<AllocUsage> forTaskGroup(NodeUsage usage, TaskGroupAsk ask, String jobId, int jobPriority) {
    return forTaskGroup(usage, ask, jobId, jobPriority, List.of());
  }

  /**
   * The allocations to preempt, besides {@code already} (victims chosen for ports or devices, whose
   * resources count as freed), so that the ask fits; {@code null} when no choice makes it fit.
   */
  public static @Nullable List<AllocUsage> forTaskGroup(NodeUsage usage, TaskGroupAsk ask, String jobId, int jobPriority,
      List<AllocUsage> already) {
    TreeMap<Integer, List<AllocUsage>> byPriority = groupByPriority(usage, jobId, jobPriority, already);
    if (byPriority.isEmpty()) {
      return null;
    }
    List<AllocUsage> picked = new ArrayList<>(already);
    // As Nomad, the distance is to what is still needed: the ask minus what the picks so far free.
    long needCpu = ask.cpu();
    long needMem = ask.memoryMB();
    long needDisk = ask.diskMB();
    for (List<AllocUsage> group : byPriority.values()) {
      List<AllocUsage> left = new ArrayList<>(group);
      while (!fits(usage, ask, picked) && !left.isEmpty()) {
        int best = -1;
        double bestDistance = Double.MAX_VALUE;
        for (int i = 0; i < left.size(); i++) {
          double d = distance(needCpu, needMem, needDisk, left.get(i));
          if (d < bestDistance) {
            bestDistance = d;
            best = i;
          }
        }
        AllocUsage chosen = left.get(best);
        // Nomad removes the pick by moving the group's last candidate into its place; ties follow that order.
        left.set(best, left.get(left.size() - 1));
        left.remove(left.size() - 1);
        picked.add(chosen);
        needCpu -= chosen.cpu();
        needMem -= chosen.memoryMB();
        needDisk -= chosen.diskMB();
      }
      if (fits(usage, ask, picked)) {
        break;
      }
    }
    if (!fits(usage, ask, picked)) {
      return null;
    }
    return supersetFilter(usage, ask, already, picked.subList(already.size(), picked.size()));
  }

  /**
   * Preemptible allocations on the node (other jobs, priority at least {@link #PRIORITY_DELTA} below),
   * not already chosen, grouped by priority, lowest first, each group in the node's order.
   */
  static TreeMap<Integer, List<AllocUsage>> groupByPriority(NodeUsage usage, String jobId, int jobPriority,
      List<AllocUsage> exclude) {
    TreeMap<Integer, List<AllocUsage>> byPriority = new TreeMap<>();
    for (AllocUsage a : usage.allocs()) {
      if (preemptible(a, jobId, jobPriority) && !exclude.contains(a)) {
        byPriority.computeIfAbsent(a.jobPriority(), k -> new ArrayList<>()).add(a);
      }
    }
    return byPriority;
  }

  /** True when the placing job may preempt the allocation: another job, at least 10 priority below. */
  public static boolean preemptible(AllocUsage a, String jobId, int jobPriority) {
    return !a.jobId().equals(jobId) && jobPriority - a.jobPriority() >= PRIORITY_DELTA;
  }

  /** Resource distance {@code sqrt(Σ ((ask−used)/ask)²)} over the dimensions the ask needs. */
  public static double distance(TaskGroupAsk ask, AllocUsage a) {
    return distance(ask.cpu(), ask.memoryMB(), ask.diskMB(), a);
  }

  /** The distance to a need given per dimension; a dimension whose need is not positive is skipped. */
  private static double distance(long cpu, long memoryMB, long diskMB, AllocUsage a) {
    double sum = 0;
    if (cpu > 0) {
      double d = (double) (cpu - a.cpu()) / cpu;
      sum += d * d;
    }
    if (memoryMB > 0) {
      double d = (double) (memoryMB - a.memoryMB()) / memoryMB;
      sum += d * d;
    }
    if (diskMB > 0) {
      double d = (double) (diskMB - a.diskMB()) / diskMB;
      sum += d * d;
    }
    return Math.sqrt(sum);
  }

  /** The shortest prefix of {@code picked}, by distance descending, that fits together with {@code already}. */
  private static List<AllocUsage> supersetFilter(NodeUsage usage, TaskGroupAsk ask, List<AllocUsage> already,
      List<AllocUsage> picked) {
    List<AllocUsage> sorted = new ArrayList<>(picked);
    sorted.sort(Comparator.comparingDouble((AllocUsage a) -> distance(ask, a)).reversed());
    List<AllocUsage> prefix = new ArrayList<>(already);
    for (AllocUsage a : sorted) {
      prefix.add(a);
      if (fits(usage, ask, prefix)) {
        return prefix.subList(already.size(), prefix.size());
      }
    }
    return sorted;
  }

  /** True when the ask fits on the node once the given allocations are freed. */
  static boolean fits(NodeUsage usage, TaskGroupAsk ask, List<AllocUsage> freed) {
    long cpu = 0;
    long mem = 0;
    long disk = 0;
    int cores = 0;
    for (AllocUsage a : freed) {
      cpu += a.cpu();
      mem += a.memoryMB();
      disk += a.diskMB();
      cores += a.cores().size();
    }
    return usage.exhaustedDimension(ask, cpu, mem, disk, cores, freed.size()) == null;
  }
}
