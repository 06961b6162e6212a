package io.caravan.scheduler.resources;

import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.NodeDevice;
import io.caravan.model.cluster.NodeDeviceResource;
import io.caravan.model.cluster.NodeReservedResources;
import io.caravan.model.cluster.NodeResources;
import io.caravan.model.job.Port;
import io.caravan.model.job.RequestedDevice;
import io.caravan.scheduler.feasibility.DeviceConstraints;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Mutable resource accounting of one node during one evaluation: what is available (capacity
 * minus reserved), what existing and proposed allocations use, and which ports are taken.
 * Fit checks follow Nomad's binpack: too few free cores for the ask's reserved cores first (Nomad
 * selects cores before its {@code AllocsFit}), then {@code AllocsFit}'s order: max allocations,
 * cpu, memory, disk.
 */
public final class NodeUsage {
  /** Dimension name for exceeding {@code NodeMaxAllocs}. */
  public static final String MAX_ALLOCS = "max allocation exceeded";

  private final Node node;
  private final long availCpu;
  private final long availMem;
  private final long availDisk;
  /**
   * Cores allocations may reserve (the node's reservable cores minus those the node reserves) and
   * the cores counted allocations reserve; both built on first use, since most asks and
   * allocations reserve no cores.
   */
  private @Nullable BitSet usableCores;
  private @Nullable BitSet usedCoreIds;
  private final int minPort;
  private final int maxPort;
  private final int maxAllocs;
  private final BitSet usedPorts = new BitSet();
  private int usedInRange = -1;
  private final List<AllocUsage> allocs = new ArrayList<>();
  /**
   * Lists the allocations counted from a snapshot's totals ({@link #fromTotals}) that are not yet in
   * {@link #allocs}; {@code null} once they are (or when there were none to defer).
   */
  private @Nullable Supplier<List<AllocUsage>> deferred;
  /** How many allocations {@link #deferred} holds. */
  private int deferredCount;
  private long usedCpu;
  private long usedMem;
  private long usedDisk;
  /** Usable cores not reserved by a counted allocation (valid once {@link #usableCores} is built). */
  private int freeCores;

  /** Starts with an empty node: capacity minus reserved, reserved host ports marked used. */
  public NodeUsage(Node node) {
    this.node = node;
    NodeResources res = node.nodeResources();
    NodeReservedResources rr = node.reservedResources();
    long cpu = res != null && res.cpu() != null ? res.cpu().cpuShares() : 0;
    long mem = res != null && res.memory() != null ? res.memory().memoryMB() : 0;
    long disk = res != null && res.disk() != null ? res.disk().diskMB() : 0;
    if (rr != null) {
      cpu -= rr.cpu() == null ? 0 : rr.cpu().cpuShares();
      mem -= rr.memory() == null ? 0 : rr.memory().memoryMB();
      disk -= rr.disk() == null ? 0 : rr.disk().diskMB();
      if (rr.networks() != null) {
        markPortSpec(rr.networks().reservedHostPorts());
      }
    }
    this.availCpu = cpu;
    this.availMem = mem;
    this.availDisk = disk;
    this.minPort = res == null ? 20000 : res.minDynamicPortOrDefault();
    this.maxPort = res == null ? 32000 : res.maxDynamicPortOrDefault();
    this.maxAllocs = node.nodeMaxAllocs();
  }

  /**
   * Starts from the totals a snapshot keeps for the node's live allocations, in O(1): {@code count}
   * allocations using {@code cpu} MHz, {@code memoryMB} and {@code diskMB}, none holding ports,
   * reserved cores or devices (callers check {@code NodeAllocTotals.simple()}). {@code allocs} lists
   * those allocations and is called only when they are needed one by one (preemption, removal).
   */
  public static NodeUsage fromTotals(Node node, int count, long cpu, long memoryMB, long diskMB,
      Supplier<List<AllocUsage>> allocs) {
    NodeUsage u = new NodeUsage(node);
    u.usedCpu = cpu;
    u.usedMem = memoryMB;
    u.usedDisk = diskMB;
    if (count > 0) {
      u.deferred = allocs;
      u.deferredCount = count;
    }
    return u;
  }

