package io.caravan.scheduler.optimize;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Node;
import io.caravan.model.job.Constraint;
import io.caravan.model.job.Job;
import io.caravan.model.job.Task;
import io.caravan.model.job.TaskGroup;
import io.caravan.model.job.VolumeRequest;
import io.caravan.scheduler.feasibility.ConstraintEvaluator;
import io.caravan.scheduler.feasibility.TaskGroupChecker;
import io.caravan.scheduler.placement.GroupRequest;
import io.caravan.scheduler.placement.PlacementEngine;
import io.caravan.scheduler.placement.PlacementRequest;
import io.caravan.scheduler.resources.AllocUsage;
import io.caravan.scheduler.resources.NodeUsage;
import io.caravan.scheduler.resources.TaskGroupAsk;
import io.caravan.scheduler.snapshot.ClusterSnapshot;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Packs every allocation of a {@link PlacementRequest} at once, offline, to use as few nodes as it
 * can: <b>best-fit decreasing</b> (asks sorted by their largest share of an average node, each put
 * on the fullest feasible node it fits, already used nodes first), then a bounded <b>local
 * search</b> that tries to empty the least loaded nodes by moving their allocations into the gaps
 * of the others, for at most {@code passes} passes.
 *
 * <p>Feasibility is the placement engine's: candidate nodes are the ready nodes of the job's pool
 * and datacenters, each group's constraints, drivers and host volumes are checked with
 * {@link TaskGroupChecker}, and capacity (cpu, memory, disk, max allocations) with
 * {@link NodeUsage} on top of the allocations already on each node. Scores (spread, affinities,
 * anti-affinity) are ignored: the only objective is the node count. Asks for ports, devices,
 * reserved cores or CSI volumes and {@code distinct_hosts} / {@code distinct_property}
 * constraints are refused with a {@link PackingException} rather than packed approximately.
 *
 * <p>Deterministic: the result depends only on the snapshot and the request (nodes are taken in
 * ID order, asks by size then name), never on a seed or the clock.
 */
public final class OfflinePacker {
  /** Local-search passes {@link #pack(ClusterSnapshot, PlacementRequest)} allows. */
  public static final int DEFAULT_PASSES = 3;

  private final List<Slot> nodes = new ArrayList<>();
  private final Map<String, Integer> slotOfNode = new HashMap<>();
  private final List<Item> items = new ArrayList<>();
  private final double avgCpu;
  private final double avgMem;
  private final String jobId;
  private final int priority;

  private OfflinePacker(ClusterSnapshot snapshot, PlacementRequest request) {
    Job job = request.job();
    this.jobId = job.id();
    this.priority = job.priority() == null ? 50 : job.priority();
    String pool = job.nodePool() == null || job.nodePool().isEmpty() ? "default" : job.nodePool();
    List<String> dcs = job.datacentersOrEmpty().isEmpty() ? List.of("*") : job.datacentersOrEmpty();
    List<Node> candidates = new ArrayList<>();
    for (Node n : snapshot.nodesByPool(pool)) {
      if (n.ready() && PlacementEngine.inAnyDc(n.datacenter(), dcs)) {
        candidates.add(n);
      }
    }
    candidates.sort(Comparator.comparing(Node::id));
    double cpu = 0;
    double mem = 0;
    for (Node n : candidates) {
      NodeUsage u = new NodeUsage(n);
      for (Allocation a : snapshot.allocsByNode(n.id())) {
        if (!a.terminal()) {
          u.add(AllocUsage.of(a, a.job() == null || a.job().priority() == null ? 50 : a.job().priority()));
        }
      }
      slotOfNode.put(n.id(), nodes.size());
      nodes.add(new Slot(n, u, u.allocs().size()));
      cpu += u.availableCpu();
      mem += u.availableMemory();
    }
    this.avgCpu = candidates.isEmpty() ? 1 : Math.max(1, cpu / candidates.size());
    this.avgMem = candidates.isEmpty() ? 1 : Math.max(1, mem / candidates.size());
    refuseDistinct(job.constraintsOrEmpty(), "job " + job.id());
    ConstraintEvaluator evaluator = new ConstraintEvaluator();
    Map<String, Boolean> jobClassCache = new HashMap<>();
    for (GroupRequest g : request.groups()) {
      TaskGroup tg = group(job, g.taskGroup());
      TaskGroupAsk ask = supportedAsk(job, tg);
      TaskGroupChecker checker = new TaskGroupChecker(job, tg, evaluator, jobClassCache, new HashMap<>());
      BitSet feasible = new BitSet(nodes.size());
      for (int i = 0; i < nodes.size(); i++) {
        if (checker.check(nodes.get(i).node) == null) {
          feasible.set(i);
        }
      }
      double size = Math.max(ask.cpu() / avgCpu, ask.memoryMB() / avgMem);
      double sum = ask.cpu() / avgCpu + ask.memoryMB() / avgMem;
      for (String name : g.names()) {
        items.add(new Item(name, tg.name(), ask, feasible, size, sum));
      }
    }
  }

