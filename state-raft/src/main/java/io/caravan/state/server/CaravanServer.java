package io.caravan.state.server;

import io.caravan.model.canonical.Canonicalizer;
import io.caravan.model.cluster.AllocDeploymentStatus;
import io.caravan.model.cluster.AllocStatus;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Deployment;
import io.caravan.model.cluster.DrainStrategy;
import io.caravan.model.cluster.EvalStatus;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.NodeStatus;
import io.caravan.model.job.Job;
import io.caravan.model.validation.JobValidator;
import io.caravan.model.validation.ValidationReport;
import io.caravan.runtime.transport.Transport;
import io.caravan.scheduler.schedulers.EvalTriggers;
import io.caravan.state.config.ServerConfig;
import io.caravan.state.fsm.Command;
import io.caravan.state.fsm.StateFsm;
import io.caravan.state.raft.FsmCommandException;
import io.caravan.state.raft.Peer;
import io.caravan.state.raft.RaftNode;
import io.caravan.state.raft.ReplicatedLog;
import io.caravan.state.raft.ReplicationException;
import io.caravan.state.server.internal.CommandSink;
import io.caravan.state.server.internal.UnixNanos;
import io.caravan.state.server.internal.deployment.DeploymentDecider;
import io.caravan.state.server.internal.deployment.DeploymentWatcher;
import io.caravan.state.server.internal.drain.NodeDrainer;
import io.caravan.state.server.internal.Evals;
import io.caravan.state.server.internal.HeartbeatTimers;
import io.caravan.state.server.internal.LeaderServices;
import io.caravan.state.server.internal.LocalCommandSink;
import io.caravan.state.server.internal.PeriodicDispatcher;
import io.caravan.state.server.internal.PeriodicLaunches;
import io.caravan.state.server.internal.RaftCommandSink;
import io.caravan.state.server.internal.SchedulingPipeline;
import io.caravan.state.server.internal.ServerTransport;
import io.caravan.state.store.StateSnapshot;
import io.caravan.state.store.StateStore;
import io.caravan.state.store.UnknownObjectException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Caravan server: holds the cluster state, applies every change through the FSM (replicated by Raft
 * when it is one of several peers), answers reads and blocking reads, and while it is the leader runs
 * the node heartbeat timers and the scheduling pipeline. Build one with {@link #builder}.
 */
public final class CaravanServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CaravanServer.class);
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

  private final String name;
  private final ServerConfig config;
  private final Clock clock;
  private final StateStore store;
  private final StateFsm fsm;
  private final CommandSink sink;
  private final @Nullable RaftNode raft;
  private final Timers timers;
  private final boolean ownsTimers;
  private final Supplier<String> ids;
  private final LeaderServices leader;
  private final SchedulingPipeline pipeline;
  private final PeriodicDispatcher periodic;
  private final SchedulerProvider schedulers;
  private final @Nullable Thread leadershipMonitor;
  private volatile boolean closed;
  /** The Raft term this server leads in (0 when not replicated); leader-only writes carry it. */
  private volatile long leaderTerm;
  private boolean released;

  private CaravanServer(Builder b) {
    this.config = b.config;
    this.clock = b.clock;
    // blocking reads wait in real time, whatever clock stamps the objects
    this.store = new StateStore(Clock.systemUTC());
    this.fsm = new StateFsm(store);
    this.timers = b.timers != null ? b.timers : Timers.system("caravan-timers-" + b.name, 2);
    this.ownsTimers = b.timers == null;
    RandomGenerator random = b.random;
    this.ids = b.ids != null ? b.ids : () -> UUID.randomUUID().toString();
    this.name = b.name;
    this.schedulers = b.schedulers;
    HeartbeatTimers heartbeats = new HeartbeatTimers(timers, config.heartbeat(), random, this::heartbeatExpired);
    this.pipeline = new SchedulingPipeline(name, config, store, this::leaderWrite, timers, ids, clock,
        new SplittableRandom(random.nextLong()), b.schedulers);
    this.periodic = new PeriodicDispatcher(name, timers, clock, ids, this::leaderWrite, store::snapshot);
    this.leader = new LeaderServices(name, heartbeats, pipeline, periodic,
        new DeploymentWatcher(name, store, this::leaderWrite, timers, clock, ids),
        new NodeDrainer(name, store, this::leaderWrite, timers, clock, ids));
    fsm.setAppliedListener(leader::applied);
    if (b.self == null) {
      this.raft = null;
      this.sink = new LocalCommandSink(fsm);
      this.leadershipMonitor = null;
      leader.establish(store::snapshot);
    } else {
      this.raft = RaftNode.start(b.self, b.peers, b.dataDir, config, fsm);
      this.sink = new RaftCommandSink(ReplicatedLog.connect(b.peers.isEmpty() ? List.of(b.self) : b.peers, config));
      this.leadershipMonitor = new Thread(this::watchLeadership, "caravan-leadership-" + name);
      leadershipMonitor.setDaemon(true);
      leadershipMonitor.start();
    }
  }

  /** A builder for a server with {@code config}; a single in-memory server unless {@link Builder#raft} is called. */
  public static Builder builder(ServerConfig config) {
    return new Builder(config);
  }

  /** Options of a server. */
  public static final class Builder {
    private final ServerConfig config;
    private Clock clock = Clock.systemUTC();
    private @Nullable Timers timers;
    private RandomGenerator random = new SplittableRandom();
    private @Nullable Supplier<String> ids;
    private String name = "server";
    private @Nullable Peer self;
    private List<Peer> peers = List.of();
    private @Nullable Path dataDir;
    private SchedulerProvider schedulers = SchedulerProvider.BUILT_IN;

    private Builder(ServerConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /** Time source for timestamps and blocking-read deadlines. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Timer service (heartbeats, nack timeouts); by default real-time threads owned by the server. */
    public Builder timers(Timers timers) {
      this.timers = Objects.requireNonNull(timers, "timers");
      return this;
    }

    /** Random source for heartbeat stagger and scheduler seeds. */
    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** Source of evaluation IDs (random UUIDs by default). */
    public Builder ids(Supplier<String> ids) {
      this.ids = Objects.requireNonNull(ids, "ids");
      return this;
    }

    /** The schedulers the leader's workers run (scheduler-core's built-in ones by default). */
    public Builder schedulers(SchedulerProvider schedulers) {
      this.schedulers = Objects.requireNonNull(schedulers, "schedulers");
      return this;
    }

    /** The server's name in logs and errors. */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Makes the server a Raft peer: {@code self} among {@code peers} (all initial members, including
     * self), with its log and snapshots in {@code dataDir} (recovered when it already holds them).
     */
    public Builder raft(Peer self, List<Peer> peers, Path dataDir) {
      this.self = Objects.requireNonNull(self, "self");
      this.peers = List.copyOf(peers);
      this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
      this.name = self.id();
      return this;
    }

    /** Starts the server. */
    public CaravanServer start() {
      return new CaravanServer(this);
    }
  }

  // ------------------------------------------------------------------ leadership

  private void watchLeadership() {
    RaftNode node = Objects.requireNonNull(raft);
    while (!closed) {
      try {
        boolean leading = leader.active();
        long term = node.currentTerm();
        if (!leading && node.isLeaderReady() && node.lastAppliedIndex() >= node.commitIndex()
            && node.currentTerm() == term) {
          // leader in `term` (read before and after the check): every leader-only write is fenced with it
          leaderTerm = term;
          leader.establish(store::snapshot);
        } else if (leading && (!node.isLeader() || term != leaderTerm)) {
          leader.revoke();
        }
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        if (!closed) {
          LOG.warn("server {}: leadership check failed: {}", name, e.toString());
        }
      }
    }
  }

  /** True while this server is the leader and runs the leader-only services. */
  public boolean isLeader() {
    return !closed && leader.active();
  }

  /** This server's name (its Raft peer ID when replicated). */
  public String name() {
    return name;
  }

  /** The Raft server under this one, if replicated. */
  public Optional<RaftNode> raftNode() {
    return Optional.ofNullable(raft);
  }

  private void requireLeader() {
    if (!isLeader()) {
      throw new NotLeaderException(name, raft == null || closed ? null : raft.leaderId());
    }
  }

  // ------------------------------------------------------------------ writes

  /** Submits a command (through Raft when replicated), waits until this server applied it, returns its index. */
  long write(Command command) {
    if (closed) {
      throw new NotLeaderException(name, null);
    }
    long index = await(sink.submit(command), "write " + command.getClass().getSimpleName());
    awaitApplied(index);
    return index;
  }

  /**
   * A write by a leader-only service (worker, plan applier, periodic dispatcher, maintenance): refused once
   * this server is no longer leader, and fenced with the term it leads in, so one already submitted when
   * leadership changes is rejected by the FSM if it reaches the log in a later term (a deposed leader's
   * in-flight plans are never applied).
   */
  private long leaderWrite(Command command) {
    requireLeader();
    return write(new Command.LeaderTerm(leaderTerm, command));
  }

  private void awaitApplied(long index) {
    try {
      StateSnapshot s = awaitIndex(index - 1, WRITE_TIMEOUT);
      if (s.latestIndex() < index) {
        throw new ReplicationException("server " + name + " did not apply index " + index + " within " + WRITE_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReplicationException("interrupted waiting for index " + index, e);
    }
  }

  private static long await(CompletableFuture<Long> f, String what) {
    try {
      return f.get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReplicationException(what + ": interrupted", e);
    } catch (TimeoutException e) {
      throw new ReplicationException(what + ": no reply within " + WRITE_TIMEOUT, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      while (cause instanceof CompletionException && cause.getCause() != null) {
        cause = cause.getCause();
      }
      if (cause instanceof FsmCommandException fe) {
        throw new FsmCommandException(what + ": " + fe.getMessage());
      }
      if (cause instanceof ReplicationException re) {
        throw re;
      }
      throw new ReplicationException(what + " failed", cause);
    }
  }

  private long nowNanos() {
    return UnixNanos.of(clock.instant());
  }

  /** The clock this server stamps objects and schedules its timers (heartbeats, periodic launches, GC) with. */
  public Clock clock() {
    return clock;
  }

  /**
   * Registers a job (a new version if it exists) and, in the same write, its evaluation (none for
   * periodic or parameterized jobs). The job is given the server's defaults and validated first.
   *
   * @throws JobRejectedException when the job is invalid
   */
  public JobWriteResult registerJob(Job job) {
    Objects.requireNonNull(job, "job");
    Job canonical = Canonicalizer.withServerDefaults(Canonicalizer.canonicalize(job)).toBuilder()
        .submitTime(nowNanos()).build();
    ValidationReport report = JobValidator.validate(canonical);
    if (!report.isValid()) {
      throw new JobRejectedException(String.valueOf(job.id()), report.messages());
    }
    boolean needsEval = canonical.periodic() == null && canonical.parameterizedJob() == null;
    Evaluation eval = needsEval ? Evals.forJob(canonical, EvalStatus.TRIGGER_JOB_REGISTER, ids.get(), nowNanos()) : null;
    long index = write(new Command.RegisterJob(canonical, eval));
    return new JobWriteResult(index, eval == null ? null : eval.id());
  }

  /**
   * Stops a job ({@code purge = false}: it stays, marked stopped) or removes it ({@code purge = true}),
   * with a deregister evaluation that stops its allocations.
   *
   * @throws UnknownObjectException when the job does not exist
   */
  public JobWriteResult deregisterJob(String namespace, String jobId, boolean purge) {
    Job job = store.snapshot().jobById(namespace, jobId)
        .orElseThrow(() -> new UnknownObjectException("job", namespace + "/" + jobId));
    Evaluation eval = job.periodic() == null && job.parameterizedJob() == null
        ? Evals.forJob(job, EvalStatus.TRIGGER_JOB_DEREGISTER, ids.get(), nowNanos()) : null;
    long index = write(new Command.DeregisterJob(namespace, jobId, purge, eval));
    return new JobWriteResult(index, eval == null ? null : eval.id());
  }

  /**
   * Dry run of {@link #registerJob} (Nomad's Job.Plan): runs the job's scheduler on the current state
   * with the job as it would be registered, capturing its plan instead of committing it. Nothing is
   * written. The evaluation asks for annotations, so the plan says per group what would be placed,
   * updated, migrated or stopped.
   *
   * @throws JobRejectedException when the job is invalid
   */
  public PlanPreview planJob(Job job) {
    return planJob(job, false);
  }

  /**
   * {@link #planJob(Job)}, and with {@code diff} the annotated job diff too (Nomad's {@code "Diff": true}):
   * the registered job (if any) against the job as it would be registered, with unchanged fields of
   * changed blocks for context, each group's update counts and each changed task's
   * {@code forces create/destroy update} or {@code forces in-place update}.
   *
   * @throws JobRejectedException when the job is invalid
   */
  public PlanPreview planJob(Job job, boolean diff) {
    Objects.requireNonNull(job, "job");
    Job canonical = Canonicalizer.withServerDefaults(Canonicalizer.canonicalize(job));
    ValidationReport report = JobValidator.validate(canonical);
    if (!report.isValid()) {
      throw new JobRejectedException(String.valueOf(job.id()), report.messages());
    }
    StateSnapshot current = store.snapshot();
    long index = current.latestIndex() + 1;
    StateStore scratch = new StateStore(Clock.systemUTC());
    scratch.reset(current);
    Evaluation eval = Evals.forJob(canonical, EvalStatus.TRIGGER_JOB_REGISTER, ids.get(), nowNanos()).toBuilder()
        .annotatePlan(true).build();
    Job registered = current.jobById(canonical.namespace(), canonical.id()).orElse(null);
    // As Nomad's Job.Plan: an unchanged spec is planned as the registered job, so its allocations are ignored
    boolean changed = registered == null || specChanged(registered, canonical);
    scratch.write(index, tx -> {
      Job stored = changed ? tx.upsertJob(canonical) : registered;
      tx.upsertEvals(List.of(eval.toBuilder().jobModifyIndex(stored.jobModifyIndex()).build()));
      return null;
    });
    StateSnapshot proposed = scratch.snapshot();
    Evaluation stored = proposed.evalById(eval.id()).orElseThrow();
    DryRunPlanner planner = new DryRunPlanner(stored);
    io.caravan.scheduler.snapshot.SchedulerConfiguration schedulerConfig = proposed.schedulerConfig()
        .orElseGet(() -> new io.caravan.scheduler.snapshot.SchedulerConfiguration(config.schedulerAlgorithm(),
            io.caravan.scheduler.snapshot.SchedulerConfiguration.serverDefaults().preemptionConfig(), false));
    schedulers.create(stored.type(),
        new io.caravan.scheduler.schedulers.SchedulerContext(proposed, planner, schedulerConfig, clock)).process(stored);
    io.caravan.model.diff.JobDiff jobDiff = null;
    if (diff) {
      jobDiff = io.caravan.scheduler.annotate.PlanDiffAnnotator.annotate(
          io.caravan.model.diff.JobDiffer.diff(registered, canonical, true),
          planner.plan == null ? null : planner.plan.annotations(), registered, canonical);
    }
    return new PlanPreview(planner.plan, planner.eval, planner.created, jobDiff);
  }

  /** True when {@code proposed} differs from {@code registered} in more than the fields the server sets. */
  private static boolean specChanged(Job registered, Job proposed) {
    Job asProposed = registered.toBuilder().status(proposed.status()).statusDescription(proposed.statusDescription())
        .stable(proposed.stable()).version(proposed.version()).submitTime(proposed.submitTime())
        .createIndex(proposed.createIndex()).modifyIndex(proposed.modifyIndex())
        .jobModifyIndex(proposed.jobModifyIndex()).build();
    return !asProposed.equals(proposed);
  }

  /** Captures what a scheduler submits; every plan "commits" fully and nothing is written. */
  private static final class DryRunPlanner implements io.caravan.scheduler.snapshot.Planner {
    private io.caravan.model.cluster.Plan plan;
    private Evaluation eval;
    private final List<Evaluation> created = new ArrayList<>();

    DryRunPlanner(Evaluation eval) {
      this.eval = eval;
    }

    @Override
    public io.caravan.scheduler.snapshot.PlanSubmission submitPlan(io.caravan.model.cluster.Plan p) {
      this.plan = p;
      return io.caravan.scheduler.snapshot.PlanSubmission.committed(new io.caravan.model.cluster.PlanResult(
          p.nodeUpdate(), p.nodeAllocation(), p.nodePreemptions(), p.deployment(), p.deploymentUpdates(),
          List.of(), List.of(), 0, p.snapshotIndex()));
    }

    @Override
    public void updateEval(Evaluation e) {
      this.eval = e;
    }

    @Override
    public void createEval(Evaluation e) {
      created.add(e);
    }

    @Override
    public void reblockEval(Evaluation e) {
      this.eval = e;
    }
  }

  /**
   * Dispatches a parameterized job (Nomad's Job.Dispatch): registers a child job
   * {@code <parent>/dispatch-<unix seconds>-<8 hex>} carrying {@code payload} and {@code meta}, with
   * its evaluation. The payload must be given or absent as the parent's {@code payload} rule says
   * (required, optional, forbidden), every required meta key present and no key the parent does not
   * declare.
   *
   * @throws UnknownObjectException when the parent does not exist
   * @throws IllegalArgumentException when the parent is not parameterized, or the payload or meta break its rules
   */
  public JobWriteResult dispatchJob(String namespace, String parentId, byte @Nullable [] payload,
      java.util.Map<String, String> meta) {
    Job parent = store.snapshot().jobById(namespace, parentId)
        .orElseThrow(() -> new UnknownObjectException("job", namespace + "/" + parentId));
    io.caravan.model.job.ParameterizedJobConfig rules = parent.parameterizedJob();
    if (rules == null) {
      throw new IllegalArgumentException("job " + parentId + " is not parameterized, so it cannot be dispatched");
    }
    if (Boolean.TRUE.equals(parent.stop())) {
      throw new IllegalArgumentException("job " + parentId + " is stopped, so it cannot be dispatched");
    }
    boolean hasPayload = payload != null && payload.length > 0;
    String rule = rules.payload() == null || rules.payload().isEmpty() ? "optional" : rules.payload();
    if (rule.equals("required") && !hasPayload) {
      throw new IllegalArgumentException("job " + parentId + " requires a payload (parameterized.payload = required)");
    }
    if (rule.equals("forbidden") && hasPayload) {
      throw new IllegalArgumentException("job " + parentId + " forbids a payload (parameterized.payload = forbidden)");
    }
    java.util.List<String> required = rules.metaRequired() == null ? List.of() : rules.metaRequired();
    java.util.List<String> optional = rules.metaOptional() == null ? List.of() : rules.metaOptional();
    for (String key : required) {
      if (!meta.containsKey(key)) {
        throw new IllegalArgumentException("job " + parentId + " requires meta key \"" + key + "\"");
      }
    }
    for (String key : meta.keySet()) {
      if (!required.contains(key) && !optional.contains(key)) {
        throw new IllegalArgumentException("job " + parentId + " does not allow meta key \"" + key
            + "\" (allowed: " + required + " required, " + optional + " optional)");
      }
    }
    java.util.Map<String, String> childMeta = new java.util.TreeMap<>(parent.meta() == null ? java.util.Map.of() : parent.meta());
    childMeta.putAll(meta);
    String suffix = ids.get().replace("-", "");
    String childId = parentId + "/dispatch-" + clock.instant().getEpochSecond() + "-"
        + suffix.substring(0, Math.min(8, suffix.length()));
    Job child = parent.toBuilder().id(childId).name(childId).parentID(parentId).dispatched(true)
        .parameterizedJob(null).meta(childMeta).payload(hasPayload ? io.caravan.model.job.Blob.of(payload) : null)
        .version(null).createIndex(null).modifyIndex(null).jobModifyIndex(null).status(null)
        .submitTime(nowNanos()).build();
    Evaluation eval = Evals.forJob(child, EvalStatus.TRIGGER_JOB_REGISTER, ids.get(), nowNanos());
    long index = write(new Command.RegisterJob(child, eval));
    return new JobWriteResult(index, eval.id());
  }

  /**
   * Launches a periodic job now, whatever its schedule and {@code prohibit_overlap} (Nomad's
   * {@code Periodic.Force}): registers the child {@code <parent>/periodic-<unix seconds>} with its
   * {@code periodic-job} evaluation and records the launch. Works on any server (the write goes to the leader).
   *
   * @throws UnknownObjectException when the job does not exist
   * @throws IllegalArgumentException when the job is not periodic, or is stopped, disabled or parameterized
   */
  public JobWriteResult forcePeriodicLaunch(String namespace, String jobId) {
    Job job = store.snapshot().jobById(namespace, jobId)
        .orElseThrow(() -> new UnknownObjectException("job", namespace + "/" + jobId));
    if (!PeriodicLaunches.active(job)) {
      throw new IllegalArgumentException("job " + jobId + " is not an active periodic job ("
          + (job.periodic() == null ? "it has no periodic block" : Boolean.TRUE.equals(job.stop()) ? "it is stopped"
              : job.parameterizedJob() != null ? "it is parameterized" : "its periodic block is disabled")
          + "), so it cannot be force-launched");
    }
    PeriodicLaunches.Launch launch = PeriodicLaunches.launch(job, clock.instant().truncatedTo(
        java.time.temporal.ChronoUnit.SECONDS), ids.get(), nowNanos());
    long index = write(launch.command());
    return new JobWriteResult(index, launch.evalId());
  }

  /**
   * Sets the count of one task group (Nomad's Job.Scale): registers the job's next version with the
   * new count and a {@code job-scaling} evaluation.
   *
   * @throws UnknownObjectException when the job does not exist
   * @throws IllegalArgumentException when the group does not exist or the count is negative
   */
  public JobWriteResult scaleJob(String namespace, String jobId, String group, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count of group " + group + " must not be negative, got " + count);
    }
    Job job = store.snapshot().jobById(namespace, jobId)
        .orElseThrow(() -> new UnknownObjectException("job", namespace + "/" + jobId));
    if (job.taskGroupsOrEmpty().stream().noneMatch(g -> group.equals(g.name()))) {
      throw new IllegalArgumentException("job " + jobId + " has no task group \"" + group + "\"");
    }
    Job scaled = job.toBuilder().taskGroups(job.taskGroupsOrEmpty().stream()
        .map(g -> group.equals(g.name()) ? g.toBuilder().count(count).build() : g).toList())
        .submitTime(nowNanos()).build();
    Evaluation eval = Evals.forJob(scaled, EvalTriggers.SCALING, ids.get(), nowNanos());
    long index = write(new Command.RegisterJob(scaled, eval));
    return new JobWriteResult(index, eval.id());
  }

  /**
   * Registers (or re-registers) a client node and renews its heartbeat timer; returns the TTL within
   * which it must heartbeat. A node that is new and ready, or turns ready, gets node-update evaluations.
   * Leader only.
   *
   * @throws NotLeaderException on a follower
   */
  public Duration registerNode(Node node) {
    Objects.requireNonNull(node, "node");
    if (node.id() == null || node.id().isBlank()) {
      throw new IllegalArgumentException("node ID must not be blank");
    }
    requireLeader();
    StateSnapshot s = store.snapshot();
    Node existing = s.nodeById(node.id()).orElse(null);
    Node.Builder b = node.toBuilder().statusUpdatedAt(clock.instant().getEpochSecond());
    if (node.status() == null || node.status().isEmpty()) {
      b.status(NodeStatus.INITIALIZING);
    }
    if (node.schedulingEligibility() == null || node.schedulingEligibility().isEmpty()) {
      b.schedulingEligibility(NodeStatus.ELIGIBLE);
    }
    Node updated = b.build().withComputedClass();
    boolean turnsReady = NodeStatus.READY.equals(updated.status())
        && (existing == null || !NodeStatus.READY.equals(existing.status()));
    List<Command> commands = new ArrayList<>();
    commands.add(new Command.UpsertNode(updated));
    if (turnsReady) {
      commands.add(new Command.UpsertEvals(Evals.forNode(s, updated, ids, nowNanos())));
    }
    write(new Command.Batch(commands));
    return renew(updated.id(), updated.status());
  }

  private Duration renew(String nodeId, String status) {
    if (NodeStatus.DOWN.equals(status)) {
      leader.heartbeats().remove(nodeId);
      return config.heartbeat().minTtl();
    }
    return leader.heartbeats().reset(nodeId);
  }

  /**
   * A client's heartbeat: renews the node's timer and records its status if it changed (a change to
   * ready or down creates node-update evaluations). Leader only.
   *
   * @throws UnknownObjectException when the node is not registered (the client must register again)
   * @throws NotLeaderException on a follower
   */
  public Duration heartbeat(String nodeId, String status) {
    requireLeader();
    Node node = store.snapshot().nodeById(nodeId).orElseThrow(() -> new UnknownObjectException("node", nodeId));
    if (!Objects.equals(node.status(), status)) {
      updateNodeStatus(nodeId, status);
    }
    return renew(nodeId, status);
  }

  /** Sets a node's status; turning ready or down creates node-update evaluations for its jobs. */
  public long updateNodeStatus(String nodeId, String status) {
    StateSnapshot s = store.snapshot();
    Node node = s.nodeById(nodeId).orElseThrow(() -> new UnknownObjectException("node", nodeId));
    boolean transition = !Objects.equals(node.status(), status)
        && (NodeStatus.READY.equals(status) || NodeStatus.DOWN.equals(status));
    List<Evaluation> evals = transition ? Evals.forNode(s, node, ids, nowNanos()) : List.of();
    return write(new Command.UpdateNodeStatus(nodeId, status, evals));
  }

  /** Sets a node's scheduling eligibility ({@code eligible} or {@code ineligible}). */
  public long updateNodeEligibility(String nodeId, String eligibility) {
    if (!NodeStatus.ELIGIBLE.equals(eligibility) && !NodeStatus.INELIGIBLE.equals(eligibility)) {
      throw new IllegalArgumentException("eligibility must be \"eligible\" or \"ineligible\", got \"" + eligibility + "\"");
    }
    store.snapshot().nodeById(nodeId).orElseThrow(() -> new UnknownObjectException("node", nodeId));
    return write(new Command.UpdateNodeEligibility(nodeId, eligibility));
  }

  /**
   * Starts ({@code strategy} set) or cancels a node drain. The leader's node drainer then migrates
   * the node's allocations ({@code migrate.max_parallel} at a time, system jobs last, the rest at the
   * strategy's force deadline) and clears the strategy when nothing is left; the node stays
   * ineligible. Cancelling with {@code markEligible} makes it eligible again.
   */
  public long updateNodeDrain(String nodeId, @Nullable DrainStrategy strategy, boolean markEligible) {
    StateSnapshot s = store.snapshot();
    Node node = s.nodeById(nodeId).orElseThrow(() -> new UnknownObjectException("node", nodeId));
    List<Command> commands = new ArrayList<>();
    commands.add(new Command.UpdateNodeDrain(nodeId, strategy, markEligible));
    if (strategy != null) {
      commands.add(new Command.UpsertEvals(Evals.forNode(s, node, EvalTriggers.NODE_DRAIN, ids, nowNanos())));
    }
    return write(new Command.Batch(commands));
  }

  /**
   * Records what clients report about their allocations (client status, description, task states,
   * deployment health). A failed allocation of a running job gets an {@code alloc-failure} evaluation
   * so the scheduler can reschedule it. Updates of unknown allocations are dropped (they were collected).
   */
  public long updateAllocations(List<Allocation> updates) {
    StateSnapshot s = store.snapshot();
    List<Allocation> known = new ArrayList<>();
    List<Evaluation> evals = new ArrayList<>();
    java.util.Set<String> jobsWithEval = new java.util.HashSet<>();
    for (Allocation u : updates) {
      Optional<Allocation> existing = s.allocById(u.id());
      if (existing.isEmpty()) {
        continue;
      }
      Allocation a = existing.get();
      known.add(u);
      boolean newlyFailed = AllocStatus.CLIENT_FAILED.equals(u.clientStatus())
          && !AllocStatus.CLIENT_FAILED.equals(a.clientStatus())
          && AllocStatus.DESIRED_RUN.equals(a.desiredStatus());
      if (newlyFailed) {
        Optional<Job> job = s.jobById(a.namespace(), a.jobID());
        if (job.isPresent() && !Boolean.TRUE.equals(job.get().stop())
            && jobsWithEval.add(a.namespace() + "\u0000" + a.jobID())) {
          evals.add(Evals.forJob(job.get(), EvalTriggers.RETRY_FAILED_ALLOC, ids.get(), nowNanos()));
        }
      }
    }
    if (known.isEmpty()) {
      return s.latestIndex();
    }
    return write(new Command.ClientAllocUpdates(known, evals));
  }

  /** The patch {@link #updateAllocations} expects, built from what a client reports. */
  public Allocation clientUpdate(String allocId, String clientStatus, String description,
      java.util.Map<String, io.caravan.model.cluster.TaskState> taskStates, @Nullable Boolean healthy) {
    Allocation existing = store.snapshot().allocById(allocId).orElse(null);
    AllocDeploymentStatus ds = existing == null ? null : existing.deploymentStatus();
    if (healthy != null) {
      ds = new AllocDeploymentStatus(healthy, clock.instant().toString(), ds != null && ds.canary(), 0);
    }
    return Allocation.builder().id(allocId).clientStatus(clientStatus).clientDescription(description)
        .taskStates(taskStates).deploymentStatus(ds).modifyTime(nowNanos()).build();
  }

  /** Heartbeat timer expiry: marks the node down (with node-update evaluations), unless already down. */
  private void heartbeatExpired(String nodeId) {
    if (!isLeader()) {
      return;
    }
    Optional<Node> node = store.snapshot().nodeById(nodeId);
    if (node.isEmpty() || NodeStatus.DOWN.equals(node.get().status())) {
      return;
    }
    LOG.info("server {}: node {} missed its heartbeat; marking it down", name, nodeId);
    try {
      updateNodeStatus(nodeId, NodeStatus.DOWN);
    } catch (RuntimeException e) {
      LOG.warn("server {}: could not mark node {} down: {}", name, nodeId, e.toString());
    }
  }

  // ------------------------------------------------------------------ deployments

  /**
   * Promotes a deployment's canaries (Nomad's Deployment.Promote): the named task groups, or every
   * group with canaries when {@code groups} is empty; each must have all its canaries healthy. The
   * deployment-watcher evaluation it creates rolls the rest of the update out.
   *
   * @throws UnknownObjectException when the deployment does not exist
   * @throws IllegalArgumentException when it is not active, a group is unknown or has no canaries,
   *     or canaries are not healthy yet
   */
  public JobWriteResult promoteDeployment(String deploymentId, List<String> groups) {
    StateSnapshot s = store.snapshot();
    Deployment d = activeDeployment(s, deploymentId, "promote");
    java.util.Map<String, io.caravan.model.cluster.DeploymentState> tgs =
        d.taskGroups() == null ? java.util.Map.of() : d.taskGroups();
    for (String g : groups) {
      if (!tgs.containsKey(g)) {
        throw new IllegalArgumentException("deployment " + deploymentId + " has no task group \"" + g + "\"");
      }
    }
    boolean any = false;
    List<String> problems = new ArrayList<>();
    for (java.util.Map.Entry<String, io.caravan.model.cluster.DeploymentState> e : tgs.entrySet()) {
      io.caravan.model.cluster.DeploymentState g = e.getValue();
      if (g.desiredCanaries() == 0 || g.promoted() || (!groups.isEmpty() && !groups.contains(e.getKey()))) {
        continue;
      }
      any = true;
      List<String> canaries = g.placedCanaries() == null ? List.of() : g.placedCanaries();
      long healthy = canaries.stream().map(id -> s.allocById(id).orElse(null))
          .filter(a -> a != null && a.deploymentStatus() != null && Boolean.TRUE.equals(a.deploymentStatus().healthy()))
          .count();
      if (healthy < g.desiredCanaries()) {
        problems.add("task group \"" + e.getKey() + "\" has " + healthy + "/" + g.desiredCanaries() + " healthy canaries");
      }
    }
    if (!any) {
      throw new IllegalArgumentException("deployment " + deploymentId + " has no canaries to promote");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("cannot promote deployment " + deploymentId + ": " + String.join("; ", problems));
    }
    Job job = jobOf(s, d);
    Evaluation eval = DeploymentDecider.eval(d, job, clock.instant(), ids);
    long index = write(new Command.Batch(List.of(new Command.PromoteDeployment(deploymentId, List.copyOf(groups)),
        new Command.UpsertEvals(List.of(eval)))));
    return new JobWriteResult(index, eval.id());
  }

  /**
   * Fails a running or paused deployment (Nomad's Deployment.Fail), reverting the job to its latest
   * stable version when a group has {@code auto_revert}.
   *
   * @throws UnknownObjectException when the deployment does not exist
   * @throws IllegalArgumentException when it is no longer active
   */
  public JobWriteResult failDeployment(String deploymentId) {
    StateSnapshot s = store.snapshot();
    Deployment d = activeDeployment(s, deploymentId, "fail");
    boolean revert = d.taskGroups() != null
        && d.taskGroups().values().stream().anyMatch(io.caravan.model.cluster.DeploymentState::autoRevert);
    Command.Batch fail = (Command.Batch) DeploymentDecider.fail(s, d, jobOf(s, d), DeploymentDecider.FAILED_BY_USER,
        revert, clock.instant(), ids);
    long index = write(fail);
    Command last = fail.commands().get(fail.commands().size() - 1);
    String evalId = last instanceof Command.RegisterJob r ? r.eval().id() : ((Command.UpsertEvals) last).evals().get(0).id();
    return new JobWriteResult(index, evalId);
  }

  /**
   * Pauses a running deployment (no more placements until resumed) or resumes a paused one with an
   * evaluation (Nomad's Deployment.Pause).
   *
   * @throws UnknownObjectException when the deployment does not exist
   * @throws IllegalArgumentException when it is no longer active
   */
  public JobWriteResult pauseDeployment(String deploymentId, boolean pause) {
    StateSnapshot s = store.snapshot();
    Deployment d = activeDeployment(s, deploymentId, pause ? "pause" : "resume");
    if (!pause) {
      Evaluation eval = DeploymentDecider.eval(d, jobOf(s, d), clock.instant(), ids);
      long index = write(new Command.Batch(List.of(new Command.DeploymentStatus(deploymentId,
          io.caravan.model.cluster.DeploymentStatuses.RUNNING, DeploymentDecider.RUNNING, nowNanos()),
          new Command.UpsertEvals(List.of(eval)))));
      return new JobWriteResult(index, eval.id());
    }
    long index = write(new Command.DeploymentStatus(deploymentId, io.caravan.model.cluster.DeploymentStatuses.PAUSED,
        DeploymentDecider.PAUSED, nowNanos()));
    return new JobWriteResult(index, null);
  }

  private static Deployment activeDeployment(StateSnapshot s, String id, String action) {
    Deployment d = s.deploymentById(id).orElseThrow(() -> new UnknownObjectException("deployment", id));
    if (!io.caravan.model.cluster.DeploymentStatuses.RUNNING.equals(d.status())
        && !io.caravan.model.cluster.DeploymentStatuses.PAUSED.equals(d.status())) {
      throw new IllegalArgumentException("cannot " + action + " deployment " + id + ": it is " + d.status());
    }
    return d;
  }

  private static Job jobOf(StateSnapshot s, Deployment d) {
    return s.jobById(d.namespace(), d.jobID()).orElseThrow(() -> new UnknownObjectException("job", d.namespace() + "/" + d.jobID()));
  }

  // ------------------------------------------------------------------ operator

  /** Sets the cluster-wide scheduler configuration (algorithm, preemption, memory oversubscription). */
  public long setSchedulerConfig(io.caravan.scheduler.snapshot.SchedulerConfiguration schedulerConfig) {
    Objects.requireNonNull(schedulerConfig, "schedulerConfig");
    String algorithm = schedulerConfig.schedulerAlgorithm();
    if (!algorithm.equals(io.caravan.scheduler.snapshot.SchedulerConfiguration.BINPACK)
        && !algorithm.equals(io.caravan.scheduler.snapshot.SchedulerConfiguration.SPREAD)) {
      throw new IllegalArgumentException("scheduler algorithm must be \"binpack\" or \"spread\", got \"" + algorithm + "\"");
    }
    return write(new Command.SetSchedulerConfig(schedulerConfig));
  }

  /** The voting Raft members as this server sees them (just this server when not replicated). */
  public List<String> raftPeers() {
    return raft == null ? List.of(name) : raft.members();
  }

  /**
   * Writes this server's full state in the FSM's snapshot format (what {@link #restoreSnapshot} takes);
   * returns the index it reflects.
   */
  public long saveSnapshot(java.io.OutputStream out) throws java.io.IOException {
    StateSnapshot s = store.snapshot();
    StateStore copy = new StateStore(Clock.systemUTC());
    copy.reset(s);
    new StateFsm(copy).snapshot(out);
    return s.latestIndex();
  }

  /**
   * Replaces the whole cluster state with a snapshot written by {@link #saveSnapshot} (Nomad's operator
   * snapshot restore): the snapshot is checked, then replicated as one command, so every server applies it
   * at the same index; the leader then restarts its broker, workers, timers and dispatcher from the
   * restored state, and on the leader this returns once they run again. Returns the index it was applied
   * at. The snapshot travels gzip-compressed in one Raft
   * entry, so its compressed size is limited to {@link #largestRestore()} bytes.
   *
   * @throws IllegalArgumentException when the bytes are not a Caravan snapshot, or too large
   */
  public long restoreSnapshot(java.io.InputStream in) throws java.io.IOException {
    byte[] raw = in.readAllBytes();
    try {
      new StateFsm(new StateStore(Clock.systemUTC())).restore(new java.io.ByteArrayInputStream(raw));
    } catch (java.io.IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a usable Caravan state snapshot: " + e.getMessage(), e);
    }
    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream(Math.max(64, raw.length / 4));
    try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
      out.write(raw);
    }
    byte[] compressed = gz.toByteArray();
    if (compressed.length > largestRestore()) {
      throw new IllegalArgumentException("the snapshot is " + compressed.length + " bytes compressed (" + raw.length
          + " raw); a restore travels in one Raft entry of at most " + largestRestore()
          + " bytes (raise caravan.raft.group_commit.max_bytes to allow larger ones)");
    }
    boolean wasLeader = isLeader();
    long index = write(new Command.RestoreState(compressed));
    LOG.info("server {}: restored a snapshot of {} bytes at index {}", name, raw.length, index);
    // the leader restarts its services from the restored state on another thread: return once they
    // run again, so a write right after this call is not refused while they restart
    try {
      if (wasLeader && !leader.awaitRestartAfter(index, Duration.ofSeconds(30))) {
        LOG.warn("server {}: leader services had not restarted 30 s after the restore at index {}", name, index);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while the leader restarted after the restore at index " + index);
    }
    return index;
  }

  /** The largest compressed snapshot {@link #restoreSnapshot} accepts (what fits one Raft entry). */
  public long largestRestore() {
    return io.caravan.state.raft.internal.RaftProps.largestEntry(config);
  }

  // ------------------------------------------------------------------ reads

  /** The current state on this server (possibly behind the leader on a follower). */
  public StateSnapshot snapshot() {
    return store.snapshot();
  }

  /**
   * Blocking read: waits until this server's state is past {@code index} or {@code timeout} passes,
   * then returns the state (compare its index to tell which).
   *
   * @throws NotLeaderException if the server is closed while waiting
   */
  public StateSnapshot awaitIndex(long index, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (closed) {
        throw new NotLeaderException(name, null);
      }
      long left = deadline - System.nanoTime();
      StateSnapshot s = store.awaitIndexAbove(index, Duration.ofNanos(Math.max(0, Math.min(left, 200_000_000L))));
      if (s.latestIndex() > index || left <= 0) {
        return s;
      }
    }
  }

  /** A linearizable read: the state once this server has applied everything the leader had committed. */
  public StateSnapshot linearizableSnapshot() throws InterruptedException {
    long index = await(sink.readIndex(), "read index");
    return index == 0 ? store.snapshot() : awaitIndex(index - 1, WRITE_TIMEOUT);
  }

  public Optional<Job> job(String namespace, String jobId) {
    return store.snapshot().jobById(namespace, jobId);
  }

  public List<Allocation> allocationsOfJob(String namespace, String jobId) {
    return store.snapshot().allocsByJob(namespace, jobId);
  }

  public List<Evaluation> evaluationsOfJob(String namespace, String jobId) {
    return store.snapshot().evalsByJob(namespace, jobId);
  }

  public List<Deployment> deploymentsOfJob(String namespace, String jobId) {
    return store.snapshot().deploymentsByJob(namespace, jobId);
  }

  public List<Node> nodes() {
    return store.snapshot().nodes();
  }

  /** A client {@link Transport} served by this server alone (a single-server cluster). */
  public Transport clientTransport() {
    return new ServerTransport(timeout -> this);
  }

  /** The scheduling pipeline's counters (evaluations processed, plans applied and rejected). */
  public SchedulingStats schedulingStats() {
    return pipeline.stats();
  }

  // ------------------------------------------------------------------ lifecycle

  /**
   * Stops the leader services at once, then the Raft server (about a second) and the timers. State
   * on disk stays, so a server built on the same directory recovers it.
   */
  @Override
  public void close() {
    stopLeaderServicesNow();
    synchronized (this) {
      if (released) {
        return;
      }
      released = true;
    }
    sink.close();
    if (raft != null) {
      raft.close();
    }
    if (ownsTimers) {
      timers.close();
    }
  }

  /** Stops answering and leading at once (what a crash looks like to callers); {@link #close} releases the rest. */
  void stopLeaderServicesNow() {
    closed = true;
    leader.revoke();
    if (leadershipMonitor != null) {
      leadershipMonitor.interrupt();
    }
  }

  @Override
  public String toString() {
    return "CaravanServer[" + name + (isLeader() ? ", leader" : "") + "]";
  }
}
