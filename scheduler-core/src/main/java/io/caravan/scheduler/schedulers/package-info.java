/**
 * The schedulers (service, batch, system, sysbatch) and the framework they share: the
 * {@link io.caravan.scheduler.schedulers.Scheduler} contract and its
 * {@link io.caravan.scheduler.schedulers.SchedulerFactory}, the
 * {@link io.caravan.scheduler.schedulers.PlanBuilder} that turns decisions into a {@code Plan},
 * and the {@link io.caravan.scheduler.schedulers.EvalProcessor} that runs Nomad's retry loop and
 * writes the evaluation's outcome (status, blocked and follow-up evaluations).
 */
package io.caravan.scheduler.schedulers;