  /** Packs with {@link #DEFAULT_PASSES} local-search passes. */
  public static PackingPlan pack(ClusterSnapshot snapshot, PlacementRequest request) {
    return pack(snapshot, request, DEFAULT_PASSES);
  }

  /**
   * Packs every requested allocation: best-fit decreasing, then at most {@code passes} passes of
   * local search (0: none).
   *
   * @throws PackingException when the job asks for something the packer does not model
   * @throws IllegalArgumentException when a requested group is not in the job, or passes is negative
   */
  public static PackingPlan pack(ClusterSnapshot snapshot, PlacementRequest request, int passes) {
    if (passes < 0) {
      throw new IllegalArgumentException("optimise: passes must be >= 0, was " + passes);
    }
    OfflinePacker p = new OfflinePacker(snapshot, request);
    p.bestFitDecreasing();
    for (int i = 0; i < passes && p.emptyLightNodes(); i++) {
      // each pass that empties a node may open room for the next
    }
    return p.plan();
  }

  private void bestFitDecreasing() {
    List<Item> order = new ArrayList<>(items);
    order.sort(Comparator.comparingDouble((Item it) -> -it.size).thenComparingDouble(it -> -it.sum)
        .thenComparing(it -> it.name));
    for (Item it : order) {
      int best = bestNode(it, -1, true);
      if (best < 0) {
        best = bestNode(it, -1, false);
      }
      if (best >= 0) {
        assign(it, best);
      }
    }
  }

  /**
   * The feasible node where the item leaves the least normalised room (ties: lowest node ID),
   * among used nodes ({@code used}) or empty ones, never {@code exclude}; -1 if none fits.
   */
  private int bestNode(Item it, int exclude, boolean used) {
    int best = -1;
    double bestRoom = Double.MAX_VALUE;
    for (int i = it.feasible.nextSetBit(0); i >= 0; i = it.feasible.nextSetBit(i + 1)) {
      Slot s = nodes.get(i);
      if (i == exclude || (s.count() > 0) != used || s.usage.exhaustedDimension(it.ask) != null) {
        continue;
      }
      double room = (s.usage.availableCpu() - s.usage.usedCpu() - it.ask.cpu()) / avgCpu
          + (s.usage.availableMemory() - s.usage.usedMemory() - it.ask.memoryMB()) / avgMem;
      if (room < bestRoom) {
        bestRoom = room;
        best = i;
      }
    }
    return best;
  }

