package io.caravan.scheduler.snapshot;

import com.google.common.collect.ImmutableList;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.AllocStatus;
import io.caravan.model.cluster.Deployment;
import io.caravan.model.cluster.DeploymentStatusUpdate;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.Plan;
import io.caravan.model.cluster.PlanResult;
import io.caravan.model.job.Job;
import io.caravan.scheduler.plan.PlanApplier;
import io.caravan.scheduler.plan.PlanEvaluation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A mutable in-memory cluster for tests and simulations: it serves as the {@link ClusterSnapshot}
 * and the {@link Planner}, sends every submitted plan through the {@link PlanApplier} (fit
 * re-check, partial commit, refresh snapshot) unlike Nomad's scheduler test harness, which
 * commits blindly, and records plans, their results and evaluations. Not thread-safe.
 */
public final class InMemoryCluster implements ClusterSnapshot, Planner {
  private final TreeMap<String, Node> nodes = new TreeMap<>();
  private final TreeMap<String, Allocation> allocs = new TreeMap<>();
  private final Map<String, TreeMap<String, Allocation>> allocsByNode = new java.util.HashMap<>();
  private final Map<String, TreeMap<String, Allocation>> allocsByJob = new java.util.HashMap<>();
  private final TreeMap<String, TreeMap<Long, Job>> jobs = new TreeMap<>();
  private final List<Deployment> deployments = new ArrayList<>();
  private final TreeMap<String, CsiVolume> csiVolumes = new TreeMap<>();
  private final List<Plan> plans = new ArrayList<>();
  private final List<Evaluation> updatedEvals = new ArrayList<>();
  private final List<Evaluation> createdEvals = new ArrayList<>();
  private final List<Evaluation> reblockedEvals = new ArrayList<>();
  private final Map<String, List<Node>> nodesByPoolCache = new java.util.HashMap<>();
  private final List<PlanResult> planResults = new ArrayList<>();
  private final PlanApplier applier;
  private SchedulerConfiguration config;
  private long index = 1;

  /** An empty cluster whose plans go through a {@link PlanApplier} without bad-node tracking. */
  public InMemoryCluster() {
    this(new PlanApplier());
  }

  /** An empty cluster whose plans go through {@code applier}. */
  public InMemoryCluster(PlanApplier applier) {
    this.applier = java.util.Objects.requireNonNull(applier, "applier");
  }

  /** Adds or replaces a CSI volume (keyed by namespace and ID). */
  public InMemoryCluster upsertCsiVolume(CsiVolume volume) {
    csiVolumes.put(volume.namespace() + "\u0000" + volume.id(), volume);
    index++;
    return this;
  }

  @Override
  public List<CsiVolume> csiVolumes() {
    return List.copyOf(csiVolumes.values());
  }

