package io.caravan.scheduler.reconcile;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.job.Job;
import io.caravan.model.job.TaskGroup;
import java.util.Optional;

/**
 * Decides how an existing allocation follows a new job version (Nomad's {@code allocUpdateFn}).
 * The scheduler supplies one that also checks the new resources still fit on the node;
 * {@link #BY_JOB_SPEC} decides from the job specifications alone.
 */
@FunctionalInterface
public interface UpdateDecider {
  /** The decision for {@code existing} (whose job is {@code existingJob}) under {@code job}'s {@code group}. */
  UpdateDecision decide(Allocation existing, Job existingJob, Job job, TaskGroup group);

  /**
   * Same job modify index (and version): ignore; a destructive change per {@link TasksUpdated}: replace; a
   * terminal allocation: ignore; otherwise in place with the new job.
   */
  UpdateDecider BY_JOB_SPEC = (existing, existingJob, job, group) -> {
    if (java.util.Objects.equals(existingJob.jobModifyIndex(), job.jobModifyIndex())
        && java.util.Objects.equals(existingJob.version(), job.version())) {
      return UpdateDecision.IGNORE;
    }
    Optional<String> diff = TasksUpdated.difference(existingJob, job, group.name());
    if (diff.isPresent()) {
      return new UpdateDecision.Destructive(diff.get());
    }
    if (existing.terminal()) {
      return UpdateDecision.IGNORE;
    }
    return new UpdateDecision.InPlace(existing.toBuilder().job(job).build());
  };
}
