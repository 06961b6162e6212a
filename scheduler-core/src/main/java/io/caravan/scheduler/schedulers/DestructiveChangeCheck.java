package io.caravan.scheduler.schedulers;

import io.caravan.model.job.Job;

/**
 * Decides whether moving a task group's allocations from {@code oldJob} to {@code newJob} needs
 * them replaced (Nomad's {@code tasksUpdated}); when it does not, the scheduler tries an in-place
 * update. {@link io.caravan.scheduler.reconcile.TasksUpdated#destructive} is the production rule.
 */
@FunctionalInterface
public interface DestructiveChangeCheck {
  /** True when the group's allocations must be stopped and placed again to run {@code newJob}. */
  boolean destructive(Job oldJob, Job newJob, String taskGroup);
}
