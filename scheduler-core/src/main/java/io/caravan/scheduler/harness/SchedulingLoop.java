package io.caravan.scheduler.harness;

import io.caravan.model.cluster.AllocStatus;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.EvalStatus;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.Plan;
import io.caravan.model.cluster.PlanResult;
import io.caravan.model.job.Job;
import io.caravan.scheduler.broker.BlockedEvals;
import io.caravan.scheduler.broker.DequeuedEval;
import io.caravan.scheduler.broker.EvalBroker;
import io.caravan.scheduler.broker.EvalBrokerConfig;
import io.caravan.scheduler.placement.SeededRandom;
import io.caravan.scheduler.schedulers.Scheduler;
import io.caravan.scheduler.schedulers.SchedulerContext;
import io.caravan.scheduler.schedulers.SchedulerException;
import io.caravan.scheduler.schedulers.SchedulerFactory;
import io.caravan.scheduler.snapshot.ClusterSnapshot;
import io.caravan.scheduler.snapshot.InMemoryCluster;
import io.caravan.scheduler.snapshot.PlanSubmission;
import io.caravan.scheduler.snapshot.Planner;
import io.caravan.scheduler.snapshot.SchedulerConfiguration;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

/**
 * Runs the whole server-side scheduling path in memory, on one thread and deterministically:
 * cluster changes (job registration, node updates, client status updates) create evaluations the
 * way Nomad's endpoints and FSM do; the {@link EvalBroker} orders them; a scheduler made by type
 * processes each on a snapshot; its plans go through {@link InMemoryCluster#submitPlan} (the
 * {@link io.caravan.scheduler.plan.PlanApplier}); evaluations it creates go to the broker
 * (pending) or to {@link BlockedEvals} (blocked), and capacity changes unblock them.
 *
 * <p>{@code workers} evaluations are dequeued per round and all scheduled on the same snapshot,
 * one after another, so later ones plan on stale state exactly like Nomad's parallel workers and
 * the applier has to reject what no longer fits. Evaluation IDs and broker tokens come from the
 * seed; time only from the injected clock, which the loop moves forward to the next delayed
 * evaluation when it is a {@link ManualClock}. Same seed, same inputs: same run.
 *
 * <p>For researchers and server tests: {@link #registerJob}, {@link #stopJob}, {@link #upsertNode},
 * {@link #updateAllocClientStatus}, {@link #settleClients} change the cluster;
 * {@link #runUntilIdle(int)} schedules; {@link #onCommit} observes every plan commit. Not thread-safe.
 */
public final class SchedulingLoop {
  /** Every scheduler type the loop dequeues for. */
  public static final List<String> SCHEDULER_TYPES = List.of(
      SchedulerFactory.SERVICE, SchedulerFactory.BATCH, SchedulerFactory.SYSTEM, SchedulerFactory.SYSBATCH);

  /** Makes the scheduler for an evaluation's type (default: {@link SchedulerFactory}). */
  @FunctionalInterface
  public interface SchedulerMaker {
    /** A scheduler of {@code type} built with {@code context}. */
    Scheduler create(String type, SchedulerContext context);
  }

  private final InMemoryCluster cluster;
  private final Clock clock;
  private final SchedulerConfiguration config;
  private final SchedulerMaker schedulers;
  private final int workers;
  private final SplittableRandom ids;
  private final EvalBroker broker;
  private final BlockedEvals blocked;
  private final Map<String, Evaluation> evals = new LinkedHashMap<>();
  private final List<BiConsumer<Plan, PlanResult>> commitListeners = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();
  private int evalsProcessed;
  private int plansSubmitted;
  private int partialCommits;

  private SchedulingLoop(Builder b) {
    this.cluster = b.cluster;
    this.clock = b.clock;
    this.config = b.config;
    this.schedulers = b.schedulers;
    this.workers = b.workers;
    this.ids = new SplittableRandom(b.seed);
    this.broker = new EvalBroker(b.brokerConfig, clock, new SplittableRandom(b.seed ^ 0x9E3779B97F4A7C15L));
    this.broker.setEnabled(true);
    this.blocked = new BlockedEvals(broker);
    this.blocked.setEnabled(true);
  }