  /** Moves the deferred allocations (see {@link #fromTotals}) to the front of {@link #allocs}. */
  private void undefer() {
    Supplier<List<AllocUsage>> d = deferred;
    if (d != null) {
      deferred = null;
      deferredCount = 0;
      allocs.addAll(0, d.get());
    }
  }

  /** The node this accounts for. */
  public Node node() {
    return node;
  }

  /** Adds an allocation's usage (existing or proposed). */
  public void add(AllocUsage a) {
    allocs.add(a);
    usedCpu += a.cpu();
    usedMem += a.memoryMB();
    usedDisk += a.diskMB();
    if (!a.cores().isEmpty() && usableCores != null) {
      recountCores();
    }
    usedInRange = -1;
    for (int p : a.ports()) {
      if (p > 0 && p < 65536) {
        usedPorts.set(p);
      }
    }
  }

  /** Removes an allocation's usage (a stop or a preemption); ports it held become free. */
  public void remove(String allocId) {
    undefer();
    for (int i = 0; i < allocs.size(); i++) {
      AllocUsage a = allocs.get(i);
      if (a.allocId().equals(allocId)) {
        allocs.remove(i);
        usedCpu -= a.cpu();
        usedMem -= a.memoryMB();
        usedDisk -= a.diskMB();
        if (!a.cores().isEmpty() && usableCores != null) {
          recountCores();
        }
        usedInRange = -1;
        for (int p : a.ports()) {
          if (p > 0 && p < 65536) {
            usedPorts.clear(p);
          }
        }
        markPortSpecAgain();
        return;
      }
    }
  }

  /** Builds the core sets from the node and the counted allocations. */
  private void recountCores() {
    if (usableCores == null) {
      usableCores = usableCores(node);
    }
    BitSet used = new BitSet();
    for (AllocUsage a : allocs) {
      for (int c : a.cores()) {
        if (c >= 0) {
          used.set(c);
        }
      }
    }
    usedCoreIds = used;
    BitSet free = (BitSet) usableCores.clone();
    free.andNot(used);
    freeCores = free.cardinality();
  }

  /**
   * The cores allocations may reserve on {@code node}: its reservable cores (or, when it lists
   * none, cores {@code 0..TotalCpuCores-1}) minus the cores the node itself reserves.
   */
  public static BitSet usableCores(Node node) {
    BitSet cores = new BitSet();
    NodeResources res = node.nodeResources();
    if (res == null || res.cpu() == null) {
      return cores;
    }
    List<Integer> reservable = res.cpu().reservableCpuCores();
    if (reservable != null && !reservable.isEmpty()) {
      for (int c : reservable) {
        if (c >= 0) {
          cores.set(c);
        }
      }
    } else if (res.cpu().totalCpuCores() > 0) {
      cores.set(0, res.cpu().totalCpuCores());
    }
    NodeReservedResources rr = node.reservedResources();
    if (rr != null && rr.cpu() != null && rr.cpu().reservedCpuCores() != null) {
      for (int c : rr.cpu().reservedCpuCores()) {
        if (c >= 0) {
          cores.clear(c);
        }
      }
    }
    return cores;
  }

  /**
   * The MHz of one core of {@code node}, as Nomad derives a core's speed from the legacy CPU
   * fields: total MHz over the reservable cores (or over TotalCpuCores when none are listed); 0
   * when the node reports no cores.
   */
  public static long mhzPerCore(Node node) {
    NodeResources res = node.nodeResources();
    if (res == null || res.cpu() == null) {
      return 0;
    }
    List<Integer> reservable = res.cpu().reservableCpuCores();
    int n = reservable != null && !reservable.isEmpty() ? reservable.size() : res.cpu().totalCpuCores();
    return n <= 0 ? 0 : res.cpu().cpuShares() / n;
  }

  /** The MHz of one of this node's cores (the bandwidth a reserved core adds to an allocation's CPU). */
  public long mhzPerCore() {
    return mhzPerCore(node);
  }

