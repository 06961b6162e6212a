package io.caravan.scheduler.snapshot;

import com.google.common.collect.ImmutableList;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.AllocStatus;
import io.caravan.model.cluster.Deployment;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.Plan;
import io.caravan.model.cluster.PlanResult;
import io.caravan.model.job.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A mutable in-memory cluster for tests and simulations, like Nomad's scheduler test harness: it
 * serves as the {@link ClusterSnapshot} and the {@link Planner}, applies every submitted plan in
 * full and records plans and evaluations. Not thread-safe.
 */
public final class InMemoryCluster implements ClusterSnapshot, Planner {
  private final TreeMap<String, Node> nodes = new TreeMap<>();
  private final TreeMap<String, Allocation> allocs = new TreeMap<>();
  private final Map<String, TreeMap<String, Allocation>> allocsByNode = new java.util.HashMap<>();
  private final Map<String, TreeMap<String, Allocation>> allocsByJob = new java.util.HashMap<>();
  private final TreeMap<String, TreeMap<Long, Job>> jobs = new TreeMap<>();
  private final List<Deployment> deployments = new ArrayList<>();
  private final List<Plan> plans = new ArrayList<>();
  private final List<Evaluation> updatedEvals = new ArrayList<>();
  private final List<Evaluation> createdEvals = new ArrayList<>();
  private final List<Evaluation> reblockedEvals = new ArrayList<>();
  private final Map<String, List<Node>> nodesByPoolCache = new java.util.HashMap<>();
  private SchedulerConfiguration config;
  private long index = 1;

  /** Adds or replaces a node. */
  public InMemoryCluster upsertNode(Node node) {
    nodes.put(node.id(), node);
    nodesByPoolCache.clear();
    index++;
    return this;
  }

  /** Adds or replaces an allocation. */
  public InMemoryCluster upsertAlloc(Allocation alloc) {
    put(alloc);
    index++;
    return this;
  }

  /** Adds a job version (its {@code Version}, or 0 when unset). */
  public InMemoryCluster upsertJob(Job job) {
    String key = key(job.namespace(), job.id());
    jobs.computeIfAbsent(key, k -> new TreeMap<>()).put(job.version() == null ? 0L : job.version(), job);
    index++;
    return this;
  }

  /** Sets the scheduler configuration ({@code null} clears it). */
  public InMemoryCluster schedulerConfig(SchedulerConfiguration config) {
    this.config = config;
    index++;
    return this;
  }

  /** Plans submitted so far, in order. */
  public List<Plan> plans() {
    return ImmutableList.copyOf(plans);
  }

  /** Evaluations updated so far, in order. */
  public List<Evaluation> updatedEvals() {
    return ImmutableList.copyOf(updatedEvals);
  }

  /** Evaluations created so far, in order. */
  public List<Evaluation> createdEvals() {
    return ImmutableList.copyOf(createdEvals);
  }

  /** Evaluations re-blocked so far, in order. */
  public List<Evaluation> reblockedEvals() {
    return ImmutableList.copyOf(reblockedEvals);
  }

  @Override
  public List<Node> nodes() {
    return nodesByPoolCache.computeIfAbsent("\u0000all", p -> ImmutableList.copyOf(nodes.values()));
  }

  @Override
  public List<Node> nodesByPool(String pool) {
    if (pool == null || pool.isEmpty() || pool.equals("all")) {
      return nodes();
    }
    return nodesByPoolCache.computeIfAbsent(pool, p -> nodes.values().stream()
        .filter(n -> p.equals(n.nodePool())).collect(ImmutableList.toImmutableList()));
  }

  @Override
  public Optional<Node> nodeById(String id) {
    return Optional.ofNullable(nodes.get(id));
  }

  @Override
  public List<Allocation> allocsByJob(String namespace, String jobId) {
    TreeMap<String, Allocation> m = allocsByJob.get(key(namespace, jobId));
    return m == null ? List.of() : ImmutableList.copyOf(m.values());
  }

  @Override
  public List<Allocation> allocsByNode(String nodeId) {
    TreeMap<String, Allocation> m = allocsByNode.get(nodeId);
    return m == null ? List.of() : ImmutableList.copyOf(m.values());
  }