  @Override
  public Optional<CsiVolume> csiVolume(String namespace, String id) {
    return Optional.ofNullable(csiVolumes.get(namespace + "\u0000" + id));
  }

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
   * Submits a plan through the {@link PlanApplier}, as Nomad's plan endpoint does: every node the
   * plan touches is re-checked against the current state, the accepted part is committed at a new
   * index (stops and preemptions marked, placements written, the deployment and deployment updates
   * applied) and the plan is recorded. When a node was rejected the submission carries a frozen
   * {@link #snapshot()} for the scheduler to retry on.
   */
  @Override
  public PlanSubmission submitPlan(Plan plan) {
    plans.add(plan);
    PlanEvaluation evaluation = applier.evaluate(this, plan);
    PlanResult r = evaluation.result();
    index++;
    forEach(r.nodeUpdate(), this::commitStop);
    forEach(r.nodePreemptions(), a -> put(withDesired(a, AllocStatus.DESIRED_EVICT)));
    forEach(r.nodeAllocation(), this::commitPlacement);
    if (r.deployment() != null) {
      putDeployment(r.deployment());
    }
    if (r.deploymentUpdates() != null) {
      for (DeploymentStatusUpdate u : r.deploymentUpdates()) {
        for (int i = 0; i < deployments.size(); i++) {
          Deployment d = deployments.get(i);
          if (d.id().equals(u.deploymentID())) {
            deployments.set(i, d.toBuilder().status(u.status()).statusDescription(u.statusDescription())
                .modifyIndex(index).build());
          }
        }
      }
    }
    PlanResult committed = new PlanResult(r.nodeUpdate(), r.nodeAllocation(), r.nodePreemptions(), r.deployment(),
        r.deploymentUpdates(), r.rejectedNodes(), r.ineligibleNodes(), r.refreshIndex(), index);
    planResults.add(committed);
    return r.refreshIndex() != 0 ? PlanSubmission.partial(committed, snapshot()) : PlanSubmission.committed(committed);
  }

  /** Results of the plans submitted so far (what the applier committed), in order. */
  public List<PlanResult> planResults() {
    return ImmutableList.copyOf(planResults);
  }

  /** The latest version of every job, ordered by namespace and ID. */
  public List<Job> jobs() {
    List<Job> out = new ArrayList<>();
    for (TreeMap<Long, Job> versions : jobs.values()) {
      out.add(versions.lastEntry().getValue());
    }
    return ImmutableList.copyOf(out);
  }

  /**
   * A read-only copy of the current state: later changes to this cluster do not show in it, so a
   * scheduler can plan on it while others commit (optimistic concurrency, as in Nomad's workers).
   */
  public ClusterSnapshot snapshot() {
    InMemoryCluster copy = new InMemoryCluster(applier);
    copy.nodes.putAll(nodes);
    copy.allocs.putAll(allocs);
    allocsByNode.forEach((k, v) -> copy.allocsByNode.put(k, new TreeMap<>(v)));
    allocsByJob.forEach((k, v) -> copy.allocsByJob.put(k, new TreeMap<>(v)));
    jobs.forEach((k, v) -> copy.jobs.put(k, new TreeMap<>(v)));
    copy.deployments.addAll(deployments);
    copy.csiVolumes.putAll(csiVolumes);
    copy.config = config;
    copy.index = index;
    return new FrozenSnapshot(copy);
  }

  private void commitStop(Allocation stop) {
    Allocation current = allocs.get(stop.id());
    if (current == null) {
      return; // stopping an allocation the state no longer has is a no-op, as in Nomad's state store
    }
    Allocation.Builder b = current.toBuilder()
        .desiredStatus(AllocStatus.DESIRED_STOP)
        .desiredDescription(stop.desiredDescription())
        .modifyIndex(index);
    if (!stop.clientStatus().isEmpty() && !current.clientTerminal()) {
      b.clientStatus(stop.clientStatus());
    }
    if (!stop.followupEvalID().isEmpty()) {
      b.followupEvalID(stop.followupEvalID());
    }
    put(b.build());
  }

  private void commitPlacement(Allocation a) {
    Allocation current = allocs.get(a.id());
    put(a.toBuilder()
        .createIndex(current == null ? index : current.createIndex())
        .modifyIndex(index)
        .allocModifyIndex(index)
        .build());
  }

  /** Adds or replaces (by ID) a deployment, e.g. the existing deployment of a scenario. */
  public InMemoryCluster upsertDeployment(Deployment d) {
    index++;
    putDeployment(d);
    return this;
  }

  private void putDeployment(Deployment d) {
    for (int i = 0; i < deployments.size(); i++) {
      if (deployments.get(i).id().equals(d.id())) {
        deployments.set(i, d.toBuilder().modifyIndex(index).build());
        return;
      }
    }
    deployments.add(d.toBuilder().createIndex(d.createIndex() == 0 ? index : d.createIndex()).modifyIndex(index).build());
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
    return current.toBuilder().desiredStatus(desired).desiredDescription(a.desiredDescription())
        .preemptedByAllocation(a.preemptedByAllocation()).modifyIndex(index).build();
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
