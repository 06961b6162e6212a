package io.caravan.state.server;

import io.caravan.scheduler.schedulers.Scheduler;
import io.caravan.scheduler.schedulers.SchedulerContext;
import io.caravan.scheduler.schedulers.SchedulerFactory;

/**
 * Makes the scheduler a leader's worker runs for one evaluation, by the evaluation's type. The
 * default is scheduler-core's {@link SchedulerFactory}; hosts and tests may substitute their own.
 */
@FunctionalInterface
public interface SchedulerProvider {
  /** scheduler-core's built-in schedulers. */
  SchedulerProvider BUILT_IN = SchedulerFactory::create;

  /** A new scheduler of {@code type} (service, batch, system, sysbatch) over {@code context}. */
  Scheduler create(String type, SchedulerContext context);
}