  /** A builder with an empty cluster, a manual clock at 2026-01-01T00:00:00Z, seed 1 and one worker. */
  public static Builder builder() {
    return new Builder();
  }

  /** Options of a {@link SchedulingLoop}. */
  public static final class Builder {
    private InMemoryCluster cluster = new InMemoryCluster();
    private Clock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private long seed = 1;
    private SchedulerConfiguration config = SchedulerConfiguration.serverDefaults();
    private SchedulerMaker schedulers = SchedulerFactory::create;
    private EvalBrokerConfig brokerConfig = EvalBrokerConfig.defaults();
    private int workers = 1;

    private Builder() {}

    /** The cluster to schedule on (it must apply plans through the plan applier). */
    public Builder cluster(InMemoryCluster cluster) {
      this.cluster = Objects.requireNonNull(cluster, "cluster");
      return this;
    }

    /** The only source of time; a {@link ManualClock} lets the loop skip to delayed evaluations. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Seed of evaluation IDs and broker tokens. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The cluster's scheduler configuration. */
    public Builder config(SchedulerConfiguration config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /** How schedulers are made per evaluation type. */
    public Builder schedulers(SchedulerMaker schedulers) {
      this.schedulers = Objects.requireNonNull(schedulers, "schedulers");
      return this;
    }

    /** The broker's limits. */
    public Builder brokerConfig(EvalBrokerConfig brokerConfig) {
      this.brokerConfig = Objects.requireNonNull(brokerConfig, "brokerConfig");
      return this;
    }

    /** Evaluations scheduled per round on one shared snapshot (simulated parallel workers), at least 1. */
    public Builder workers(int workers) {
      if (workers < 1) {
        throw new IllegalArgumentException("SchedulingLoop workers must be at least 1, got " + workers);
      }
      this.workers = workers;
      return this;
    }

    /** The loop. */
    public SchedulingLoop build() {
      return new SchedulingLoop(this);
    }
  }

  /** The cluster state. */
  public InMemoryCluster cluster() {
    return cluster;
  }

  /** The evaluation broker. */
  public EvalBroker broker() {
    return broker;
  }

  /** The blocked evaluations. */
  public BlockedEvals blockedEvals() {
    return blocked;
  }

  /** Every evaluation by ID, latest version, in creation order. */
  public Map<String, Evaluation> evaluations() {
    return Collections.unmodifiableMap(evals);
  }

