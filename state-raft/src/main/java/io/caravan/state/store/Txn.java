package io.caravan.state.store;

import io.caravan.model.cluster.AllocatedResources;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Deployment;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.cluster.Node;
import io.caravan.model.job.Job;
import io.caravan.scheduler.resources.AllocUsage;
import io.caravan.scheduler.snapshot.NodeAllocTotals;
import io.caravan.scheduler.snapshot.SchedulerConfiguration;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * One write transaction at one Raft index: every change made through it is stamped with that index,
 * secondary indexes are kept in step, and nothing is visible until {@link StateStore#write} commits it.
 */
public final class Txn {
  /** Job versions kept per job (Nomad keeps 6). */
  public static final int JOB_VERSIONS_KEPT = 6;
  static final String DEFAULT_NAMESPACE = "default";
  static final String DEFAULT_POOL = "default";

  private final long index;
  /** Lets this transaction's writes change the map nodes it created in place; closed when it commits. */
  private final PersistentSortedMap.Edit edit = new PersistentSortedMap.Edit();
  private PersistentSortedMap<String, Long> tableIndexes;
  private PersistentSortedMap<String, Job> jobs;
  private PersistentSortedMap<String, PersistentSortedMap<Long, Job>> jobVersions;
  private PersistentSortedMap<String, PersistentSortedMap<String, Job>> jobsByNamespace;
  private PersistentSortedMap<String, Node> nodes;
  private PersistentSortedMap<String, PersistentSortedMap<String, Node>> nodesByPool;
  private PersistentSortedMap<String, Allocation> allocs;
  private final SharedValues shared = new SharedValues();
  private final BufferedIndex<Allocation> allocsByNode;
  private final BufferedIndex<Allocation> allocsByJob;
  private final BufferedIndex<Allocation> allocsByEval;
  private PersistentSortedMap<String, NodeAllocTotals> nodeTotals;
  /** Node totals changed by this transaction, written into {@link #nodeTotals} at commit (a count of 0 removes). */
  private final Map<String, NodeAllocTotals> changedTotals = new java.util.LinkedHashMap<>();
  /** Nodes and evaluations looked up for allocations (a plan's share a few), forgotten when those tables change. */
  private final Map<String, Node> nodeLookups = new java.util.HashMap<>();
  private final Map<String, Evaluation> evalLookups = new java.util.HashMap<>();
  /** A job instance an allocation of this transaction carried, to the stored version it stands for (a plan's allocations carry one). */
  private final Map<Job, Job> storedJobs = new IdentityHashMap<>();
  /** Usage per allocated-resources instance (stored allocations share equal ones, see {@link SharedValues}). */
  private final Map<AllocatedResources, AllocUsage> usageByResources = new IdentityHashMap<>();
  private PersistentSortedMap<String, Evaluation> evals;
  private PersistentSortedMap<String, PersistentSortedMap<String, Evaluation>> evalsByJob;
  private PersistentSortedMap<String, Deployment> deployments;
  private PersistentSortedMap<String, PersistentSortedMap<String, Deployment>> deploymentsByJob;
  /**
   * Deployments this transaction wrote and has not put in its tables yet, in write order: a plan
   * counts each placement into its deployment, which would otherwise rewrite the deployment's table
   * entries once per allocation.
   */
  private final Map<String, Deployment> pendingDeployments = new java.util.LinkedHashMap<>();
  private SchedulerConfiguration schedulerConfig;
  private PersistentSortedMap<String, NodePool> nodePools;
  private PersistentSortedMap<String, PeriodicLaunch> periodicLaunches;

  Txn(StateSnapshot s, long index) {
    this.index = index;
    tableIndexes = s.tableIndexes;
    jobs = s.jobs;
    jobVersions = s.jobVersions;
    jobsByNamespace = s.jobsByNamespace;
    nodes = s.nodes;
    nodesByPool = s.nodesByPool;
    allocs = s.allocs;
    allocsByNode = new BufferedIndex<>(s.allocsByNode, edit);
    allocsByJob = new BufferedIndex<>(s.allocsByJob, edit);
    allocsByEval = new BufferedIndex<>(s.allocsByEval, edit);
    nodeTotals = s.nodeTotals;
    evals = s.evals;
    evalsByJob = s.evalsByJob;
    deployments = s.deployments;
    deploymentsByJob = s.deploymentsByJob;
    schedulerConfig = s.schedulerConfig;
    nodePools = s.nodePools;
    periodicLaunches = s.periodicLaunches;
  }

  StateSnapshot commit() {
    flushDeployments();
    for (Map.Entry<String, NodeAllocTotals> e : changedTotals.entrySet()) {
      nodeTotals = e.getValue().count() == 0 ? nodeTotals.remove(e.getKey(), edit) : nodeTotals.put(e.getKey(), e.getValue(), edit);
    }
    changedTotals.clear();
    StateSnapshot s = new StateSnapshot(index, tableIndexes, jobs, jobVersions, jobsByNamespace, nodes, nodesByPool, allocs,
        allocsByNode.commit(), allocsByJob.commit(), allocsByEval.commit(), nodeTotals, evals, evalsByJob, deployments, deploymentsByJob, schedulerConfig,
        nodePools, periodicLaunches);
    edit.close();
    return s;
  }

  /** The node an allocation is placed on, looked up once per transaction. */
  private Node nodeForAlloc(String nodeId) {
    return nodeId == null ? null : nodeLookups.computeIfAbsent(nodeId, nodes::get);
  }

  /** The evaluation that made an allocation, looked up once per transaction. */
  private Evaluation evalForAlloc(String evalId) {
    return evalId == null ? null : evalLookups.computeIfAbsent(evalId, evals::get);
  }

  /** The Raft index this transaction stamps. */
  public long index() {
    return index;
  }

  private void touch(String table) {
    tableIndexes = tableIndexes.put(table, index, edit);
  }

  private <V> PersistentSortedMap<String, PersistentSortedMap<String, V>> indexPut(
      PersistentSortedMap<String, PersistentSortedMap<String, V>> idx, String outer, String inner, V value) {
    PersistentSortedMap<String, V> m = idx.get(outer);
    return idx.put(outer, (m == null ? PersistentSortedMap.<String, V>empty() : m).put(inner, value, edit), edit);
  }

  private <V> PersistentSortedMap<String, PersistentSortedMap<String, V>> indexRemove(
      PersistentSortedMap<String, PersistentSortedMap<String, V>> idx, String outer, String inner) {
    PersistentSortedMap<String, V> m = idx.get(outer);
    if (m == null) {
      return idx;
    }
    PersistentSortedMap<String, V> r = m.remove(inner, edit);
    return r.isEmpty() ? idx.remove(outer, edit) : idx.put(outer, r, edit);
  }

  private static String ns(String namespace) {
    return namespace == null || namespace.isEmpty() ? DEFAULT_NAMESPACE : namespace;
  }

  // ---------------------------------------------------------------- jobs

  /**
   * Registers a job or a new version of it: keeps CreateIndex, sets ModifyIndex and JobModifyIndex to
   * this index and Version to the previous version + 1 (0 for a new job). Returns the stored job.
   */
  public Job upsertJob(Job job) {
    Objects.requireNonNull(job.id(), "job.ID");
    storedJobs.clear();
    String namespace = ns(job.namespace());
    String key = StateSnapshot.jobKey(namespace, job.id());
    Job existing = jobs.get(key);
    long version = existing == null ? 0 : (existing.version() == null ? 0 : existing.version()) + 1;
    Job stored = job.toBuilder()
        .namespace(namespace)
        .nodePool(job.nodePool() == null || job.nodePool().isEmpty() ? DEFAULT_POOL : job.nodePool())
        .version(version)
        .createIndex(existing == null ? index : existing.createIndex())
        .modifyIndex(index)
        .jobModifyIndex(index)
        .build();
    jobs = jobs.put(key, stored, edit);
    PersistentSortedMap<Long, Job> versions = jobVersions.get(key);
    versions = (versions == null ? PersistentSortedMap.<Long, Job>empty() : versions).put(version, stored, edit);
    while (versions.size() > JOB_VERSIONS_KEPT) {
      versions = versions.remove(versions.keys().get(0), edit);
    }
    jobVersions = jobVersions.put(key, versions, edit);
    jobsByNamespace = indexPut(jobsByNamespace, namespace, job.id(), stored);
    touch("jobs");
    touch("job_version");
    return stored;
  }

  /** Removes a job and its versions (its allocations and evaluations stay until garbage collected). */
  public boolean deleteJob(String namespace, String jobId) {
    String key = StateSnapshot.jobKey(ns(namespace), jobId);
    if (!jobs.containsKey(key)) {
      return false;
    }
    storedJobs.clear();
    jobs = jobs.remove(key, edit);
    jobVersions = jobVersions.remove(key, edit);
    jobsByNamespace = indexRemove(jobsByNamespace, ns(namespace), jobId);
    periodicLaunches = periodicLaunches.remove(key, edit);
    touch("jobs");
    touch("job_version");
    return true;
  }

  // ---------------------------------------------------------------- nodes

  /** Adds or replaces a node, keeping its CreateIndex; returns the stored node. */
  public Node upsertNode(Node node) {
    Node existing = nodes.get(node.id());
    String pool = node.nodePool() == null || node.nodePool().isEmpty() ? DEFAULT_POOL : node.nodePool();
    Node stored = node.toBuilder().nodePool(pool)
        .createIndex(existing == null ? index : existing.createIndex()).modifyIndex(index).build();
    if (existing != null && !existing.nodePool().equals(pool)) {
      nodesByPool = indexRemove(nodesByPool, existing.nodePool(), node.id());
    }
    nodes = nodes.put(node.id(), stored, edit);
    nodeLookups.remove(node.id());
    nodesByPool = indexPut(nodesByPool, pool, node.id(), stored);
    touch("nodes");
    return stored;
  }

  /** Changes fields of a stored node (e.g. its status or scheduling eligibility) through its builder. */
  public Node updateNode(String nodeId, UnaryOperator<Node.Builder> changes) {
    Node existing = nodes.get(nodeId);
    if (existing == null) {
      throw new UnknownObjectException("node", nodeId);
    }
    return upsertNode(changes.apply(existing.toBuilder()).build());
  }

  public boolean deleteNode(String nodeId) {
    Node existing = nodes.get(nodeId);
    if (existing == null) {
      return false;
    }
    nodes = nodes.remove(nodeId, edit);
    nodeLookups.remove(nodeId);
    nodesByPool = indexRemove(nodesByPool, existing.nodePool(), nodeId);
    touch("nodes");
    return true;
  }

  // ---------------------------------------------------------------- allocations

  /**
   * Adds or replaces allocations. CreateIndex is kept, ModifyIndex and AllocModifyIndex set to this
   * index. The allocation's job is replaced by the stored instance of the same job version (so
   * allocations share their job instead of each holding a copy); an update without a job keeps the
   * stored allocation's job.
   */
  public void upsertAllocs(Collection<Allocation> updates) {
    upsertAllocs(updates, (stored, update) -> update);
  }

  /**
   * As {@link #upsertAllocs(Collection)}, but an update whose allocation is already stored is first
   * passed with the stored one to {@code merge} (one lookup per allocation for both).
   */
  public void upsertAllocs(Collection<Allocation> updates, BinaryOperator<Allocation> merge) {
    for (Allocation a : updates) {
      Allocation existing = allocs.get(a.id());
      upsertAlloc(existing == null ? a : merge.apply(existing, a), existing);
    }
    if (!updates.isEmpty()) {
      touch("allocs");
    }
  }

  private Allocation upsertAlloc(Allocation update, @Nullable Allocation existing) {
    return upsertAlloc(update, existing, null);
  }

  /**
   * Stores {@code update} over {@code existing}; {@code updateBuilder}, when given, is the builder
   * {@code update} was built from, reused for the stored copy instead of a new one.
   */
  private Allocation upsertAlloc(Allocation update, @Nullable Allocation existing,
      Allocation.@Nullable Builder updateBuilder) {
    Allocation a = DeploymentAccounting.account(this, existing, update);
    String namespace = ns(a.namespace());
    Job job = sharedJob(namespace, a.jobID(), a.job(), existing);
    // an update that keeps the node and evaluation already points at their stored IDs (and node name)
    boolean sameNode = existing != null && existing.nodeID().equals(a.nodeID());
    boolean sameEval = existing != null && existing.evalID().equals(a.evalID());
    Allocation.Builder b = a == update && updateBuilder != null ? updateBuilder : a.toBuilder();
    Allocation stored = shared.shareRepeatedFields(b, a, job, existing,
            sameNode ? null : nodeForAlloc(a.nodeID()), sameEval ? null : evalForAlloc(a.evalID()))
        .namespace(namespace.equals(DEFAULT_NAMESPACE) ? DEFAULT_NAMESPACE : namespace)
        .job(job)
        .createIndex(existing == null ? index : existing.createIndex())
        .modifyIndex(index)
        .allocModifyIndex(index)
        .build();
    if (existing != null) {
      // an index whose key stays the same is overwritten by the put below
      if (!Objects.equals(existing.nodeID(), stored.nodeID())) {
        allocsByNode.remove(existing.nodeID(), existing.id());
      }
      if (!existing.jobID().equals(stored.jobID()) || !ns(existing.namespace()).equals(namespace)) {
        allocsByJob.remove(StateSnapshot.jobKey(existing.namespace(), existing.jobID()), existing.id());
      }
      if (!Objects.equals(existing.evalID(), stored.evalID())) {
        allocsByEval.remove(existing.evalID(), existing.id());
      }
    }
    allocs = allocs.put(stored.id(), stored, edit);
    allocsByNode.put(stored.nodeID(), stored.id(), stored);
    allocsByJob.put(StateSnapshot.jobKey(namespace, stored.jobID()), stored.id(), stored);
    allocsByEval.put(stored.evalID(), stored.id(), stored);
    boolean sameUsage = existing != null && existing.allocatedResources() == stored.allocatedResources()
        && existing.terminal() == stored.terminal() && existing.nodeID().equals(stored.nodeID());
    if (!sameUsage) {
      if (existing != null) {
        count(existing, -1);
      }
      count(stored, 1);
    }
    return stored;
  }

  /** Adds ({@code sign} 1) or takes away (-1) a non-terminal allocation's usage in its node's totals. */
  private void count(Allocation a, int sign) {
    if (a.terminal()) {
      return;
    }
    AllocatedResources r = a.allocatedResources();
    AllocUsage u = r == null ? AllocUsage.of(a, 0) : usageByResources.computeIfAbsent(r, k -> AllocUsage.of(a, 0));
    NodeAllocTotals t = changedTotals.get(a.nodeID());
    if (t == null) {
      t = nodeTotals.get(a.nodeID());
    }
    t = (t == null ? NodeAllocTotals.EMPTY : t).plus(sign, u.cpu(), u.memoryMB(), u.diskMB(), u.complex());
    changedTotals.put(a.nodeID(), t);
  }


  private Job sharedJob(String namespace, String jobId, Job given, Allocation existing) {
    if (given == null) {
      return existing == null ? null : existing.job();
    }
    if (!jobId.equals(given.id())) {
      return storedVersion(namespace, jobId, given);
    }
    return storedJobs.computeIfAbsent(given, g -> storedVersion(namespace, jobId, g));
  }

  /** The stored job version equal in version number to {@code given}, else {@code given}. */
  private Job storedVersion(String namespace, String jobId, Job given) {
    PersistentSortedMap<Long, Job> versions = jobVersions.get(StateSnapshot.jobKey(namespace, jobId));
    if (versions != null && given.version() != null) {
      Job stored = versions.get(given.version());
      if (stored != null) {
        return stored;
      }
    }
    return given;
  }

  private void unindexAlloc(Allocation a) {
    allocsByNode.remove(a.nodeID(), a.id());
    allocsByJob.remove(StateSnapshot.jobKey(a.namespace(), a.jobID()), a.id());
    allocsByEval.remove(a.evalID(), a.id());
  }

  public void deleteAllocs(Collection<String> ids) {
    for (String id : ids) {
      Allocation existing = allocs.get(id);
      if (existing != null) {
        allocs = allocs.remove(id, edit);
        unindexAlloc(existing);
        count(existing, -1);
      }
    }
    touch("allocs");
  }

  // ---------------------------------------------------------------- evaluations

  /** Adds or replaces evaluations, keeping CreateIndex and setting ModifyIndex. */
  public void upsertEvals(Collection<Evaluation> updates) {
    for (Evaluation e : updates) {
      Evaluation existing = evals.get(e.id());
      String namespace = ns(e.namespace());
      Evaluation stored = e.toBuilder().namespace(namespace)
          .createIndex(existing == null ? index : existing.createIndex()).modifyIndex(index).build();
      if (existing != null) {
        evalsByJob = indexRemove(evalsByJob, StateSnapshot.jobKey(existing.namespace(), existing.jobID()), e.id());
      }
      evals = evals.put(e.id(), stored, edit);
      evalLookups.remove(e.id());
      evalsByJob = indexPut(evalsByJob, StateSnapshot.jobKey(namespace, stored.jobID()), stored.id(), stored);
    }
    touch("evals");
  }

  public void deleteEvals(Collection<String> ids) {
    for (String id : ids) {
      Evaluation existing = evals.get(id);
      if (existing != null) {
        evals = evals.remove(id, edit);
        evalLookups.remove(id);
        evalsByJob = indexRemove(evalsByJob, StateSnapshot.jobKey(existing.namespace(), existing.jobID()), id);
      }
    }
    touch("evals");
  }

  // ---------------------------------------------------------------- deployments, config, pools, periodic

  public Deployment upsertDeployment(Deployment d) {
    Deployment existing = deploymentById(d.id());
    String namespace = ns(d.namespace());
    Deployment stored = d.toBuilder().namespace(namespace)
        .createIndex(existing == null ? index : existing.createIndex()).modifyIndex(index).build();
    pendingDeployments.put(stored.id(), stored);
    touch("deployment");
    return stored;
  }

  /**
   * Stores a deployment read from this transaction with only its counts changed and its ModifyIndex
   * set to this index (its namespace and CreateIndex are already the stored ones).
   */
  void putRecountedDeployment(Deployment d) {
    pendingDeployments.put(d.id(), d);
    touch("deployment");
  }

  /** Puts the deployments written since the last flush in the deployment tables. */
  private void flushDeployments() {
    for (Deployment d : pendingDeployments.values()) {
      deployments = deployments.put(d.id(), d, edit);
      deploymentsByJob = indexPut(deploymentsByJob, StateSnapshot.jobKey(d.namespace(), d.jobID()), d.id(), d);
    }
    pendingDeployments.clear();
  }

  /** Removes these deployments (unknown IDs are skipped). */
  public void deleteDeployments(Collection<String> ids) {
    flushDeployments();
    for (String id : ids) {
      Deployment existing = deployments.get(id);
      if (existing != null) {
        deployments = deployments.remove(id, edit);
        deploymentsByJob = indexRemove(deploymentsByJob, StateSnapshot.jobKey(existing.namespace(), existing.jobID()), id);
      }
    }
    touch("deployment");
  }

  public void schedulerConfig(SchedulerConfiguration config) {
    this.schedulerConfig = Objects.requireNonNull(config, "config");
    touch("scheduler_config");
  }

  public NodePool upsertNodePool(NodePool pool) {
    NodePool existing = nodePools.get(pool.name());
    NodePool stored = new NodePool(pool.name(), pool.description(), pool.meta(),
        existing == null ? index : existing.createIndex(), index);
    nodePools = nodePools.put(pool.name(), stored, edit);
    touch("node_pools");
    return stored;
  }

  public PeriodicLaunch upsertPeriodicLaunch(String namespace, String jobId, long launchNanos) {
    String key = StateSnapshot.jobKey(ns(namespace), jobId);
    PeriodicLaunch existing = periodicLaunches.get(key);
    PeriodicLaunch stored = new PeriodicLaunch(ns(namespace), jobId, launchNanos,
        existing == null ? index : existing.createIndex(), index);
    periodicLaunches = periodicLaunches.put(key, stored, edit);
    touch("periodic_launch");
    return stored;
  }

  /** A job's recorded periodic launch as of this transaction, or null. */
  public PeriodicLaunch periodicLaunch(String namespace, String jobId) {
    return periodicLaunches.get(StateSnapshot.jobKey(ns(namespace), jobId));
  }

  /** The current version of a job as of this transaction, or null. */
  public Job jobById(String namespace, String jobId) {
    return jobs.get(StateSnapshot.jobKey(ns(namespace), jobId));
  }

  /** The allocation with this ID as of this transaction, or null. */
  public Allocation allocById(String id) {
    return allocs.get(id);
  }

  /** Changes fields of a stored allocation (e.g. client status from a client update) through its builder. */
  public Allocation updateAlloc(String allocId, UnaryOperator<Allocation.Builder> changes) {
    Allocation existing = allocs.get(allocId);
    if (existing == null) {
      throw new UnknownObjectException("allocation", allocId);
    }
    Allocation.Builder b = changes.apply(existing.toBuilder());
    Allocation stored = upsertAlloc(b.build(), existing, b);
    touch("allocs");
    return stored;
  }

  /** The deployment with this ID as of this transaction, or null. */
  public Deployment deploymentById(String id) {
    Deployment pending = pendingDeployments.get(id);
    return pending != null ? pending : deployments.get(id);
  }

  /**
   * Sets the {@code Stable} flag of one stored version of a job (a successful deployment marks its
   * version stable); the current job changes too when it is that version. Returns false when the
   * version is no longer kept.
   */
  public boolean setJobStability(String namespace, String jobId, long version, boolean stable) {
    String key = StateSnapshot.jobKey(ns(namespace), jobId);
    PersistentSortedMap<Long, Job> versions = jobVersions.get(key);
    Job stored = versions == null ? null : versions.get(version);
    if (stored == null) {
      return false;
    }
    Job updated = stored.toBuilder().stable(stable).build();
    jobVersions = jobVersions.put(key, versions.put(version, updated, edit), edit);
    // allocations share their version's job instance: point them at the new one (no index changes)
    PersistentSortedMap<String, Allocation> ofJob = allocsByJob.get(key);
    for (Allocation a : ofJob == null ? java.util.List.<Allocation>of() : ofJob.values()) {
      if (a.job() == stored) {
        Allocation shared = a.toBuilder().job(updated).build();
        allocs = allocs.put(a.id(), shared, edit);
        allocsByNode.put(shared.nodeID(), shared.id(), shared);
        allocsByJob.put(key, shared.id(), shared);
        allocsByEval.put(shared.evalID(), shared.id(), shared);
      }
    }
    Job current = jobs.get(key);
    if (current != null && current.version() != null && current.version() == version) {
      jobs = jobs.put(key, updated, edit);
      jobsByNamespace = indexPut(jobsByNamespace, ns(namespace), jobId, updated);
    }
    touch("jobs");
    touch("job_version");
    return true;
  }

  /**
   * Upserts a deployment written by a scheduler's plan, keeping the stored deployment's
   * placed / healthy / unhealthy counts and progress deadline (the servers count those).
   */
  public Deployment upsertPlannedDeployment(Deployment planned) {
    return upsertDeployment(DeploymentAccounting.mergeClientValues(deploymentById(planned.id()), planned));
  }

  /** Promotes the named groups of a deployment (every group with canaries when {@code groups} is empty). */
  public Deployment promoteDeployment(String deploymentId, java.util.List<String> groups) {
    Deployment existing = deploymentById(deploymentId);
    if (existing == null) {
      throw new UnknownObjectException("deployment", deploymentId);
    }
    return upsertDeployment(DeploymentAccounting.promote(existing, groups));
  }

  /** Changes fields of a stored deployment (e.g. status and description) through its builder. */
  public Deployment updateDeployment(String deploymentId, UnaryOperator<Deployment.Builder> changes) {
    Deployment existing = deploymentById(deploymentId);
    if (existing == null) {
      throw new UnknownObjectException("deployment", deploymentId);
    }
    return upsertDeployment(changes.apply(existing.toBuilder()).build());
  }

  // ---------------------------------------------------------------- raw inserts for snapshot restore (no stamping)

  void restoreTableIndex(String table, long tableIndex) {
    tableIndexes = tableIndexes.put(table, tableIndex, edit);
  }

  void restoreJobVersion(Job job) {
    storedJobs.clear();
    String key = StateSnapshot.jobKey(job.namespace(), job.id());
    PersistentSortedMap<Long, Job> versions = jobVersions.get(key);
    versions = (versions == null ? PersistentSortedMap.<Long, Job>empty() : versions).put(job.version(), job, edit);
    jobVersions = jobVersions.put(key, versions, edit);
    Job latest = jobs.get(key);
    if (latest == null || latest.version() < job.version()) {
      jobs = jobs.put(key, job, edit);
      jobsByNamespace = indexPut(jobsByNamespace, job.namespace(), job.id(), job);
    }
  }

  void restoreNode(Node n) {
    nodes = nodes.put(n.id(), n, edit);
    nodeLookups.remove(n.id());
    nodesByPool = indexPut(nodesByPool, n.nodePool(), n.id(), n);
  }

  void restoreAlloc(Allocation a) {
    Job job = sharedJob(a.namespace(), a.jobID(), a.job(), null);
    Allocation stored = job == a.job() ? a : a.toBuilder().job(job).build();
    allocs = allocs.put(stored.id(), stored, edit);
    allocsByNode.put(stored.nodeID(), stored.id(), stored);
    allocsByJob.put(StateSnapshot.jobKey(stored.namespace(), stored.jobID()), stored.id(), stored);
    allocsByEval.put(stored.evalID(), stored.id(), stored);
    count(stored, 1);
  }

  void restoreAllocSharingJob(Allocation a, long jobVersion) {
    PersistentSortedMap<Long, Job> versions = jobVersions.get(StateSnapshot.jobKey(a.namespace(), a.jobID()));
    Job job = versions == null ? null : versions.get(jobVersion);
    if (job == null) {
      throw new UnknownObjectException("job version", a.namespace() + "/" + a.jobID() + "@" + jobVersion);
    }
    restoreAlloc(a.toBuilder().job(job).build());
  }

  void restoreEval(Evaluation e) {
    evals = evals.put(e.id(), e, edit);
    evalLookups.remove(e.id());
    evalsByJob = indexPut(evalsByJob, StateSnapshot.jobKey(e.namespace(), e.jobID()), e.id(), e);
  }

  void restoreDeployment(Deployment d) {
    flushDeployments();
    deployments = deployments.put(d.id(), d, edit);
    deploymentsByJob = indexPut(deploymentsByJob, StateSnapshot.jobKey(d.namespace(), d.jobID()), d.id(), d);
  }

  void restoreSchedulerConfig(SchedulerConfiguration c) {
    schedulerConfig = c;
  }

  void restoreNodePool(NodePool p) {
    nodePools = nodePools.put(p.name(), p, edit);
  }

  void restorePeriodicLaunch(PeriodicLaunch l) {
    periodicLaunches = periodicLaunches.put(StateSnapshot.jobKey(l.namespace(), l.jobId()), l, edit);
  }


}