  /** Usable cores that no counted allocation reserves. */
  public int freeCores() {
    if (usableCores == null) {
      recountCores();
    }
    return freeCores;
  }

  /**
   * The lowest {@code n} usable cores no counted allocation reserves, in ascending order.
   *
   * @throws IllegalStateException when fewer than {@code n} are free (check {@link #exhaustedDimension} first)
   */
  public int[] pickCores(int n) {
    int[] out = new int[n];
    if (n == 0) {
      return out;
    }
    if (usableCores == null) {
      recountCores();
    }
    BitSet usableCores = this.usableCores;
    BitSet usedCoreIds = this.usedCoreIds;
    int c = -1;
    for (int i = 0; i < n; i++) {
      do {
        c = usableCores.nextSetBit(c + 1);
      } while (c >= 0 && usedCoreIds.get(c));
      if (c < 0) {
        throw new IllegalStateException("node " + node.id() + " has " + freeCores + " free cores, " + n + " were asked");
      }
      out[i] = c;
    }
    return out;
  }

  /** Allocations currently counted on this node, in the order they were added. */
  public List<AllocUsage> allocs() {
    undefer();
    return allocs;
  }

  /** CPU MHz available to allocations (capacity minus reserved). */
  public long availableCpu() {
    return availCpu;
  }

  /** Memory MB available to allocations (capacity minus reserved). */
  public long availableMemory() {
    return availMem;
  }

  /** Disk MB available to allocations (capacity minus reserved). */
  public long availableDisk() {
    return availDisk;
  }

  /** CPU MHz in use. */
  public long usedCpu() {
    return usedCpu;
  }

  /** Memory MB in use. */
  public long usedMemory() {
    return usedMem;
  }

  /** Disk MB in use. */
  public long usedDisk() {
    return usedDisk;
  }

  /** The first dimension the ask would overcommit, or {@code null} when it fits. */
  public @Nullable String exhaustedDimension(TaskGroupAsk ask) {
    return exhaustedDimension(ask, 0, 0, 0, 0, 0);
  }

  /**
   * Like {@link #exhaustedDimension(TaskGroupAsk)} as if the given amounts were freed first
   * ({@code freeCores}: reserved cores the freed allocations give back). The ask must already be
   * the ask on this node ({@link TaskGroupAsk#onNode}) when it reserves cores.
   */
  public @Nullable String exhaustedDimension(TaskGroupAsk ask, long freeCpu, long freeMem, long freeDisk,
      int freeCores, int freeAllocs) {
    if (ask.cores() > 0 && freeCores() + freeCores < ask.cores()) {
      return "cores";
    }
    int max = maxAllocs;
    if (max > 0 && allocs.size() + deferredCount - freeAllocs + 1 > max) {
      return MAX_ALLOCS;
    }
    if (usedCpu - freeCpu + ask.cpu() > availCpu) {
      return "cpu";
    }
    if (usedMem - freeMem + ask.memoryMB() > availMem) {
      return "memory";
    }
    if (usedDisk - freeDisk + ask.diskMB() > availDisk) {
      return "disk";
    }
    return null;
  }

  /** True when a static port of the ask is already taken (and does not ignore collisions). */
  public boolean staticPortCollision(TaskGroupAsk ask) {
    for (Port p : ask.staticPorts()) {
      if (!p.ignoreCollision() && p.value() > 0 && p.value() < 65536 && usedPorts.get(p.value())) {
        return true;
      }
    }
    return false;
  }

  /** True when host port {@code port} is taken, by the node's reservation or a counted allocation. */
  public boolean portTaken(int port) {
    return port > 0 && port < 65536 && usedPorts.get(port);
  }

  /**
   * The counted allocation holding host port {@code port}, or {@code null} when none does (the port
   * is free, or only the node's own reservation holds it).
   */
  public @Nullable AllocUsage portHolder(int port) {
    if (port <= 0 || port >= 65536 || !usedPorts.get(port)) {
      return null;
    }
    undefer();
    for (AllocUsage a : allocs) {
      for (int p : a.ports()) {
        if (p == port) {
          return a;
        }
      }
    }
    return null;
  }