  /** Calls {@code listener} after every plan the applier evaluated and the cluster committed. */
  public void onCommit(BiConsumer<Plan, PlanResult> listener) {
    commitListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  // ---- cluster changes (what Nomad's endpoints and FSM do) ----

  /**
   * Registers a new version of a job (version and modify indexes assigned as Nomad's state store
   * does) and enqueues a {@code job-register} evaluation for it.
   */
  public Evaluation registerJob(Job job) {
    return upsertJobVersion(job, EvalStatus.TRIGGER_JOB_REGISTER);
  }

  /** Stops a job (a new version with {@code Stop = true}) and enqueues a {@code job-deregister} evaluation. */
  public Evaluation stopJob(String namespace, String jobId) {
    Job current = cluster.jobById(namespace, jobId).orElseThrow(() ->
        new IllegalArgumentException("stopJob: no job \"" + jobId + "\" in namespace \"" + namespace + "\""));
    blocked.untrack(namespace, jobId);
    return upsertJobVersion(current.toBuilder().stop(true).build(), EvalStatus.TRIGGER_JOB_DEREGISTER);
  }

  private Evaluation upsertJobVersion(Job job, String trigger) {
    if (job.id() == null || job.id().isEmpty()) {
      throw new IllegalArgumentException("registerJob: the job has no ID");
    }
    String ns = job.namespace() == null || job.namespace().isEmpty() ? "default" : job.namespace();
    Optional<Job> prev = cluster.jobById(ns, job.id());
    long index = cluster.latestIndex() + 1;
    Job stored = job.toBuilder()
        .namespace(ns)
        .version(prev.map(p -> (p.version() == null ? 0L : p.version()) + 1).orElse(0L))
        .createIndex(prev.map(Job::createIndex).orElse(index))
        .modifyIndex(index)
        .jobModifyIndex(index)
        .build();
    cluster.upsertJob(stored);
    return upsertEval(newEval(stored, trigger).build());
  }

  /**
   * Adds or updates a node (its computed class recomputed, as the server does) and creates
   * {@code node-update} evaluations for every job with live allocations on it and every system and
   * sysbatch job; a node that is ready and eligible afterwards unblocks evaluations of its class.
   */
  public List<Evaluation> upsertNode(Node node) {
    Node stored = node.withComputedClass();
    cluster.upsertNode(stored);
    long index = cluster.latestIndex();
    Set<String> jobKeys = new LinkedHashSet<>();
    List<Evaluation> created = new ArrayList<>();
    for (Allocation a : cluster.allocsByNode(stored.id())) {
      if (!a.terminal() && jobKeys.add(a.namespace() + "\u0000" + a.jobID())) {
        cluster.jobById(a.namespace(), a.jobID()).ifPresent(job -> created.add(nodeEval(job, stored, index)));
      }
    }
    for (Job job : cluster.jobs()) {
      boolean systemish = SchedulerFactory.SYSTEM.equals(job.type()) || SchedulerFactory.SYSBATCH.equals(job.type());
      if (systemish && !Boolean.TRUE.equals(job.stop()) && jobKeys.add(job.namespace() + "\u0000" + job.id())) {
        created.add(nodeEval(job, stored, index));
      }
    }
    if (stored.ready()) {
      blocked.unblock(stored.computedClass(), index);
      blocked.unblockNode(stored.id(), index);
    }
    return created;
  }

  private Evaluation nodeEval(Job job, Node node, long index) {
    return upsertEval(newEval(job, EvalStatus.TRIGGER_NODE_UPDATE).nodeID(node.id()).nodeModifyIndex(index).build());
  }

  /**
   * A client reports an allocation's status. A client-terminal status frees capacity (unblocking
   * evaluations of the node's class); {@code failed} also creates an {@code alloc-failure}
   * evaluation for the job when the allocation may be rescheduled (its group's reschedule policy
   * allows another attempt and no follow-up evaluation exists), as Nomad's {@code Node.UpdateAlloc} does.
   */
  public Optional<Evaluation> updateAllocClientStatus(String allocId, String clientStatus) {
    Allocation a = cluster.allocById(allocId).orElseThrow(() ->
        new IllegalArgumentException("updateAllocClientStatus: no allocation " + allocId));
    Allocation updated = a.toBuilder().clientStatus(clientStatus).build();
    cluster.upsertAlloc(updated);
    long index = cluster.latestIndex();
    if (updated.clientTerminal()) {
      cluster.nodeById(a.nodeID()).ifPresent(n -> {
        blocked.unblock(n.computedClass().isEmpty() ? n.withComputedClass().computedClass() : n.computedClass(), index);
        blocked.unblockNode(n.id(), index);
      });
    }
    if (AllocStatus.CLIENT_FAILED.equals(clientStatus) && !a.clientTerminal() && a.followupEvalID().isEmpty()) {
      Optional<Job> job = cluster.jobById(a.namespace(), a.jobID());
      if (job.isPresent() && rescheduleEligible(a, job.get())) {
        return Optional.of(upsertEval(newEval(job.get(), "alloc-failure").build()));
      }
    }
    return Optional.empty();
  }

  /**
   * Nomad's {@code Allocation.RescheduleEligible}: the group has a reschedule policy that is
   * unlimited, or allows more attempts than the allocation's reschedule events inside the interval.
   */
  private boolean rescheduleEligible(Allocation a, Job job) {
    io.caravan.model.job.ReschedulePolicy policy = null;
    for (io.caravan.model.job.TaskGroup tg : job.taskGroupsOrEmpty()) {
      if (tg.name().equals(a.taskGroup())) {
        policy = tg.reschedulePolicy();
      }
    }
    if (policy == null) {
      return false;
    }
    int attempts = policy.attempts() == null ? 0 : policy.attempts();
    boolean unlimited = Boolean.TRUE.equals(policy.unlimited());
    if (unlimited) {
      return true;
    }
    if (attempts <= 0) {
      return false;
    }
    if (a.rescheduleTracker() == null || a.rescheduleTracker().events() == null) {
      return true;
    }
    Instant now = clock.instant();
    long windowStart = policy.interval() == null ? Long.MIN_VALUE
        : nanos(now.minus(policy.interval()));
    long attempted = a.rescheduleTracker().events().stream().filter(e -> e.rescheduleTime() > windowStart).count();
    return attempted < attempts;
  }

  private static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  /**
   * Plays well-behaved clients on every up node: pending allocations the servers want running
   * start ({@code running}); allocations the servers stopped or evicted finish ({@code complete}).
   *
   * @return how many allocations changed
   */
  public int settleClients() {
    int changed = 0;
    for (Node n : cluster.nodes()) {
      if (!io.caravan.model.cluster.NodeStatus.READY.equals(n.status())) {
        continue;
      }
      for (Allocation a : cluster.allocsByNode(n.id())) {
        if (a.clientTerminal()) {
          continue;
        }
        if (a.serverTerminal()) {
          updateAllocClientStatus(a.id(), AllocStatus.CLIENT_COMPLETE);
          changed++;
        } else if (AllocStatus.CLIENT_PENDING.equals(a.clientStatus())) {
          updateAllocClientStatus(a.id(), AllocStatus.CLIENT_RUNNING);
          changed++;
        }
      }
    }
    return changed;
  }

  // ---- scheduling ----

  /**
   * Schedules until nothing is left or {@code maxEvals} evaluations were processed. When nothing
   * is ready it marks evaluations that reached the delivery limit failed, moves a
   * {@link ManualClock} to the next delayed evaluation, and once per call releases evaluations
   * blocked by {@code max-plan-attempts} (Nomad does that every minute; once per call keeps a
   * plan that can never commit from spinning forever).
   */
  public LoopStats runUntilIdle(int maxEvals) {
    int start = evalsProcessed;
    int startPlans = plansSubmitted;
    int startPartial = partialCommits;
    int startErrors = errors.size();
    boolean idle = false;
    boolean unblockedFailed = false;
    while (evalsProcessed - start < maxEvals) {
      broker.tick();
      if (round()) {
        continue;
      }
      if (reapFailed()) {
        continue;
      }
      Optional<Instant> wake = broker.nextWakeup();
      if (wake.isPresent() && clock instanceof ManualClock manual) {
        if (wake.get().isAfter(manual.instant())) {
          manual.set(wake.get());
        }
        continue;
      }
      if (!unblockedFailed) {
        unblockedFailed = true;
        blocked.unblockFailed();
        if (broker.hasReady(SCHEDULER_TYPES)) {
          continue;
        }
      }
      idle = true;
      break;
    }
    return new LoopStats(evalsProcessed - start, plansSubmitted - startPlans, partialCommits - startPartial,
        idle, errors.subList(startErrors, errors.size()));
  }

  /** One round: up to {@code workers} evaluations scheduled on one snapshot. False when none was ready. */
  public boolean round() {
    List<DequeuedEval> batch = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      Optional<DequeuedEval> d = broker.tryDequeue(SCHEDULER_TYPES);
      if (d.isEmpty()) {
        break;
      }
      batch.add(d.get());
    }
    if (batch.isEmpty()) {
      return false;
    }
    ClusterSnapshot snapshot = cluster.snapshot();
    for (DequeuedEval d : batch) {
      process(d, snapshot);
    }
    return true;
  }

