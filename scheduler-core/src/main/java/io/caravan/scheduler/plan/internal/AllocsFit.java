package io.caravan.scheduler.plan.internal;

import io.caravan.model.cluster.AllocatedDeviceResource;
import io.caravan.model.cluster.AllocatedPortMapping;
import io.caravan.model.cluster.AllocatedResources;
import io.caravan.model.cluster.AllocatedTaskResources;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.NetworkResource;
import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.NodeDevice;
import io.caravan.model.cluster.NodeDeviceResource;
import io.caravan.model.cluster.NodeReservedResources;
import io.caravan.model.cluster.NodeResources;
import io.caravan.model.cluster.Port;
import io.caravan.scheduler.resources.AllocUsage;
import io.caravan.scheduler.resources.NodeUsage;
import io.caravan.scheduler.resources.PortSpec;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Whether a set of allocations fits on a node, as Nomad's {@code AllocsFit} with device checking:
 * client-terminal allocations are ignored; then max allocations, overlapping reserved cores, cpu,
 * cores, memory and disk against capacity minus reserved, port collisions (node-reserved ports
 * included, {@code ignore_collision} ports exempt) and device instances used twice. The sums come
 * from {@link AllocUsage} and the capacity from {@link NodeUsage}, the placement engine's
 * arithmetic, so the applier and the engine agree on what fits.
 */
public final class AllocsFit {
  private AllocsFit() {}

  /** {@code null} when the allocations fit, otherwise the exhausted dimension (Nomad's wording). */
  public static @Nullable String check(Node node, List<Allocation> allocs) {
    long cpu = 0;
    long mem = 0;
    long disk = 0;
    int live = 0;
    BitSet usedCores = new BitSet();
    boolean coreOverlap = false;
    for (Allocation a : allocs) {
      if (a.clientTerminal()) {
        continue;
      }
      live++;
      AllocUsage u = AllocUsage.of(a, 0);
      cpu += u.cpu();
      mem += u.memoryMB();
      disk += u.diskMB();
      for (int core : u.cores()) {
        coreOverlap |= core < 0 || usedCores.get(core);
        if (core >= 0) {
          usedCores.set(core);
        }
      }
    }
    if (node.nodeMaxAllocs() > 0 && live > node.nodeMaxAllocs()) {
      return NodeUsage.MAX_ALLOCS;
    }
    if (coreOverlap) {
      return "cores";
    }
    String exhausted = exhausted(node, cpu, usedCores, mem, disk);
    if (exhausted != null) {
      return exhausted;
    }
    String ports = portCollision(node, allocs);
    if (ports != null) {
      return "reserved alloc port collision: " + ports;
    }
    if (devicesOversubscribed(node, allocs)) {
      return "device oversubscribed";
    }
    return null;
  }

  /**
   * Like {@link #check} for allocations given by their totals: {@code live} client-live allocations
   * using {@code cpu}, {@code mem} and {@code disk}, none holding ports, reserved cores or devices.
   */
  public static @Nullable String checkTotals(Node node, int live, long cpu, long mem, long disk) {
    if (node.nodeMaxAllocs() > 0 && live > node.nodeMaxAllocs()) {
      return NodeUsage.MAX_ALLOCS;
    }
    return exhausted(node, cpu, new BitSet(), mem, disk);
  }

  /** The first of cpu, cores, memory and disk the sums overcommit on the node, or {@code null}. */
  private static @Nullable String exhausted(Node node, long cpu, BitSet usedCores, long mem, long disk) {
    NodeUsage capacity = new NodeUsage(node);
    if (cpu > capacity.availableCpu()) {
      return "cpu";
    }
    if (!usedCores.isEmpty()) {
      BitSet outside = (BitSet) usedCores.clone();
      outside.andNot(NodeUsage.usableCores(node));
      if (!outside.isEmpty()) {
        return "cores";
      }
    }
    if (mem > capacity.availableMemory()) {
      return "memory";
    }
    if (disk > capacity.availableDisk()) {
      return "disk";
    }
    return null;
  }

