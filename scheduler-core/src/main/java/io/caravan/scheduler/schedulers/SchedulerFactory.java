package io.caravan.scheduler.schedulers;

import io.caravan.scheduler.reconcile.TasksUpdated;
import io.caravan.scheduler.snapshot.ClusterSnapshot;
import io.caravan.scheduler.snapshot.Planner;
import io.caravan.scheduler.snapshot.SchedulerConfiguration;
import java.time.Clock;

/**
 * Chooses the scheduler for an evaluation's {@code Type} (Nomad's {@code BuiltinSchedulers}):
 * {@code service}, {@code batch}, {@code system} or {@code sysbatch}.
 *
 * <p>Status: {@code service} and {@code batch} give a {@link GenericScheduler};
 * {@code system} and {@code sysbatch} give a {@link SystemScheduler} (in-place versus
 * destructive decided by {@link TasksUpdated#destructive}).
 */
public final class SchedulerFactory {
  /** Long-running services, reconciled by count (Nomad's service scheduler). */
  public static final String SERVICE = "service";
  /** Run-to-completion jobs (Nomad's batch scheduler). */
  public static final String BATCH = "batch";
  /** One allocation per eligible node (Nomad's system scheduler). */
  public static final String SYSTEM = "system";
  /** One run-to-completion allocation per eligible node (Nomad's sysbatch scheduler). */
  public static final String SYSBATCH = "sysbatch";

  private SchedulerFactory() {}

  /**
   * A new scheduler of {@code type} over {@code snapshot}, submitting to {@code planner}.
   *
   * @throws SchedulerException for an unknown or missing type
   */
  public static Scheduler create(String type, ClusterSnapshot snapshot, Planner planner,
      SchedulerConfiguration config, Clock clock) {
    return create(type, new SchedulerContext(snapshot, planner, config, clock));
  }

  /** Like {@link #create(String, ClusterSnapshot, Planner, SchedulerConfiguration, Clock)} with a prepared context. */
  public static Scheduler create(String type, SchedulerContext context) {
    if (type == null) {
      throw new SchedulerException("no scheduler type given (expected service, batch, system or sysbatch)");
    }
    switch (type) {
      case SERVICE -> {
        return new GenericScheduler(context, false);
      }
      case BATCH -> {
        return new GenericScheduler(context, true);
      }
      case SYSTEM -> {
        return new SystemScheduler(context, false, TasksUpdated::destructive);
      }
      case SYSBATCH -> {
        return new SystemScheduler(context, true, TasksUpdated::destructive);
      }
      default -> throw new SchedulerException("unknown scheduler type \"" + type
          + "\" (expected service, batch, system or sysbatch)");
    }
  }
}
