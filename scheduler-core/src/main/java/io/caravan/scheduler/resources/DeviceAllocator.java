package io.caravan.scheduler.resources;

import io.caravan.model.cluster.NodeDevice;
import io.caravan.model.cluster.NodeDeviceResource;
import io.caravan.model.cluster.NodeResources;
import io.caravan.model.job.RequestedDevice;
import io.caravan.scheduler.feasibility.DeviceConstraints;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Chooses device instances for one allocation on one node, as Nomad's device offers: for each
 * device request, in task order, among the node's groups that match the request (name and
 * constraints) and still have {@code count} free healthy instances (allowed by any
 * {@code ${device.ids}} constraint), the group with the highest normalised affinity score wins,
 * ties going to the later group; its free instances are taken in the node's order. Instances
 * chosen for an earlier request of the same allocation are not offered again.
 */
public final class DeviceAllocator {
  private DeviceAllocator() {}

  /** One device request of one task. */
  public record TaskRequest(String task, RequestedDevice request) {}

  /** The instances granted to one request: the task, the chosen group and the instance IDs. */
  public record Offer(String task, NodeDeviceResource group, List<String> instanceIds) {
    /** Copies the IDs. */
    public Offer {
      instanceIds = List.copyOf(instanceIds);
    }
  }

  /**
   * The offers in request order and the device affinity score: the matched affinity weight of the
   * chosen groups over the summed absolute weights of every request with affinities, or NaN when
   * no request has affinities (Nomad then appends no {@code devices} score).
   */
  public record Result(List<Offer> offers, double affinityScore) {
    /** Copies the offers. */
    public Result {
      offers = List.copyOf(offers);
    }
  }

  /** The offers for {@code requests} on the usage's node, or {@code null} when a request cannot be met. */
  public static @Nullable Result allocate(NodeUsage usage, List<TaskRequest> requests, DeviceConstraints constraints) {
    return allocate(usage, requests, constraints, Set.of());
  }

  /**
   * The offers as if the allocations with IDs in {@code freedAllocIds} had given their instances
   * back (a preemption being weighed), or {@code null} when a request cannot be met.
   */
  public static @Nullable Result allocate(NodeUsage usage, List<TaskRequest> requests, DeviceConstraints constraints,
      Set<String> freedAllocIds) {
    NodeResources res = usage.node().nodeResources();
    List<NodeDeviceResource> groups = res == null ? List.of() : res.devicesOrEmpty();
    Set<String> taken = new HashSet<>();
    List<Offer> offers = new ArrayList<>(requests.size());
    double matched = 0;
    double total = 0;
    for (TaskRequest tr : requests) {
      RequestedDevice req = tr.request();
      long count = req.count() == null ? 1 : req.count();
      double reqTotal = DeviceConstraints.totalAffinityWeight(req);
      NodeDeviceResource best = null;
      List<String> bestIds = null;
      double bestScore = 0;
      double bestMatched = 0;
      for (NodeDeviceResource g : groups) {
        if (!constraints.matches(req, g)) {
          continue;
        }
        List<String> free = new ArrayList<>();
        for (NodeDevice d : g.instancesOrEmpty()) {
          if (free.size() < count && d.healthy() && !taken.contains(g.id() + "\u0000" + d.id())
              && !usage.deviceInUse(g.id(), d.id(), freedAllocIds) && constraints.instanceAllowed(req, g, d.id())) {
            free.add(d.id());
          }
        }
        if (free.size() < count) {
          continue;
        }
        double groupMatched = reqTotal == 0 ? 0 : constraints.matchedAffinityWeight(req, g);
        double score = reqTotal == 0 ? 0 : groupMatched / reqTotal;
        if (best != null && score < bestScore) {
          continue;
        }
        best = g;
        bestIds = free;
        bestScore = score;
        bestMatched = groupMatched;
      }
      if (best == null) {
        return null;
      }
      for (String id : bestIds) {
        taken.add(best.id() + "\u0000" + id);
      }
      offers.add(new Offer(tr.task(), best, bestIds));
      if (reqTotal != 0) {
        matched += bestMatched;
        total += reqTotal;
      }
    }
    return new Result(offers, total == 0 ? Double.NaN : matched / total);
  }
}