  /** A description of the first port held twice, or {@code null}. */
  private static @Nullable String portCollision(Node node, List<Allocation> allocs) {
    Map<Integer, String> used = new HashMap<>();
    NodeReservedResources rr = node.reservedResources();
    if (rr != null && rr.networks() != null) {
      for (int p : PortSpec.parse(rr.networks().reservedHostPorts())) {
        used.put(p, "node " + node.id() + " reserved");
      }
    }
    for (Allocation a : allocs) {
      if (a.clientTerminal()) {
        continue;
      }
      Map<Integer, Boolean> ports = portsOf(a);
      for (Map.Entry<Integer, Boolean> p : ports.entrySet()) {
        if (p.getValue()) {
          continue; // ignore_collision
        }
        String holder = used.putIfAbsent(p.getKey(), "allocation " + a.id());
        if (holder != null) {
          return "port " + p.getKey() + " of allocation " + a.id() + " is held by " + holder;
        }
      }
    }
    return null;
  }

  /** Host ports of an allocation (value → ignore_collision), each once. */
  private static Map<Integer, Boolean> portsOf(Allocation a) {
    Map<Integer, Boolean> out = new HashMap<>();
    AllocatedResources r = a.allocatedResources();
    if (r == null) {
      return out;
    }
    if (r.tasks() != null) {
      for (AllocatedTaskResources t : r.tasks().values()) {
        addNetworks(t.networks(), out);
      }
    }
    if (r.shared() != null) {
      addNetworks(r.shared().networks(), out);
      if (r.shared().ports() != null) {
        for (AllocatedPortMapping p : r.shared().ports()) {
          if (p.value() > 0) {
            out.putIfAbsent(p.value(), false);
          }
        }
      }
    }
    return out;
  }

  private static void addNetworks(@Nullable List<NetworkResource> networks, Map<Integer, Boolean> out) {
    if (networks == null) {
      return;
    }
    for (NetworkResource n : networks) {
      for (List<Port> list : java.util.Arrays.asList(n.reservedPorts(), n.dynamicPorts())) {
        if (list != null) {
          for (Port p : list) {
            if (p.value() > 0) {
              out.merge(p.value(), p.ignoreCollision(), Boolean::logicalAnd);
            }
          }
        }
      }
    }
  }

  /** True when a healthy device instance of the node is granted to two allocations (or twice). */
  private static boolean devicesOversubscribed(Node node, List<Allocation> allocs) {
    NodeResources res = node.nodeResources();
    if (res == null) {
      return false;
    }
    Map<String, Set<String>> healthy = new HashMap<>();
    for (NodeDeviceResource g : res.devicesOrEmpty()) {
      Set<String> ids = healthy.computeIfAbsent(g.vendor() + "/" + g.type() + "/" + g.name(), k -> new HashSet<>());
      for (NodeDevice d : g.instancesOrEmpty()) {
        if (d.healthy()) {
          ids.add(d.id());
        }
      }
    }
    if (healthy.isEmpty()) {
      return false;
    }
    Set<String> granted = new HashSet<>();
    for (Allocation a : allocs) {
      if (a.clientTerminal() || a.allocatedResources() == null || a.allocatedResources().tasks() == null) {
        continue;
      }
      for (AllocatedTaskResources t : a.allocatedResources().tasks().values()) {
        if (t.devices() == null) {
          continue;
        }
        for (AllocatedDeviceResource d : t.devices()) {
          String group = d.vendor() + "/" + d.type() + "/" + d.name();
          Set<String> instances = healthy.get(group);
          if (instances == null || d.deviceIDs() == null) {
            continue; // unknown groups and unhealthy instances are not accounted, as in Nomad
          }
          for (String id : d.deviceIDs()) {
            if (instances.contains(id) && !granted.add(group + "/" + id)) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }
}
