package io.caravan.scheduler.schedulers;

import com.google.common.collect.ImmutableList;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Deployment;
import io.caravan.model.cluster.Node;
import io.caravan.model.job.Job;
import io.caravan.scheduler.snapshot.ClusterSnapshot;
import io.caravan.scheduler.snapshot.SchedulerConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot as it would be with a plan in progress applied (Nomad's {@code ProposedAllocs}):
 * allocations the plan stops or evicts appear with their new desired status (so they are terminal
 * and free their resources), allocations the plan adds or updates appear as in the plan. Give it
 * to a {@code PlacementEngine} so a destructive update's replacement can use the resources of the
 * allocation it stops, and placements see earlier placements of the same plan.
 *
 * <p>{@link #restrictedTo(Set)} also limits the candidate nodes ({@link #nodes()} and
 * {@link #nodesByPool}) to a set of node IDs, which is how the system scheduler places on exactly
 * one node; {@link #restrictedTo(Set, boolean)} can further limit {@link #allocsByJob} to those
 * nodes, which keeps per-node placement linear when nothing needs the job's allocations elsewhere
 * (no {@code distinct_property}). The view reads the plan live: decisions added after it was made
 * are visible.
 */
public final class ProposedSnapshot implements ClusterSnapshot {
  private final ClusterSnapshot base;
  private final PlanBuilder plan;
  private final @Nullable Set<String> nodeIds;
  private final boolean jobAllocsOnRestrictedNodesOnly;

  /** A view of {@code base} with {@code plan} applied, over every node. */
  public ProposedSnapshot(ClusterSnapshot base, PlanBuilder plan) {
    this(base, plan, null, false);
  }

  private ProposedSnapshot(ClusterSnapshot base, PlanBuilder plan, @Nullable Set<String> nodeIds,
      boolean jobAllocsOnRestrictedNodesOnly) {
    this.base = base;
    this.plan = plan;
    this.nodeIds = nodeIds == null ? null : Set.copyOf(nodeIds);
    this.jobAllocsOnRestrictedNodesOnly = jobAllocsOnRestrictedNodesOnly;
  }

  /** The same view whose candidate nodes are only those with IDs in {@code ids}. */
  public ProposedSnapshot restrictedTo(Set<String> ids) {
    return new ProposedSnapshot(base, plan, ids, false);
  }

  /**
   * Like {@link #restrictedTo(Set)}; with {@code jobAllocsOnTheseNodesOnly}, {@link #allocsByJob}
   * also returns only allocations on those nodes.
   */
  public ProposedSnapshot restrictedTo(Set<String> ids, boolean jobAllocsOnTheseNodesOnly) {
    return new ProposedSnapshot(base, plan, ids, jobAllocsOnTheseNodesOnly);
  }

  @Override
  public List<Node> nodes() {
    return nodeIds == null ? base.nodes() : restrict(null);
  }

  @Override
  public List<Node> nodesByPool(String pool) {
    return nodeIds == null ? base.nodesByPool(pool) : restrict(pool);
  }

  /** The restricted nodes (in ID order) of {@code pool} ({@code null}, "" or "all": any pool); O(restricted set). */
  private List<Node> restrict(@Nullable String pool) {
    boolean anyPool = pool == null || pool.isEmpty() || pool.equals("all");
    List<Node> out = new ArrayList<>(nodeIds.size());
    for (String id : new java.util.TreeSet<>(nodeIds)) {
      base.nodeById(id).filter(n -> anyPool || pool.equals(n.nodePool())).ifPresent(out::add);
    }
    return out;
  }

  @Override
  public Optional<Node> nodeById(String id) {
    return base.nodeById(id);
  }

  @Override
  public List<Allocation> allocsByJob(String namespace, String jobId) {
    if (nodeIds != null && jobAllocsOnRestrictedNodesOnly) {
      List<Allocation> out = new ArrayList<>();
      for (String id : new java.util.TreeSet<>(nodeIds)) {
        for (Allocation a : allocsByNode(id)) {
          if (a.jobID().equals(jobId) && sameNamespace(a.namespace(), namespace)) {
            out.add(a);
          }
        }
      }
      out.sort(java.util.Comparator.comparing(Allocation::id));
      return ImmutableList.copyOf(out);
    }
    List<Allocation> baseAllocs = base.allocsByJob(namespace, jobId);
    List<Allocation> out = patch(baseAllocs);
    Set<String> inBase = null;
    for (Allocation a : plan.allocated().values()) {
      if (a.jobID().equals(jobId) && sameNamespace(a.namespace(), namespace)) {
        inBase = inBase == null ? ids(baseAllocs) : inBase;
        if (!inBase.contains(a.id())) {
          out.add(a);
        }
      }
    }
    return ImmutableList.copyOf(out);
  }

  @Override
  public List<Allocation> allocsByNode(String nodeId) {
    List<Allocation> baseAllocs = base.allocsByNode(nodeId);
    List<Allocation> out = patch(baseAllocs);
    List<Allocation> planned = plan.allocatedOn(nodeId);
    if (!planned.isEmpty()) {
      Set<String> inBase = ids(baseAllocs);
      for (Allocation a : planned) {
        if (!inBase.contains(a.id())) {
          out.add(a);
        }
      }
    }
    return ImmutableList.copyOf(out);
  }

  private static Set<String> ids(List<Allocation> allocs) {
    Set<String> out = new java.util.HashSet<>(allocs.size() * 2);
    for (Allocation a : allocs) {
      out.add(a.id());
    }
    return out;
  }

  @Override
  public Optional<Allocation> allocById(String id) {
    Allocation a = current(id);
    if (a != null) {
      return Optional.of(a);
    }
    return base.allocById(id);
  }

  @Override
  public Optional<Job> jobById(String namespace, String jobId) {
    return base.jobById(namespace, jobId);
  }

  @Override
  public Optional<Job> jobByIdAndVersion(String namespace, String jobId, long version) {
    return base.jobByIdAndVersion(namespace, jobId, version);
  }

  @Override
  public List<Deployment> deploymentsByJob(String namespace, String jobId) {
    return base.deploymentsByJob(namespace, jobId);
  }

  @Override
  public Optional<SchedulerConfiguration> schedulerConfig() {
    return base.schedulerConfig();
  }

  @Override
  public long latestIndex() {
    return base.latestIndex();
  }

  /** The base snapshot's totals when the plan changes nothing on the node, otherwise {@code null}. */
  @Override
  public io.caravan.scheduler.snapshot.@Nullable NodeAllocTotals liveAllocTotals(String nodeId) {
    return plan.touchesNode(nodeId) ? null : base.liveAllocTotals(nodeId);
  }

  /** The base allocations with the plan's stops, evictions and updates substituted. */
  private List<Allocation> patch(List<Allocation> allocs) {
    List<Allocation> out = new ArrayList<>(allocs.size() + 1);
    for (Allocation a : allocs) {
      Allocation c = current(a.id());
      out.add(c == null ? a : c);
    }
    return out;
  }

  private @Nullable Allocation current(String id) {
    Allocation a = plan.evicted().get(id);
    if (a == null) {
      a = plan.stopped().get(id);
    }
    if (a == null) {
      a = plan.allocated().get(id);
    }
    return a;
  }

  private static boolean sameNamespace(String a, String b) {
    String x = a == null || a.isEmpty() ? "default" : a;
    String y = b == null || b.isEmpty() ? "default" : b;
    return x.equals(y);
  }

  @Override
  public List<io.caravan.scheduler.snapshot.CsiVolume> csiVolumes() {
    return base.csiVolumes();
  }

  @Override
  public Optional<io.caravan.scheduler.snapshot.CsiVolume> csiVolume(String namespace, String id) {
    return base.csiVolume(namespace, id);
  }
}