  private void put(Allocation a) {
    Allocation old = allocs.put(a.id(), a);
    if (old != null) {
      allocsByNode.get(old.nodeID()).remove(old.id());
      allocsByJob.get(key(old.namespace(), old.jobID())).remove(old.id());
    }
    allocsByNode.computeIfAbsent(a.nodeID(), k -> new TreeMap<>()).put(a.id(), a);
    allocsByJob.computeIfAbsent(key(a.namespace(), a.jobID()), k -> new TreeMap<>()).put(a.id(), a);
  }

  @Override
  public Optional<Allocation> allocById(String id) {
    return Optional.ofNullable(allocs.get(id));
  }

  @Override
  public Optional<Job> jobById(String namespace, String jobId) {
    TreeMap<Long, Job> versions = jobs.get(key(namespace, jobId));
    return versions == null ? Optional.empty() : Optional.of(versions.lastEntry().getValue());
  }

  @Override
  public Optional<Job> jobByIdAndVersion(String namespace, String jobId, long version) {
    TreeMap<Long, Job> versions = jobs.get(key(namespace, jobId));
    return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
  }

  @Override
  public List<Deployment> deploymentsByJob(String namespace, String jobId) {
    return deployments.stream()
        .filter(d -> d.jobID().equals(jobId) && sameNamespace(d.namespace(), namespace))
        .collect(ImmutableList.toImmutableList());
  }

  @Override
  public Optional<SchedulerConfiguration> schedulerConfig() {
    return Optional.ofNullable(config);
  }

  @Override
  public long latestIndex() {
    return index;
  }

  /**
   * Applies the whole plan (stops, evictions (preemptions) and placements) without checking fit,
   * like Nomad's scheduler test harness; records it. Never a partial commit, so never a refresh.
   */
  @Override
  public PlanSubmission submitPlan(Plan plan) {
    plans.add(plan);
    index++;
    forEach(plan.nodeUpdate(), a -> put(withDesired(a, AllocStatus.DESIRED_STOP)));
    forEach(plan.nodePreemptions(), a -> put(withDesired(a, AllocStatus.DESIRED_EVICT)));
    forEach(plan.nodeAllocation(), this::put);
    if (plan.deployment() != null) {
      deployments.add(plan.deployment());
    }
    return PlanSubmission.committed(new PlanResult(plan.nodeUpdate(), plan.nodeAllocation(),
        plan.nodePreemptions(), plan.deployment(), plan.deploymentUpdates(), null, null, 0, index));
  }

  @Override
  public void updateEval(Evaluation eval) {
    updatedEvals.add(eval);
  }

  @Override
  public void createEval(Evaluation eval) {
    createdEvals.add(eval);
  }

  @Override
  public void reblockEval(Evaluation eval) {
    reblockedEvals.add(eval);
  }

  private static void forEach(Map<String, List<Allocation>> byNode, java.util.function.Consumer<Allocation> f) {
    if (byNode != null) {
      byNode.values().forEach(list -> list.forEach(f));
    }
  }

  private Allocation withDesired(Allocation a, String desired) {
    Allocation current = allocs.getOrDefault(a.id(), a);
    return new Allocation(current.id(), current.namespace(), current.evalID(), current.name(),
        current.nodeID(), current.nodeName(), current.jobID(), current.job(), current.taskGroup(),
        current.allocatedResources(), current.metrics(), desired, a.desiredDescription(),
        current.desiredTransition(), current.clientStatus(), current.clientDescription(),
        current.taskStates(), current.deploymentID(), current.deploymentStatus(),
        current.rescheduleTracker(), current.previousAllocation(), current.nextAllocation(),
        current.followupEvalID(), current.preemptedAllocations(), a.preemptedByAllocation(),
        current.createIndex(), index, current.allocModifyIndex(), current.createTime(), current.modifyTime());
  }

  private static boolean sameNamespace(String a, String b) {
    String x = a == null || a.isEmpty() ? "default" : a;
    String y = b == null || b.isEmpty() ? "default" : b;
    return x.equals(y);
  }

  private static String key(String namespace, String id) {
    return (namespace == null || namespace.isEmpty() ? "default" : namespace) + "\u0000" + id;
  }
}
