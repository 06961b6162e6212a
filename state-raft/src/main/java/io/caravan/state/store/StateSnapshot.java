package io.caravan.state.store;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Deployment;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.cluster.Node;
import io.caravan.model.job.Job;
import io.caravan.scheduler.snapshot.ClusterSnapshot;
import io.caravan.scheduler.snapshot.NodeAllocTotals;
import io.caravan.scheduler.snapshot.SchedulerConfiguration;
import java.util.List;
import java.util.Optional;

/**
 * An immutable, consistent view of every table at one Raft index. Taking one is O(1) (the store hands
 * out its current root; writes build a new root sharing unchanged structure), so a scheduler worker
 * can read it while writes go on.
 */
public final class StateSnapshot implements ClusterSnapshot {
  static final StateSnapshot EMPTY = new StateSnapshot(0, PersistentSortedMap.empty(), PersistentSortedMap.empty(),
      PersistentSortedMap.empty(), PersistentSortedMap.empty(), PersistentSortedMap.empty(), PersistentSortedMap.empty(),
      PersistentSortedMap.empty(), PersistentSortedMap.empty(), PersistentSortedMap.empty(), PersistentSortedMap.empty(),
      PersistentSortedMap.empty(), PersistentSortedMap.empty(), PersistentSortedMap.empty(), PersistentSortedMap.empty(),
      PersistentSortedMap.empty(), null, PersistentSortedMap.empty(), PersistentSortedMap.empty());

  final long index;
  final PersistentSortedMap<String, Long> tableIndexes;
  final PersistentSortedMap<String, Job> jobs;
  final PersistentSortedMap<String, PersistentSortedMap<Long, Job>> jobVersions;
  final PersistentSortedMap<String, PersistentSortedMap<String, Job>> jobsByNamespace;
  final PersistentSortedMap<String, Node> nodes;
  final PersistentSortedMap<String, PersistentSortedMap<String, Node>> nodesByPool;
  final PersistentSortedMap<String, Allocation> allocs;
  final PersistentSortedMap<String, PersistentSortedMap<String, Allocation>> allocsByNode;
  final PersistentSortedMap<String, PersistentSortedMap<String, Allocation>> allocsByJob;
  final PersistentSortedMap<String, PersistentSortedMap<String, Allocation>> allocsByEval;
  /** Totals of the non-terminal allocations per node ID (nodes without any are absent). */
  final PersistentSortedMap<String, NodeAllocTotals> nodeTotals;
  final PersistentSortedMap<String, Evaluation> evals;
  final PersistentSortedMap<String, PersistentSortedMap<String, Evaluation>> evalsByJob;
  final PersistentSortedMap<String, Deployment> deployments;
  final PersistentSortedMap<String, PersistentSortedMap<String, Deployment>> deploymentsByJob;
  final SchedulerConfiguration schedulerConfig;
  final PersistentSortedMap<String, NodePool> nodePools;
  final PersistentSortedMap<String, PeriodicLaunch> periodicLaunches;

  StateSnapshot(long index, PersistentSortedMap<String, Long> tableIndexes, PersistentSortedMap<String, Job> jobs,
      PersistentSortedMap<String, PersistentSortedMap<Long, Job>> jobVersions,
      PersistentSortedMap<String, PersistentSortedMap<String, Job>> jobsByNamespace,
      PersistentSortedMap<String, Node> nodes, PersistentSortedMap<String, PersistentSortedMap<String, Node>> nodesByPool,
      PersistentSortedMap<String, Allocation> allocs,
      PersistentSortedMap<String, PersistentSortedMap<String, Allocation>> allocsByNode,
      PersistentSortedMap<String, PersistentSortedMap<String, Allocation>> allocsByJob,
      PersistentSortedMap<String, PersistentSortedMap<String, Allocation>> allocsByEval,
      PersistentSortedMap<String, NodeAllocTotals> nodeTotals,
      PersistentSortedMap<String, Evaluation> evals,
      PersistentSortedMap<String, PersistentSortedMap<String, Evaluation>> evalsByJob,
      PersistentSortedMap<String, Deployment> deployments,
      PersistentSortedMap<String, PersistentSortedMap<String, Deployment>> deploymentsByJob,
      SchedulerConfiguration schedulerConfig, PersistentSortedMap<String, NodePool> nodePools,
      PersistentSortedMap<String, PeriodicLaunch> periodicLaunches) {
    this.index = index;
    this.tableIndexes = tableIndexes;
    this.jobs = jobs;
    this.jobVersions = jobVersions;
    this.jobsByNamespace = jobsByNamespace;
    this.nodes = nodes;
    this.nodesByPool = nodesByPool;
    this.allocs = allocs;
    this.allocsByNode = allocsByNode;
    this.allocsByJob = allocsByJob;
    this.allocsByEval = allocsByEval;
    this.nodeTotals = nodeTotals;
    this.evals = evals;
    this.evalsByJob = evalsByJob;
    this.deployments = deployments;
    this.deploymentsByJob = deploymentsByJob;
    this.schedulerConfig = schedulerConfig;
    this.nodePools = nodePools;
    this.periodicLaunches = periodicLaunches;
  }

  static String jobKey(String namespace, String jobId) {
    return namespace + "\u0000" + jobId;
  }

  private static <V> List<V> inner(PersistentSortedMap<String, PersistentSortedMap<String, V>> index, String key) {
    PersistentSortedMap<String, V> m = index.get(key);
    return m == null ? List.of() : m.values();
  }

  @Override
  public long latestIndex() {
    return index;
  }