  /**
   * One local-search pass: the used nodes holding only packed allocations, least loaded first,
   * each emptied if all its allocations fit elsewhere on used nodes (all or nothing). True when a
   * node was emptied.
   */
  private boolean emptyLightNodes() {
    List<Integer> candidates = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      Slot s = nodes.get(i);
      if (s.existing == 0 && !s.items.isEmpty()) {
        candidates.add(i);
      }
    }
    candidates.sort(Comparator.comparingDouble((Integer i) -> load(nodes.get(i))).thenComparing(i -> i));
    boolean emptied = false;
    for (int from : candidates) {
      Slot source = nodes.get(from);
      if (source.items.isEmpty()) {
        continue;
      }
      List<Item> moving = new ArrayList<>(source.items);
      moving.sort(Comparator.comparingDouble((Item it) -> -it.size).thenComparing(it -> it.name));
      List<Item> moved = new ArrayList<>();
      for (Item it : moving) {
        int to = bestNode(it, from, true);
        if (to < 0) {
          break;
        }
        unassign(it);
        assign(it, to);
        moved.add(it);
      }
      if (moved.size() == moving.size()) {
        emptied = true;
        continue;
      }
      for (Item it : moved) {
        unassign(it);
        assign(it, from);
      }
    }
    return emptied;
  }

  private double load(Slot s) {
    return s.usage.usedCpu() / avgCpu + s.usage.usedMemory() / avgMem;
  }

  private void assign(Item it, int node) {
    Slot s = nodes.get(node);
    s.usage.add(new AllocUsage(key(it), jobId, it.group, priority, it.ask.cpu(), it.ask.memoryMB(), it.ask.diskMB(),
        List.of(), new int[0], Map.of()));
    s.items.add(it);
    it.node = node;
  }

  private void unassign(Item it) {
    Slot s = nodes.get(it.node);
    s.usage.remove(key(it));
    s.items.remove(it);
    it.node = -1;
  }

  private static String key(Item it) {
    return "optimise/" + it.name;
  }

  private PackingPlan plan() {
    List<PackingPlan.Assignment> out = new ArrayList<>();
    Map<String, Integer> unplaced = new LinkedHashMap<>();
    for (Item it : items) {
      if (it.node < 0) {
        unplaced.merge(it.group, 1, Integer::sum);
      } else {
        out.add(new PackingPlan.Assignment(it.name, it.group, nodes.get(it.node).node.id()));
      }
    }
    int used = 0;
    for (Slot s : nodes) {
      if (s.count() > 0) {
        used++;
      }
    }
    return new PackingPlan(out, unplaced, used);
  }

  private static TaskGroup group(Job job, String name) {
    for (TaskGroup tg : job.taskGroupsOrEmpty()) {
      if (name.equals(tg.name())) {
        return tg;
      }
    }
    throw new IllegalArgumentException("optimise: job " + job.id() + " has no task group \"" + name + "\"");
  }

  /** The group's ask, or a {@link PackingException} naming what the packer does not model. */
  private static TaskGroupAsk supportedAsk(Job job, TaskGroup tg) {
    String at = "job " + job.id() + " group " + tg.name();
    refuseDistinct(tg.constraintsOrEmpty(), at);
    for (Task t : tg.tasksOrEmpty()) {
      refuseDistinct(t.constraintsOrEmpty(), at + " task " + t.name());
    }
    for (VolumeRequest v : tg.volumesOrEmpty().values()) {
      if ("csi".equals(v.type())) {
        throw new PackingException("optimise: " + at + " claims a CSI volume; the offline packer does not model volume claims");
      }
    }
    TaskGroupAsk ask = TaskGroupAsk.of(tg);
    String unsupported = !ask.staticPorts().isEmpty() || !ask.dynamicPorts().isEmpty() ? "ports"
        : !ask.devices().isEmpty() ? "devices" : ask.cores() > 0 ? "reserved cores" : null;
    if (unsupported != null) {
      throw new PackingException("optimise: " + at + " asks for " + unsupported
          + "; the offline packer models cpu, memory, disk and constraints only");
    }
    return ask;
  }

  private static void refuseDistinct(List<Constraint> constraints, String at) {
    for (Constraint c : constraints) {
      if ("distinct_hosts".equals(c.operand()) || "distinct_property".equals(c.operand())) {
        throw new PackingException("optimise: " + at + " has a " + c.operand()
            + " constraint; the offline packer does not model it");
      }
    }
  }

  /** One allocation to pack; {@code node} is its slot index, -1 while unplaced. */
  private static final class Item {
    final String name;
    final String group;
    final TaskGroupAsk ask;
    final BitSet feasible;
    final double size;
    final double sum;
    int node = -1;

    Item(String name, String group, TaskGroupAsk ask, BitSet feasible, double size, double sum) {
      this.name = name;
      this.group = group;
      this.ask = ask;
      this.feasible = feasible;
      this.size = size;
      this.sum = sum;
    }
  }

  /** A candidate node: its usage (existing allocations included) and the items packed on it. */
  private static final class Slot {
    final Node node;
    final NodeUsage usage;
    final int existing;
    final List<Item> items = new ArrayList<>();

    Slot(Node node, NodeUsage usage, int existing) {
      this.node = node;
      this.usage = usage;
      this.existing = existing;
    }

    int count() {
      return existing + items.size();
    }
  }
}
