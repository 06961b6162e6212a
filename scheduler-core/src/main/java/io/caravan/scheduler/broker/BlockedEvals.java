package io.caravan.scheduler.broker;

import io.caravan.model.cluster.EvalStatus;
import io.caravan.model.cluster.Evaluation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Evaluations that could not place everything, parked until capacity that could help them appears
 * (Nomad's {@code BlockedEvals}), as pure logic: released evaluations go straight to the
 * {@link EvalBroker}.
 *
 * <ul>
 *   <li>At most one blocked evaluation per job: the one with the higher
 *       {@code max(CreateIndex, SnapshotIndex)} stays, the other becomes a duplicate to cancel
 *       ({@link #drainDuplicates()}).
 *   <li>A <em>captured</em> evaluation keeps the class eligibility the scheduler saw;
 *       {@link #unblock(String, long)} releases it unless it marked that computed class
 *       ineligible (classes it never saw release it). An <em>escaped</em> evaluation (constraints
 *       on unique attributes) is released by a change of any class.
 *   <li>System-job evaluations are also indexed by node and released by {@link #unblockNode}.
 *   <li>An evaluation blocked after an unblock it could not have seen (its snapshot index is older
 *       than the unblock) is sent back to the broker at once.
 * </ul>
 *
 * <p>Starts disabled like the broker; disabling flushes. Thread-safe (one lock; the broker is
 * called with it held, never the other way round).
 */
public final class BlockedEvals {
  private record JobKey(String namespace, String jobId) {
    static JobKey of(Evaluation e) {
      return of(e.namespace(), e.jobID());
    }

    static JobKey of(String namespace, String jobId) {
      return new JobKey(namespace == null || namespace.isEmpty() ? "default" : namespace, jobId);
    }
  }

  private record Wrapped(Evaluation eval, String token) {}

  private final EvalBroker broker;
  private final Object lock = new Object();
  private boolean enabled;
  private final Map<String, Wrapped> captured = new LinkedHashMap<>();
  private final Map<String, Wrapped> escaped = new LinkedHashMap<>();
  private final Map<JobKey, String> jobs = new HashMap<>();
  /** Node ID → evaluation ID → the system evaluation waiting for that node. */
  private final Map<String, Map<String, Wrapped>> systemByNode = new LinkedHashMap<>();
  /** Computed class → index of the last unblock for it. */
  private final Map<String, Long> classUnblockIndexes = new HashMap<>();
  /** Quota name → index of the last unblock for it. */
  private final Map<String, Long> quotaUnblockIndexes = new HashMap<>();
  private final List<Evaluation> duplicates = new ArrayList<>();

  /** Blocked evaluations that release into {@code broker}. */
  public BlockedEvals(EvalBroker broker) {
    this.broker = Objects.requireNonNull(broker, "broker");
  }

  /** Enables tracking, or disables and flushes everything. */
  public void setEnabled(boolean enabled) {
    synchronized (lock) {
      if (!enabled) {
        captured.clear();
        escaped.clear();
        jobs.clear();
        systemByNode.clear();
        classUnblockIndexes.clear();
        quotaUnblockIndexes.clear();
        duplicates.clear();
      }
      this.enabled = enabled;
    }
  }

  /** Whether blocked evaluations are tracked. */
  public boolean enabled() {
    synchronized (lock) {
      return enabled;
    }
  }

  /**
   * Tracks a blocked evaluation (one written with status {@code blocked}).
   *
   * @throws IllegalArgumentException when it has no ID or job ID
   */
  public void block(Evaluation eval) {
    processBlock(eval, "");
  }

  /**
   * Tracks an evaluation the scheduler re-blocked while it is still outstanding in the broker
   * under {@code token}; if it is released before the worker acks, the broker enqueues it again
   * after the ack.
   */
  public void reblock(Evaluation eval, String token) {
    processBlock(eval, token == null ? "" : token);
  }

  /**
   * Capacity of nodes of {@code computedClass} changed at Raft {@code index} (a node became ready
   * or eligible, or an allocation on it stopped): releases escaped evaluations and captured ones
   * that did not mark the class ineligible.
   */
  public void unblock(String computedClass, long index) {
    requireClass(computedClass);
    synchronized (lock) {
      if (!enabled) {
        return;
      }
      classUnblockIndexes.put(computedClass, index);
      release(computedClass, "");
    }
  }

  /** Quota {@code quota} gained room at {@code index}: releases evaluations blocked on it. */
  public void unblockQuota(String quota, long index) {
    synchronized (lock) {
      if (!enabled || quota.isEmpty()) {
        return;
      }
      quotaUnblockIndexes.put(quota, index);
      release("", quota);
    }
  }

  /** {@link #unblock} and {@link #unblockQuota} for one change (Nomad's {@code UnblockClassAndQuota}). */
  public void unblockClassAndQuota(String computedClass, String quota, long index) {
    requireClass(computedClass);
    synchronized (lock) {
      if (!enabled) {
        return;
      }
      classUnblockIndexes.put(computedClass, index);
      if (!quota.isEmpty()) {
        quotaUnblockIndexes.put(quota, index);
      }
      release(computedClass, quota);
    }
  }

  /** Node {@code nodeId} changed at {@code index}: releases system evaluations waiting for it. */
  public void unblockNode(String nodeId, long index) {
    synchronized (lock) {
      if (!enabled) {
        return;
      }
      Map<String, Wrapped> waiting = systemByNode.remove(nodeId);
      if (waiting == null || waiting.isEmpty()) {
        return;
      }
      Map<Evaluation, String> out = new LinkedHashMap<>();
      for (Wrapped w : waiting.values()) {
        captured.remove(w.eval().id());
        escaped.remove(w.eval().id());
        jobs.remove(JobKey.of(w.eval()), w.eval().id());
        out.put(w.eval(), w.token());
      }
      broker.enqueueAll(out);
    }
  }

  /**
   * Releases evaluations blocked because the scheduler ran out of plan attempts
   * ({@code TriggeredBy = max-plan-attempts}); the server calls it periodically (Nomad: every minute).
   */
  public void unblockFailed() {
    synchronized (lock) {
      if (!enabled) {
        return;
      }
      Map<Evaluation, String> out = new LinkedHashMap<>();
      for (Map<String, Wrapped> m : List.of(captured, escaped)) {
        for (Iterator<Wrapped> it = m.values().iterator(); it.hasNext(); ) {
          Wrapped w = it.next();
          if (EvalStatus.TRIGGER_MAX_PLANS.equals(w.eval().triggeredBy())) {
            it.remove();
            forget(w.eval());
            out.put(w.eval(), w.token());
          }
        }
      }
      if (!out.isEmpty()) {
        broker.enqueueAll(out);
      }
    }
  }

  /**
   * Stops tracking the job's blocked evaluation (the job was deregistered, or an evaluation for it
   * completed with everything placed).
   */
  public void untrack(String namespace, String jobId) {
    synchronized (lock) {
      if (!enabled) {
        return;
      }
      String id = jobs.remove(JobKey.of(namespace, jobId));
      if (id == null) {
        return;
      }
      Wrapped w = captured.remove(id);
      if (w == null) {
        w = escaped.remove(id);
      }
      if (w != null) {
        forgetSystem(w.eval());
      }
    }
  }

  /** The job's blocked evaluation, if one is tracked. */
  public Optional<Evaluation> blockedEval(String namespace, String jobId) {
    synchronized (lock) {
      String id = jobs.get(JobKey.of(namespace, jobId));
      if (id == null) {
        return Optional.empty();
      }
      Wrapped w = captured.containsKey(id) ? captured.get(id) : escaped.get(id);
      return w == null ? Optional.empty() : Optional.of(w.eval());
    }
  }

  /** Removes and returns the superseded blocked evaluations, oldest first, to mark canceled. */
  public List<Evaluation> drainDuplicates() {
    synchronized (lock) {
      List<Evaluation> out = List.copyOf(duplicates);
      duplicates.clear();
      return out;
    }
  }

  /**
   * Forgets unblock indexes at or below {@code index} (Nomad prunes them after a while); an
   * evaluation blocked later with an older snapshot then no longer sees those unblocks.
   */
  public void pruneUnblockIndexes(long index) {
    synchronized (lock) {
      classUnblockIndexes.values().removeIf(i -> i <= index);
      quotaUnblockIndexes.values().removeIf(i -> i <= index);
    }
  }

  /** Current counts. */
  public BlockedEvalsStats stats() {
    synchronized (lock) {
      int quota = 0;
      for (Map<String, Wrapped> m : List.of(captured, escaped)) {
        for (Wrapped w : m.values()) {
          if (!w.eval().quotaLimitReached().isEmpty()) {
            quota++;
          }
        }
      }
      int system = 0;
      for (Map<String, Wrapped> m : systemByNode.values()) {
        system += m.size();
      }
      return new BlockedEvalsStats(captured.size() + escaped.size(), escaped.size(), quota, system,
          duplicates.size());
    }
  }

  // ---- internals (lock held) ----

  private void processBlock(Evaluation eval, String token) {
    if (eval.id().isEmpty() || eval.jobID().isEmpty()) {
      throw new IllegalArgumentException(
          "blocked evaluation needs an ID and a job ID, got ID \"" + eval.id() + "\" job \"" + eval.jobID() + "\"");
    }
    synchronized (lock) {
      if (!enabled) {
        return;
      }
      if (supersededByTrackedDuplicate(eval)) {
        return;
      }
      if (missedUnblock(eval)) {
        broker.enqueueAll(Map.of(eval, token));
        return;
      }
      jobs.put(JobKey.of(eval), eval.id());
      Wrapped w = new Wrapped(eval, token);
      if (eval.escapedComputedClass()) {
        escaped.put(eval.id(), w);
        return;
      }
      if ("system".equals(eval.type()) && !eval.nodeID().isEmpty()) {
        systemByNode.computeIfAbsent(eval.nodeID(), k -> new LinkedHashMap<>()).put(eval.id(), w);
      }
      captured.put(eval.id(), w);
    }
  }

  /**
   * When the job already has a blocked evaluation, keeps the newer of the two and records the
   * other as a duplicate; returns true when the new one lost.
   */
  private boolean supersededByTrackedDuplicate(Evaluation eval) {
    JobKey key = JobKey.of(eval);
    String existingId = jobs.get(key);
    if (existingId == null) {
      return false;
    }
    Wrapped existing = captured.containsKey(existingId) ? captured.get(existingId) : escaped.get(existingId);
    if (existing == null) {
      jobs.remove(key);
      return false;
    }
    if (existingId.equals(eval.id())) {
      // The same evaluation blocked again (e.g. re-blocked): replace it in place.
      captured.remove(existingId);
      escaped.remove(existingId);
      forgetSystem(existing.eval());
      jobs.remove(key);
      return false;
    }
    if (latestIndex(existing.eval()) <= latestIndex(eval)) {
      captured.remove(existingId);
      escaped.remove(existingId);
      forgetSystem(existing.eval());
      jobs.remove(key);
      duplicates.add(existing.eval());
      return false;
    }
    duplicates.add(eval);
    return true;
  }

  private boolean missedUnblock(Evaluation eval) {
    long snapshot = eval.snapshotIndex();
    if (!eval.quotaLimitReached().isEmpty()) {
      Long q = quotaUnblockIndexes.get(eval.quotaLimitReached());
      return q != null && snapshot < q;
    }
    long max = 0;
    Map<String, Boolean> elig = eval.classEligibility() == null ? Map.of() : eval.classEligibility();
    for (Map.Entry<String, Long> e : classUnblockIndexes.entrySet()) {
      long index = e.getValue();
      max = Math.max(max, index);
      Boolean seen = elig.get(e.getKey());
      // A class the scheduler never saw, or one it found eligible, changed after its snapshot.
      if ((seen == null || seen) && snapshot < index) {
        return true;
      }
    }
    return eval.escapedComputedClass() && snapshot < max;
  }

  private void release(String computedClass, String quota) {
    Map<Evaluation, String> out = new LinkedHashMap<>();
    if (!computedClass.isEmpty()) {
      for (Wrapped w : escaped.values()) {
        forget(w.eval());
        out.put(w.eval(), w.token());
      }
      escaped.clear();
    }
    for (Iterator<Wrapped> it = captured.values().iterator(); it.hasNext(); ) {
      Wrapped w = it.next();
      Evaluation e = w.eval();
      if (!quota.isEmpty() && !quota.equals(e.quotaLimitReached())) {
        continue; // unblocking for a quota this evaluation is not waiting on
      }
      Map<String, Boolean> elig = e.classEligibility() == null ? Map.of() : e.classEligibility();
      if (Boolean.FALSE.equals(elig.get(computedClass))) {
        continue; // the scheduler saw this class and found it infeasible
      }
      it.remove();
      forget(e);
      out.put(e, w.token());
    }
    if (!out.isEmpty()) {
      broker.enqueueAll(out);
    }
  }

  private void forget(Evaluation e) {
    jobs.remove(JobKey.of(e), e.id());
    forgetSystem(e);
  }

  private void forgetSystem(Evaluation e) {
    if (e.nodeID().isEmpty()) {
      return;
    }
    Map<String, Wrapped> m = systemByNode.get(e.nodeID());
    if (m != null) {
      m.remove(e.id());
      if (m.isEmpty()) {
        systemByNode.remove(e.nodeID());
      }
    }
  }

  private static void requireClass(String computedClass) {
    if (computedClass == null || computedClass.isEmpty()) {
      throw new IllegalArgumentException("unblock needs the node's computed class, got \"" + computedClass + "\"");
    }
  }

  private static long latestIndex(Evaluation e) {
    return Math.max(e.createIndex(), e.snapshotIndex());
  }
}
