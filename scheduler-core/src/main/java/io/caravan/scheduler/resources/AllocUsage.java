package io.caravan.scheduler.resources;

import io.caravan.model.cluster.AllocatedDeviceResource;
import io.caravan.model.cluster.AllocatedPortMapping;
import io.caravan.model.cluster.AllocatedResources;
import io.caravan.model.cluster.AllocatedTaskResources;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.NetworkResource;
import io.caravan.model.cluster.Port;
import io.caravan.scheduler.snapshot.NodeAllocTotals;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The resources one allocation holds on its node, summed from its AllocatedResources; device
 * instances are kept per group ID ({@code vendor/type/name}).
 */
public record AllocUsage(
    String allocId, String jobId, String taskGroup, int jobPriority,
    long cpu, long memoryMB, long diskMB, List<Integer> cores, int[] ports,
    Map<String, List<String>> devices) {

  /** Copies the device map (group ID {@code vendor/type/name} → instance IDs held). */
  public AllocUsage {
    devices = Map.copyOf(devices);
  }

  /** Sums an allocation's task and shared resources ({@code priority} is its job's priority). */
  public static AllocUsage of(Allocation a, int priority) {
    long cpu = 0;
    long mem = 0;
    long disk = 0;
    List<Integer> cores = new ArrayList<>();
    List<Integer> ports = new ArrayList<>();
    Map<String, List<String>> devices = new LinkedHashMap<>();
    AllocatedResources r = a.allocatedResources();
    if (r != null) {
      if (r.tasks() != null) {
        for (AllocatedTaskResources t : r.tasks().values()) {
          if (t.cpu() != null) {
            cpu += t.cpu().cpuShares();
            if (t.cpu().reservedCores() != null) {
              cores.addAll(t.cpu().reservedCores());
            }
          }
          if (t.memory() != null) {
            mem += t.memory().memoryMB();
          }
          addPorts(t.networks(), ports);
          if (t.devices() != null) {
            for (AllocatedDeviceResource d : t.devices()) {
              if (d.deviceIDs() != null) {
                devices.computeIfAbsent(d.vendor() + "/" + d.type() + "/" + d.name(), k -> new ArrayList<>())
                    .addAll(d.deviceIDs());
              }
            }
          }
        }
      }
      if (r.shared() != null) {
        disk = r.shared().diskMB();
        addPorts(r.shared().networks(), ports);
        if (r.shared().ports() != null) {
          for (AllocatedPortMapping p : r.shared().ports()) {
            if (!ports.contains(p.value())) {
              ports.add(p.value());
            }
          }
        }
      }
    }
    return new AllocUsage(a.id(), a.jobID(), a.taskGroup(), priority, cpu, mem, disk,
        List.copyOf(cores), ports.stream().mapToInt(Integer::intValue).toArray(), copyLists(devices));
  }

  /** True when it holds host ports, reserved cores or device instances (which totals alone cannot describe). */
  public boolean complex() {
    return !cores.isEmpty() || ports.length > 0 || !devices.isEmpty();
  }

  /** The totals of the non-terminal allocations among {@code allocs}. */
  public static NodeAllocTotals liveTotals(Iterable<Allocation> allocs) {
    NodeAllocTotals t = NodeAllocTotals.EMPTY;
    for (Allocation a : allocs) {
      if (!a.terminal()) {
        AllocUsage u = of(a, 0);
        t = t.plus(1, u.cpu(), u.memoryMB(), u.diskMB(), u.complex());
      }
    }
    return t;
  }

  private static Map<String, List<String>> copyLists(Map<String, List<String>> m) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, List.copyOf(v)));
    return out;
  }

  private static void addPorts(List<NetworkResource> networks, List<Integer> out) {
    if (networks == null) {
      return;
    }
    for (NetworkResource n : networks) {
      for (List<Port> list : java.util.Arrays.asList(n.reservedPorts(), n.dynamicPorts())) {
        if (list != null) {
          for (Port p : list) {
            if (p.value() > 0 && !out.contains(p.value())) {
              out.add(p.value());
            }
          }
        }
      }
    }
  }
}