  private void process(DequeuedEval d, ClusterSnapshot snapshot) {
    evalsProcessed++;
    Worker worker = new Worker(d, snapshot.latestIndex());
    try {
      Scheduler s = schedulers.create(d.eval().type(), new SchedulerContext(snapshot, worker, config, clock));
      s.process(d.eval());
      broker.ack(d.eval().id(), d.token());
    } catch (SchedulerException e) {
      errors.add(e.getMessage());
      broker.nack(d.eval().id(), d.token());
    }
  }

  /** Marks evaluations that reached the delivery limit failed (Nomad's reapFailedEvaluations, without the follow-up). */
  private boolean reapFailed() {
    boolean any = false;
    for (Optional<DequeuedEval> d = broker.tryDequeue(List.of(EvalBroker.FAILED_QUEUE)); d.isPresent();
        d = broker.tryDequeue(List.of(EvalBroker.FAILED_QUEUE))) {
      Evaluation e = d.get().eval();
      evals.put(e.id(), e.toBuilder().status(EvalStatus.FAILED)
          .statusDescription("evaluation reached delivery limit (" + broker.stats().totalFailed() + ")").build());
      broker.ack(e.id(), d.get().token());
      any = true;
    }
    return any;
  }

  /** Stores an evaluation and routes it as Nomad's FSM does: pending to the broker, blocked to blocked evals. */
  private Evaluation upsertEval(Evaluation eval) {
    long index = cluster.latestIndex();
    Evaluation stored = eval.toBuilder()
        .createIndex(eval.createIndex() == 0 ? index : eval.createIndex())
        .modifyIndex(index)
        .build();
    evals.put(stored.id(), stored);
    switch (stored.status()) {
      case EvalStatus.PENDING -> broker.enqueue(stored);
      case EvalStatus.BLOCKED -> blocked.block(stored);
      case EvalStatus.COMPLETE -> {
        if (stored.failedTGAllocs() == null || stored.failedTGAllocs().isEmpty()) {
          blocked.untrack(stored.namespace(), stored.jobID());
        }
      }
      default -> { }
    }
    return stored;
  }