  /** True when the dynamic range still has room for every dynamic port of the ask. */
  public boolean dynamicPortsAvailable(TaskGroupAsk ask) {
    if (ask.dynamicPorts().isEmpty()) {
      return true;
    }
    if (usedInRange < 0) {
      int n = 0;
      for (int p = usedPorts.nextSetBit(minPort); p >= 0 && p <= maxPort; p = usedPorts.nextSetBit(p + 1)) {
        n++;
      }
      usedInRange = n;
    }
    int free = (maxPort - minPort + 1) - usedInRange;
    return free >= ask.dynamicPorts().size();
  }

  /**
   * Picks host values for the ask's dynamic ports: up to 20 seeded probes in {@code [min, max)}
   * per port, then the lowest free port, as Nomad's stochastic-then-precise assignment does.
   */
  public int[] pickDynamicPorts(TaskGroupAsk ask, SplittableRandom rng) {
    int[] out = new int[ask.dynamicPorts().size()];
    BitSet taken = (BitSet) usedPorts.clone();
    for (Port p : ask.staticPorts()) {
      if (p.value() > 0 && p.value() < 65536) {
        taken.set(p.value());
      }
    }
    for (int i = 0; i < out.length; i++) {
      int chosen = -1;
      int span = Math.max(maxPort - minPort, 1);
      for (int probe = 0; probe < 20 && chosen < 0; probe++) {
        int candidate = minPort + rng.nextInt(span);
        if (!taken.get(candidate)) {
          chosen = candidate;
        }
      }
      if (chosen < 0) {
        chosen = taken.nextClearBit(minPort);
      }
      taken.set(chosen);
      out[i] = chosen;
    }
    return out;
  }

  /** Free healthy instances of device groups matching the request name ({@code type}, {@code vendor/type} or full ID). */
  public int freeDeviceInstances(RequestedDevice request) {
    NodeResources res = node.nodeResources();
    if (res == null) {
      return 0;
    }
    int free = 0;
    for (NodeDeviceResource g : res.devicesOrEmpty()) {
      if (!deviceMatches(request.name(), g)) {
        continue;
      }
      for (NodeDevice d : g.instancesOrEmpty()) {
        if (d.healthy() && !deviceInUse(g.id(), d.id())) {
          free++;
        }
      }
    }
    return free;
  }

  /** True when instance {@code instanceId} of device group {@code groupId} is held by a counted allocation. */
  public boolean deviceInUse(String groupId, String instanceId) {
    return deviceInUse(groupId, instanceId, Set.of());
  }

  /**
   * True when instance {@code instanceId} of device group {@code groupId} is held by a counted
   * allocation whose ID is not in {@code freedAllocIds} (allocations a preemption would free).
   */
  public boolean deviceInUse(String groupId, String instanceId, Set<String> freedAllocIds) {
    undefer();
    for (AllocUsage a : allocs) {
      if (!freedAllocIds.isEmpty() && freedAllocIds.contains(a.allocId())) {
        continue;
      }
      List<String> held = a.devices().get(groupId);
      if (held != null && held.contains(instanceId)) {
        return true;
      }
    }
    return false;
  }

  /** True when a device request name matches a group: {@code type}, {@code vendor/type} or {@code vendor/type/name}. */
  public static boolean deviceMatches(String name, NodeDeviceResource g) {
    return DeviceConstraints.nameMatches(name, g);
  }

  private void markPortSpecAgain() {
    NodeReservedResources rr = node.reservedResources();
    if (rr != null && rr.networks() != null) {
      markPortSpec(rr.networks().reservedHostPorts());
    }
  }

  private void markPortSpec(String spec) {
    if (spec == null || spec.isEmpty()) {
      return; // most nodes reserve no host ports, and a usage is built per node ranked
    }
    for (int p : PortSpec.parse(spec)) {
      if (p > 0 && p < 65536) {
        usedPorts.set(p);
      }
    }
  }
}
