package io.caravan.scheduler.preemption;

import io.caravan.model.cluster.NodeDevice;
import io.caravan.model.cluster.NodeDeviceResource;
import io.caravan.model.cluster.NodeResources;
import io.caravan.model.job.RequestedDevice;
import io.caravan.scheduler.feasibility.DeviceConstraints;
import io.caravan.scheduler.resources.AllocUsage;
import io.caravan.scheduler.resources.DeviceAllocator;
import io.caravan.scheduler.resources.NodeUsage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Frees device instances for a task group's device requests, as Nomad's {@code PreemptForDevice}:
 * for a request the node cannot meet, each matching device group gives one option, made by adding
 * the preemptible allocations that hold its instances, lowest priority first, until they and the
 * free instances cover the count; the option kept is the one whose allocations, taken by instance
 * count descending until the count is covered, have the lowest sum of distinct priorities (the
 * first such group in the node's order on a tie, where Nomad's choice follows Go's map order).
 */
public final class DevicePreemption {
  private DevicePreemption() {}

  /**
   * The allocations to preempt, besides {@code already}, so every request can be met, or
   * {@code null} when no choice makes them all fit. Requests the node can already meet preempt
   * nothing.
   */
  public static @Nullable List<AllocUsage> forDevices(NodeUsage usage, List<DeviceAllocator.TaskRequest> requests,
      DeviceConstraints constraints, String jobId, int jobPriority, List<AllocUsage> already) {
    List<AllocUsage> chosen = new ArrayList<>(already);
    for (int i = 0; i < requests.size(); i++) {
      if (DeviceAllocator.allocate(usage, requests.subList(0, i + 1), constraints, ids(chosen)) != null) {
        continue;
      }
      List<AllocUsage> more = forRequest(usage, requests.get(i).request(), constraints, jobId, jobPriority, chosen);
      if (more == null) {
        return null;
      }
      chosen.addAll(more);
    }
    if (DeviceAllocator.allocate(usage, requests, constraints, ids(chosen)) == null) {
      return null;
    }
    return List.copyOf(chosen.subList(already.size(), chosen.size()));
  }

  /** The IDs of the allocations. */
  static Set<String> ids(List<AllocUsage> allocs) {
    Set<String> out = new HashSet<>();
    for (AllocUsage a : allocs) {
      out.add(a.allocId());
    }
    return out;
  }

  /** The best option for one request, or {@code null} when no matching group can be freed enough. */
  private static @Nullable List<AllocUsage> forRequest(NodeUsage usage, RequestedDevice request,
      DeviceConstraints constraints, String jobId, int jobPriority, List<AllocUsage> chosen) {
    NodeResources res = usage.node().nodeResources();
    if (res == null) {
      return null;
    }
    long count = request.count() == null ? 1 : request.count();
    Set<String> freed = ids(chosen);
    List<AllocUsage> best = null;
    int bestPriority = Integer.MAX_VALUE;
    for (NodeDeviceResource g : res.devicesOrEmpty()) {
      if (!constraints.matches(request, g)) {
        continue;
      }
      int free = 0;
      for (NodeDevice d : g.instancesOrEmpty()) {
        if (d.healthy() && !usage.deviceInUse(g.id(), d.id(), freed) && constraints.instanceAllowed(request, g, d.id())) {
          free++;
        }
      }
      List<AllocUsage> option = option(usage, g, count, free, jobId, jobPriority, chosen);
      if (option == null) {
        continue;
      }
      List<AllocUsage> trimmed = new ArrayList<>(option);
      trimmed.sort(Comparator.comparingInt((AllocUsage a) -> held(a, g)).reversed());
      List<AllocUsage> kept = new ArrayList<>();
      Set<Integer> priorities = new HashSet<>();
      int netPriority = 0;
      long taken = 0;
      for (AllocUsage a : trimmed) {
        if (taken >= count) {
          break;
        }
        taken += held(a, g);
        kept.add(a);
        if (priorities.add(a.jobPriority())) {
          netPriority += a.jobPriority();
        }
      }
      if (netPriority < bestPriority) {
        bestPriority = netPriority;
        best = kept;
      }
    }
    return best;
  }

  /**
   * The preemptible holders of the group's instances, lowest priority first, up to the first that
   * covers the count with the free instances; {@code null} when all of them do not.
   */
  private static @Nullable List<AllocUsage> option(NodeUsage usage, NodeDeviceResource g, long count, int free,
      String jobId, int jobPriority, List<AllocUsage> chosen) {
    if (free >= count) {
      return List.of();
    }
    TreeMap<Integer, List<AllocUsage>> byPriority = new TreeMap<>();
    for (AllocUsage a : usage.allocs()) {
      if (held(a, g) > 0 && Preemptor.preemptible(a, jobId, jobPriority) && !chosen.contains(a)) {
        byPriority.computeIfAbsent(a.jobPriority(), k -> new ArrayList<>()).add(a);
      }
    }
    List<AllocUsage> picked = new ArrayList<>();
    long preempted = 0;
    for (List<AllocUsage> group : byPriority.values()) {
      for (AllocUsage a : group) {
        picked.add(a);
        preempted += held(a, g);
        if (preempted + free >= count) {
          return picked;
        }
      }
    }
    return null;
  }

  /** How many instances of the group the allocation holds. */
  private static int held(AllocUsage a, NodeDeviceResource g) {
    List<String> ids = a.devices().get(g.id());
    return ids == null ? 0 : ids.size();
  }
}
