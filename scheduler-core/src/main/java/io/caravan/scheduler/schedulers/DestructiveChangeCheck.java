package io.caravan.scheduler.schedulers;

import io.caravan.model.job.Job;
import io.caravan.model.job.TaskGroup;
import java.util.Objects;

/**
 * Decides whether moving a task group's allocations from {@code oldJob} to {@code newJob} needs
 * them replaced (Nomad's {@code tasksUpdated}); when it does not, the scheduler tries an in-place
 * update. The reconciler's {@code TasksUpdated.destructive} has this shape.
 */
@FunctionalInterface
public interface DestructiveChangeCheck {
  /** True when the group's allocations must be stopped and placed again to run {@code newJob}. */
  boolean destructive(Job oldJob, Job newJob, String taskGroup);

  /**
   * A coarse, conservative rule: destructive when the group is missing from either job, or its
   * tasks (any field), ephemeral disk, networks or volumes, or the job's meta differ. Everything
   * Nomad's {@code tasksUpdated} calls destructive is destructive here, but some changes Nomad
   * applies in place (e.g. a task's kill timeout or services) are destructive too. Used until the
   * field-by-field rule is wired in.
   */
  DestructiveChangeCheck GROUP_SPEC = (oldJob, newJob, group) -> {
    TaskGroup a = find(oldJob, group);
    TaskGroup b = find(newJob, group);
    if (a == null || b == null) {
      return true;
    }
    return !Objects.equals(a.tasksOrEmpty(), b.tasksOrEmpty())
        || !Objects.equals(a.ephemeralDisk(), b.ephemeralDisk())
        || !Objects.equals(a.networksOrEmpty(), b.networksOrEmpty())
        || !Objects.equals(a.volumesOrEmpty(), b.volumesOrEmpty())
        || !Objects.equals(oldJob.metaOrEmpty(), newJob.metaOrEmpty());
  };

  private static TaskGroup find(Job job, String group) {
    for (TaskGroup tg : job.taskGroupsOrEmpty()) {
      if (group.equals(tg.name())) {
        return tg;
      }
    }
    return null;
  }
}
