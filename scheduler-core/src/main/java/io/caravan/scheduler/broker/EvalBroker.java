package io.caravan.scheduler.broker;

import io.caravan.model.cluster.Evaluation;
import io.caravan.scheduler.broker.internal.EvalTimes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The leader's queue of evaluations waiting for a scheduler (Nomad's {@code EvalBroker}), as pure
 * logic without threads or timers.
 *
 * <ul>
 *   <li>One ready queue per scheduler type, ordered by priority (highest first), then create
 *       index, then arrival (FIFO within a priority).
 *   <li>At most one evaluation per job (namespace + job ID) is ready or unacknowledged; later ones
 *       wait as pending and, on ack, only the newest pending one is enqueued while the rest become
 *       cancelable ({@link #drainCancelable(int)}).
 *   <li>{@link #tryDequeue(Collection)} hands out an evaluation with a fresh token and starts its
 *       nack timeout; {@link #ack} and {@link #nack} need that token. A nack re-enqueues after
 *       {@code initialNackDelay}, then {@code (deliveries - 1) * subsequentNackDelay}; once the
 *       evaluation was delivered {@code deliveryLimit} times it goes to the {@value #FAILED_QUEUE}
 *       queue, which the leader dequeues like any scheduler type to mark it failed.
 *   <li>Evaluations with {@code WaitUntil} or {@code Wait} are held until that time.
 * </ul>
 *
 * <p>Time comes from the injected {@link Clock}; nothing happens between calls. The owner calls
 * {@link #tick()} at {@link #nextWakeup()} (or periodically) to release delayed evaluations and
 * nack timed-out ones, and uses {@link #setReadyListener(Runnable)} or {@link #hasReady(Collection)}
 * to wake blocked dequeuers. Tokens come from the injected random source, so a seeded source gives
 * a reproducible run. When several scheduler types are dequeued together, the head with the
 * highest priority wins, then the lower create index, then the earlier arrival (Nomad picks
 * randomly among equal priorities; this choice is deterministic).
 *
 * <p>Starts disabled, as Nomad's broker does until its server becomes leader: while disabled,
 * enqueues are dropped and dequeues fail. Disabling flushes everything. Thread-safe: every call
 * holds one lock; the ready listener runs after the lock is released, on the calling thread.
 */
public final class EvalBroker {
  /** The queue of evaluations that reached the delivery limit. */
  public static final String FAILED_QUEUE = "_failed";

  private static final Comparator<Queued> READY_ORDER = Comparator
      .comparingInt((Queued q) -> -q.eval().priority())
      .thenComparingLong(q -> q.eval().createIndex())
      .thenComparingLong(Queued::seq);
  private static final Comparator<Queued> PENDING_ORDER = Comparator
      .comparingInt((Queued q) -> -q.eval().priority())
      .thenComparingLong(q -> -q.eval().modifyIndex())
      .thenComparingLong(q -> -q.seq());
  private static final Comparator<Delayed> DELAY_ORDER = Comparator
      .comparing(Delayed::due).thenComparingLong(Delayed::seq);

  private record Queued(Evaluation eval, long seq) {}

  private record Delayed(Instant due, long seq, Evaluation eval, boolean waitUntil) {}

  private record JobKey(String namespace, String jobId) {
    static JobKey of(Evaluation e) {
      return new JobKey(e.namespace().isEmpty() ? "default" : e.namespace(), e.jobID());
    }
  }

  private static final class Unacked {
    final Evaluation eval;
    final String token;
    final String queue;
    @Nullable Instant deadline;

    Unacked(Evaluation eval, String token, String queue, @Nullable Instant deadline) {
      this.eval = eval;
      this.token = token;
      this.queue = queue;
      this.deadline = deadline;
    }
  }

  private final EvalBrokerConfig config;
  private final Clock clock;
  private final RandomGenerator random;
  private final Object lock = new Object();
  private volatile Runnable readyListener = () -> { };

  private boolean enabled;
  private long seq;
  private long readyPushes;
  /** Every evaluation the broker holds, by ID, with how often it was dequeued. */
  private final Map<String, Integer> deliveries = new HashMap<>();
  private final Map<String, TreeSet<Queued>> ready = new TreeMap<>();
  private final Map<String, Unacked> unacked = new LinkedHashMap<>();
  private final Map<JobKey, String> jobEvals = new HashMap<>();
  private final Map<JobKey, PriorityQueue<Queued>> pending = new HashMap<>();
  private final List<Evaluation> cancelable = new ArrayList<>();
  /** Evaluations re-blocked and unblocked while outstanding, by token: enqueued again on ack. */
  private final Map<String, Evaluation> requeue = new HashMap<>();
  private final TreeSet<Delayed> delayed = new TreeSet<>(DELAY_ORDER);

  /** A disabled broker with the given limits, clock and token source. */
  public EvalBroker(EvalBrokerConfig config, Clock clock, RandomGenerator random) {
    this.config = java.util.Objects.requireNonNull(config, "config");
    this.clock = java.util.Objects.requireNonNull(clock, "clock");
    this.random = java.util.Objects.requireNonNull(random, "random");
  }

  /** Sets a callback run (outside the lock) whenever an evaluation becomes ready. */
  public void setReadyListener(Runnable listener) {
    this.readyListener = java.util.Objects.requireNonNull(listener, "listener");
  }

  /** Enables the broker (leadership gained) or disables and flushes it (leadership lost). */
  public void setEnabled(boolean enabled) {
    synchronized (lock) {
      if (!enabled) {
        flush();
      }
      this.enabled = enabled;
    }
  }

  /** Whether the broker accepts work. */
  public boolean enabled() {
    synchronized (lock) {
      return enabled;
    }
  }

  /**
   * Adds a pending evaluation. Ignored while disabled or when an evaluation with the same ID is
   * already held. It becomes ready at once, after its {@code Wait}, or at its {@code WaitUntil}.
   *
   * @throws IllegalArgumentException when the evaluation has no ID or type, or a malformed WaitUntil
   */
  public void enqueue(Evaluation eval) {
    enqueueAll(Map.of(eval, ""));
  }

  /**
   * Adds evaluations, each with the token it was re-blocked under ({@code ""} for none). An
   * evaluation that is still outstanding under that token is held and enqueued again when it is
   * acked (Nomad's requeue of an evaluation the scheduler re-blocked).
   */
  public void enqueueAll(Map<Evaluation, String> evalsWithTokens) {
    for (Evaluation e : evalsWithTokens.keySet()) {
      validate(e);
    }
    boolean notify;
    synchronized (lock) {
      long before = readyPushes;
      evalsWithTokens.forEach((e, token) -> processEnqueue(e, token == null ? "" : token));
      notify = readyPushes != before;
    }
    notifyIf(notify);
  }

  /**
   * Takes the best ready evaluation of the given scheduler types without waiting, and starts its
   * nack timeout.
   *
   * @throws EvalBrokerException with {@code DISABLED} while the broker is disabled
   */
  public Optional<DequeuedEval> tryDequeue(Collection<String> schedulers) {
    synchronized (lock) {
      if (!enabled) {
        throw new EvalBrokerException(EvalBrokerException.Reason.DISABLED, "dequeue", "");
      }
      String bestQueue = null;
      Queued best = null;
      for (String s : schedulers) {
        TreeSet<Queued> q = ready.get(s);
        if (q == null || q.isEmpty()) {
          continue;
        }
        Queued head = q.first();
        if (best == null || READY_ORDER.compare(head, best) < 0) {
          best = head;
          bestQueue = s;
        }
      }
      if (best == null) {
        return Optional.empty();
      }
      ready.get(bestQueue).pollFirst();
      String token = newToken();
      Evaluation eval = best.eval();
      unacked.put(eval.id(), new Unacked(eval, token, bestQueue, clock.instant().plus(config.nackTimeout())));
      deliveries.merge(eval.id(), 1, Integer::sum);
      return Optional.of(new DequeuedEval(eval, token));
    }
  }

  /** True when a ready evaluation of one of the scheduler types is waiting (never while disabled). */
  public boolean hasReady(Collection<String> schedulers) {
    synchronized (lock) {
      if (!enabled) {
        return false;
      }
      for (String s : schedulers) {
        TreeSet<Queued> q = ready.get(s);
        if (q != null && !q.isEmpty()) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * Acknowledges an evaluation as processed: it leaves the broker, the job's newest pending
   * evaluation (if any) becomes ready and older pending ones become cancelable, and an evaluation
   * re-blocked under this token is enqueued again.
   *
   * @throws EvalBrokerException when the evaluation is not outstanding under this token
   */
  public void ack(String evalId, String token) {
    boolean notify;
    synchronized (lock) {
      long before = readyPushes;
      Evaluation requeued = requeue.remove(token);
      Unacked u = outstandingOrThrow("ack", evalId, token);
      unacked.remove(evalId);
      deliveries.remove(evalId);
      JobKey key = JobKey.of(u.eval);
      jobEvals.remove(key, evalId);
      PriorityQueue<Queued> waiting = pending.remove(key);
      if (waiting != null && !waiting.isEmpty()) {
        Queued next = waiting.poll();
        while (!waiting.isEmpty()) {
          cancelable.add(waiting.poll().eval());
        }
        enqueueLocked(next.eval(), next.eval().type());
      }
      if (requeued != null) {
        processEnqueue(requeued, "");
      }
      notify = readyPushes != before;
    }
    notifyIf(notify);
  }

  /**
   * Returns an evaluation the worker could not process: it is delivered again after the nack
   * delay, or goes to the {@value #FAILED_QUEUE} queue once delivered {@code deliveryLimit} times.
   *
   * @throws EvalBrokerException when the evaluation is not outstanding under this token
   */
  public void nack(String evalId, String token) {
    boolean notify;
    synchronized (lock) {
      long before = readyPushes;
      nackLocked(evalId, token);
      notify = readyPushes != before;
    }
    notifyIf(notify);
  }

  /** The token an evaluation is outstanding under, if it is outstanding. */
  public Optional<String> outstanding(String evalId) {
    synchronized (lock) {
      Unacked u = unacked.get(evalId);
      return u == null ? Optional.empty() : Optional.of(u.token);
    }
  }

  /**
   * Restarts an outstanding evaluation's nack timeout (a worker shows progress, e.g. on each plan).
   *
   * @throws EvalBrokerException when the evaluation is not outstanding under this token
   */
  public void outstandingReset(String evalId, String token) {
    synchronized (lock) {
      outstandingOrThrow("reset of nack timeout", evalId, token).deadline = clock.instant().plus(config.nackTimeout());
    }
  }

  /** Stops an outstanding evaluation's nack timeout (while its plan waits for the applier). */
  public void pauseNackTimeout(String evalId, String token) {
    synchronized (lock) {
      outstandingOrThrow("pause of nack timeout", evalId, token).deadline = null;
    }
  }

  /** Restarts a paused nack timeout with the full timeout. */
  public void resumeNackTimeout(String evalId, String token) {
    outstandingReset(evalId, token);
  }

  /**
   * Advances to the clock's current time: evaluations whose nack timeout passed are nacked, and
   * delayed evaluations whose time came are enqueued.
   */
  public void tick() {
    boolean notify;
    synchronized (lock) {
      long before = readyPushes;
      if (enabled) {
        Instant now = clock.instant();
        List<Unacked> expired = new ArrayList<>();
        for (Unacked u : unacked.values()) {
          if (u.deadline != null && !u.deadline.isAfter(now)) {
            expired.add(u);
          }
        }
        expired.sort(Comparator.comparing((Unacked u) -> u.deadline));
        for (Unacked u : expired) {
          nackLocked(u.eval.id(), u.token);
        }
        while (!delayed.isEmpty() && !delayed.first().due().isAfter(now)) {
          Evaluation e = delayed.pollFirst().eval();
          enqueueLocked(e, e.type());
        }
      }
      notify = readyPushes != before;
    }
    notifyIf(notify);
  }

  /** The earliest instant at which {@link #tick()} has something to do, if any. */
  public Optional<Instant> nextWakeup() {
    synchronized (lock) {
      Instant next = delayed.isEmpty() ? null : delayed.first().due();
      for (Unacked u : unacked.values()) {
        if (u.deadline != null && (next == null || u.deadline.isBefore(next))) {
          next = u.deadline;
        }
      }
      return Optional.ofNullable(next);
    }
  }

  /** Removes and returns up to {@code max} superseded evaluations, oldest first, to mark canceled. */
  public List<Evaluation> drainCancelable(int max) {
    synchronized (lock) {
      int n = Math.min(Math.max(max, 0), cancelable.size());
      List<Evaluation> out = new ArrayList<>(cancelable.subList(0, n));
      cancelable.subList(0, n).clear();
      return List.copyOf(out);
    }
  }

  /** Current counts. */
  public EvalBrokerStats stats() {
    synchronized (lock) {
      Map<String, int[]> per = new TreeMap<>();
      int totalReady = 0;
      int failed = 0;
      for (Map.Entry<String, TreeSet<Queued>> e : ready.entrySet()) {
        if (!e.getValue().isEmpty()) {
          per.computeIfAbsent(e.getKey(), k -> new int[2])[0] += e.getValue().size();
          totalReady += e.getValue().size();
          if (e.getKey().equals(FAILED_QUEUE)) {
            failed += e.getValue().size();
          }
        }
      }
      for (Unacked u : unacked.values()) {
        per.computeIfAbsent(u.queue, k -> new int[2])[1]++;
        if (u.queue.equals(FAILED_QUEUE)) {
          failed++;
        }
      }
      int totalPending = 0;
      for (PriorityQueue<Queued> q : pending.values()) {
        totalPending += q.size();
      }
      Map<String, EvalBrokerStats.SchedulerStats> byScheduler = new LinkedHashMap<>();
      per.forEach((k, v) -> byScheduler.put(k, new EvalBrokerStats.SchedulerStats(v[0], v[1])));
      Map<String, Instant> delayedEvals = new LinkedHashMap<>();
      for (Delayed d : delayed) {
        if (d.waitUntil()) {
          delayedEvals.put(d.eval().id(), d.due());
        }
      }
      return new EvalBrokerStats(totalReady, unacked.size(), totalPending, delayed.size(), failed,
          cancelable.size(), byScheduler, delayedEvals);
    }
  }

  // ---- internals (called with the lock held) ----

  private void processEnqueue(Evaluation eval, String token) {
    if (!enabled) {
      return;
    }
    if (deliveries.containsKey(eval.id())) {
      Unacked u = unacked.get(eval.id());
      if (!token.isEmpty() && u != null && u.token.equals(token)) {
        requeue.put(token, eval);
      }
      return;
    }
    deliveries.put(eval.id(), 0);
    Instant now = clock.instant();
    Duration wait = eval.waitDuration();
    if (wait.isNegative() || wait.isZero()) {
      Optional<Instant> until = EvalTimes.waitUntil(eval);
      if (until.isPresent() && until.get().isAfter(now)) {
        delayed.add(new Delayed(until.get(), seq++, eval, true));
        return;
      }
      enqueueLocked(eval, eval.type());
    } else {
      delayed.add(new Delayed(now.plus(wait), seq++, eval, false));
    }
  }

  private void enqueueLocked(Evaluation eval, String queue) {
    JobKey key = JobKey.of(eval);
    String holder = jobEvals.get(key);
    if (holder == null) {
      jobEvals.put(key, eval.id());
    } else if (!holder.equals(eval.id())) {
      pending.computeIfAbsent(key, k -> new PriorityQueue<>(PENDING_ORDER)).add(new Queued(eval, seq++));
      return;
    }
    ready.computeIfAbsent(queue, k -> new TreeSet<>(READY_ORDER)).add(new Queued(eval, seq++));
    readyPushes++;
  }

  private void nackLocked(String evalId, String token) {
    requeue.remove(token);
    Unacked u = outstandingOrThrow("nack", evalId, token);
    unacked.remove(evalId);
    int dequeues = deliveries.getOrDefault(evalId, 0);
    if (dequeues >= config.deliveryLimit()) {
      enqueueLocked(u.eval, FAILED_QUEUE);
      return;
    }
    Duration delay = nackDelay(dequeues);
    if (delay.isZero()) {
      enqueueLocked(u.eval, u.eval.type());
    } else {
      delayed.add(new Delayed(clock.instant().plus(delay), seq++, u.eval, false));
    }
  }

  /** Nomad's re-enqueue delay after the {@code dequeues}-th delivery was nacked. */
  private Duration nackDelay(int dequeues) {
    if (dequeues <= 0) {
      return Duration.ZERO;
    }
    if (dequeues == 1) {
      return config.initialNackDelay();
    }
    return config.subsequentNackDelay().multipliedBy(dequeues - 1L);
  }

  private Unacked outstandingOrThrow(String operation, String evalId, String token) {
    Unacked u = unacked.get(evalId);
    if (u == null) {
      throw new EvalBrokerException(EvalBrokerException.Reason.NOT_OUTSTANDING, operation, evalId);
    }
    if (!u.token.equals(token)) {
      throw new EvalBrokerException(EvalBrokerException.Reason.TOKEN_MISMATCH, operation, evalId);
    }
    return u;
  }

  private void flush() {
    deliveries.clear();
    ready.clear();
    unacked.clear();
    jobEvals.clear();
    pending.clear();
    cancelable.clear();
    requeue.clear();
    delayed.clear();
  }

  private String newToken() {
    long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }

  private void notifyIf(boolean notify) {
    if (notify) {
      readyListener.run();
    }
  }

  private static void validate(Evaluation e) {
    if (e.id().isEmpty()) {
      throw new IllegalArgumentException("evaluation for job \"" + e.jobID() + "\" has no ID");
    }
    if (e.type().isEmpty()) {
      throw new IllegalArgumentException("evaluation " + e.id() + " has no Type (scheduler)");
    }
    EvalTimes.waitUntil(e);
  }
}