  private Evaluation.Builder newEval(Job job, String trigger) {
    long nanos = nanos(clock.instant());
    return Evaluation.builder()
        .id(SeededRandom.uuid(ids))
        .namespace(job.namespace() == null || job.namespace().isEmpty() ? "default" : job.namespace())
        .priority(job.priority() == null ? 50 : job.priority())
        .type(job.type() == null ? SchedulerFactory.SERVICE : job.type())
        .triggeredBy(trigger)
        .jobID(job.id())
        .jobModifyIndex(job.jobModifyIndex() == null ? 0 : job.jobModifyIndex())
        .status(EvalStatus.PENDING)
        .createTime(nanos)
        .modifyTime(nanos);
  }

  /** The planner one dequeued evaluation's scheduler talks to (Nomad's worker). */
  private final class Worker implements Planner {
    private final DequeuedEval dequeued;
    private long snapshotIndex;

    Worker(DequeuedEval dequeued, long snapshotIndex) {
      this.dequeued = dequeued;
      this.snapshotIndex = snapshotIndex;
    }

    @Override
    public PlanSubmission submitPlan(Plan plan) {
      broker.outstandingReset(dequeued.eval().id(), dequeued.token());
      Plan stamped = new Plan(plan.evalID(), dequeued.token(), plan.priority(), plan.allAtOnce(), plan.job(),
          plan.nodeUpdate(), plan.nodeAllocation(), plan.nodePreemptions(), plan.annotations(), plan.deployment(),
          plan.deploymentUpdates(), snapshotIndex);
      PlanSubmission submission = cluster.submitPlan(stamped);
      plansSubmitted++;
      if (submission.result().refreshIndex() != 0) {
        partialCommits++;
      }
      submission.refreshedSnapshot().ifPresent(s -> snapshotIndex = s.latestIndex());
      for (BiConsumer<Plan, PlanResult> l : commitListeners) {
        l.accept(stamped, submission.result());
      }
      return submission;
    }

    @Override
    public void updateEval(Evaluation eval) {
      upsertEval(eval.toBuilder().snapshotIndex(snapshotIndex).build());
    }

    @Override
    public void createEval(Evaluation eval) {
      upsertEval(eval.toBuilder().snapshotIndex(snapshotIndex).build());
    }

    @Override
    public void reblockEval(Evaluation eval) {
      Evaluation stored = eval.toBuilder().snapshotIndex(snapshotIndex).modifyIndex(cluster.latestIndex()).build();
      evals.put(stored.id(), stored);
      blocked.reblock(stored, dequeued.token());
    }
  }
}
