package io.caravan.scheduler.schedulers;

import java.util.Set;

/**
 * How a scheduler kind runs Nomad's shared evaluation loop ({@link EvalProcessor}):
 *
 * @param name the scheduler's name, used in messages
 * @param maxAttempts plan attempts before giving up (5 service/system, 2 batch/sysbatch); the
 *     count resets whenever a submitted plan made progress
 * @param triggers the {@code TriggeredBy} values it handles; others fail the evaluation
 * @param blockOnFailedPlacements at the end of an attempt, create one blocked evaluation when
 *     placements failed (service/batch); system schedulers instead block per node from their
 *     attempt body ({@link SchedulingAttempt#createBlockedEval})
 * @param blockOnMaxAttempts when attempts run out, create a {@code max-plan-attempts} blocked
 *     evaluation before failing (service/batch)
 * @param reblock when the processed evaluation was itself blocked and placements still failed,
 *     re-block it with fresh class eligibility instead of completing it (service/batch)
 */
public record SchedulerPolicy(String name, int maxAttempts, Set<String> triggers,
    boolean blockOnFailedPlacements, boolean blockOnMaxAttempts, boolean reblock) {

  private static final Set<String> GENERIC_TRIGGERS = Set.of(
      EvalTriggers.JOB_REGISTER, EvalTriggers.JOB_DEREGISTER, EvalTriggers.NODE_DRAIN,
      EvalTriggers.NODE_UPDATE, EvalTriggers.ALLOC_STOP, EvalTriggers.ROLLING_UPDATE,
      EvalTriggers.QUEUED_ALLOCS, EvalTriggers.PERIODIC_JOB, EvalTriggers.MAX_PLANS,
      EvalTriggers.DEPLOYMENT_WATCHER, EvalTriggers.RETRY_FAILED_ALLOC, EvalTriggers.FAILED_FOLLOW_UP,
      EvalTriggers.PREEMPTION, EvalTriggers.SCALING, EvalTriggers.MAX_DISCONNECT_TIMEOUT,
      EvalTriggers.RECONNECT, EvalTriggers.ALLOC_RESCHEDULE);

  private static final Set<String> SYSTEM_TRIGGERS = Set.of(
      EvalTriggers.JOB_REGISTER, EvalTriggers.NODE_UPDATE, EvalTriggers.FAILED_FOLLOW_UP,
      EvalTriggers.JOB_DEREGISTER, EvalTriggers.ROLLING_UPDATE, EvalTriggers.PREEMPTION,
      EvalTriggers.DEPLOYMENT_WATCHER, EvalTriggers.NODE_DRAIN, EvalTriggers.ALLOC_STOP,
      EvalTriggers.QUEUED_ALLOCS, EvalTriggers.SCALING, EvalTriggers.RECONNECT);

  /** Validates the attempt count and copies the triggers. */
  public SchedulerPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("scheduler " + name + ": maxAttempts must be at least 1, not " + maxAttempts);
    }
    triggers = Set.copyOf(triggers);
  }

  /** Nomad's service scheduler: 5 attempts. */
  public static SchedulerPolicy service() {
    return new SchedulerPolicy(SchedulerFactory.SERVICE, 5, GENERIC_TRIGGERS, true, true, true);
  }

  /** Nomad's batch scheduler: 2 attempts. */
  public static SchedulerPolicy batch() {
    return new SchedulerPolicy(SchedulerFactory.BATCH, 2, GENERIC_TRIGGERS, true, true, true);
  }

  /** Nomad's system scheduler: 5 attempts, per-node blocked evals, no max-plan blocked eval. */
  public static SchedulerPolicy system() {
    return new SchedulerPolicy(SchedulerFactory.SYSTEM, 5, SYSTEM_TRIGGERS, false, false, false);
  }

  /** Nomad's sysbatch scheduler: like system with 2 attempts, also handling {@code periodic-job}. */
  public static SchedulerPolicy sysbatch() {
    java.util.Set<String> t = new java.util.HashSet<>(SYSTEM_TRIGGERS);
    t.add(EvalTriggers.PERIODIC_JOB);
    return new SchedulerPolicy(SchedulerFactory.SYSBATCH, 2, t, false, false, false);
  }

  /** Whether the scheduler handles evaluations triggered by {@code triggeredBy}. */
  public boolean handles(String triggeredBy) {
    return triggers.contains(triggeredBy);
  }
}
