/**
 * Annotates a job diff with what the scheduler's plan would do (Nomad's {@code scheduler.Annotate}):
 * per task group the update counts, the count change ({@code forces create} / {@code forces
 * destroy}), and per task whether its change {@code forces create/destroy update} or only
 * {@code forces in-place update}, decided by the reconciler's own rule ({@link
 * io.caravan.scheduler.reconcile.TasksUpdated}).
 */
package io.caravan.scheduler.annotate;