  /** The Raft index of the last write to {@code table} (0 if never written). */
  public long tableIndex(String table) {
    Long i = tableIndexes.get(table);
    return i == null ? 0 : i;
  }

  @Override
  public List<Node> nodes() {
    return nodes.values();
  }

  @Override
  public List<Node> nodesByPool(String pool) {
    if (pool == null || pool.isEmpty() || pool.equals("all")) {
      return nodes();
    }
    return inner(nodesByPool, pool);
  }

  @Override
  public Optional<Node> nodeById(String id) {
    return nodes.find(id);
  }

  @Override
  public List<Allocation> allocsByJob(String namespace, String jobId) {
    return inner(allocsByJob, jobKey(namespace, jobId));
  }

  @Override
  public List<Allocation> allocsByNode(String nodeId) {
    return inner(allocsByNode, nodeId);
  }

  /** Kept up to date by every write, so this is O(log nodes). */
  @Override
  public NodeAllocTotals liveAllocTotals(String nodeId) {
    NodeAllocTotals t = nodeTotals.get(nodeId);
    return t == null ? NodeAllocTotals.EMPTY : t;
  }

  /**
   * The object holding a job's allocations in this state (null when it has none): two states holding
   * the same instance hold the same allocations of the job, so a watcher can skip a job that did not change.
   */
  public Object allocsByJobVersion(String namespace, String jobId) {
    return allocsByJob.get(jobKey(namespace, jobId));
  }

  /**
   * The object holding the nodes in this state: two states holding the same instance hold the same
   * nodes, so a watcher of node fields (drains) can skip a state whose nodes did not change.
   */
  public Object nodesVersion() {
    return nodes;
  }

  /** As {@link #allocsByJobVersion}, for a job's evaluations. */
  public Object evalsByJobVersion(String namespace, String jobId) {
    return evalsByJob.get(jobKey(namespace, jobId));
  }

  /** Allocations created by one evaluation, ordered by ID. */
  public List<Allocation> allocsByEval(String evalId) {
    return inner(allocsByEval, evalId);
  }

  @Override
  public Optional<Allocation> allocById(String id) {
    return allocs.find(id);
  }

  /**
   * The job version an allocation shares with the jobs table (its job is the very instance stored for
   * that version), or -1 when it holds a job of its own or none.
   */
  public long sharedJobVersion(Allocation a) {
    Job job = a.job();
    if (job == null || job.version() == null) {
      return -1;
    }
    Optional<Job> stored = jobByIdAndVersion(a.namespace(), a.jobID(), job.version());
    return stored.isPresent() && stored.get() == job ? job.version() : -1;
  }

  /** Every allocation, ordered by ID. */
  public List<Allocation> allocs() {
    return allocs.values();
  }

  public int allocCount() {
    return allocs.size();
  }

  @Override
  public Optional<Job> jobById(String namespace, String jobId) {
    return jobs.find(jobKey(namespace, jobId));
  }

  @Override
  public Optional<Job> jobByIdAndVersion(String namespace, String jobId, long version) {
    PersistentSortedMap<Long, Job> versions = jobVersions.get(jobKey(namespace, jobId));
    return versions == null ? Optional.empty() : versions.find(version);
  }

  /** Stored versions of a job, oldest first. */
  public List<Job> jobVersions(String namespace, String jobId) {
    PersistentSortedMap<Long, Job> versions = jobVersions.get(jobKey(namespace, jobId));
    return versions == null ? List.of() : versions.values();
  }

  /** Jobs of one namespace, ordered by ID. */
  public List<Job> jobsByNamespace(String namespace) {
    return inner(jobsByNamespace, namespace);
  }

  /** Every job (latest version), ordered by namespace then ID. */
  public List<Job> jobs() {
    return jobs.values();
  }

  public Optional<Evaluation> evalById(String id) {
    return evals.find(id);
  }

  /** Every evaluation, ordered by ID. */
  public List<Evaluation> evals() {
    return evals.values();
  }

  /** Evaluations of a job, ordered by ID. */
  public List<Evaluation> evalsByJob(String namespace, String jobId) {
    return inner(evalsByJob, jobKey(namespace, jobId));
  }

  public Optional<Deployment> deploymentById(String id) {
    return deployments.find(id);
  }

  @Override
  public List<Deployment> deploymentsByJob(String namespace, String jobId) {
    return inner(deploymentsByJob, jobKey(namespace, jobId)).stream()
        .sorted(java.util.Comparator.comparingLong(Deployment::createIndex).thenComparing(Deployment::id))
        .toList();
  }

  @Override
  public Optional<SchedulerConfiguration> schedulerConfig() {
    return Optional.ofNullable(schedulerConfig);
  }

  /** Every deployment, ordered by ID. */
  public List<Deployment> deployments() {
    return deployments.values();
  }

  /** Tables with their last write index, ordered by name. */
  public java.util.Map<String, Long> tableIndexes() {
    java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
    tableIndexes.forEach(out::put);
    return out;
  }

  /** Every periodic launch, ordered by namespace then job. */
  public List<PeriodicLaunch> periodicLaunches() {
    return periodicLaunches.values();
  }

  /** Every stored job version, ordered by namespace, job, version. */
  public List<Job> allJobVersions() {
    List<Job> out = new java.util.ArrayList<>();
    jobVersions.forEach((k, versions) -> out.addAll(versions.values()));
    return out;
  }

  /** Node pools ordered by name. */
  public List<NodePool> nodePools() {
    return nodePools.values();
  }

  public Optional<PeriodicLaunch> periodicLaunch(String namespace, String jobId) {
    return periodicLaunches.find(jobKey(namespace, jobId));
  }
}
