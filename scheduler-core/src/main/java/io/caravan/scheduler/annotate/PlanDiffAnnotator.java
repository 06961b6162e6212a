package io.caravan.scheduler.annotate;

import io.caravan.model.cluster.DesiredUpdates;
import io.caravan.model.cluster.PlanAnnotations;
import io.caravan.model.diff.DiffType;
import io.caravan.model.diff.FieldDiff;
import io.caravan.model.diff.JobDiff;
import io.caravan.model.diff.TaskDiff;
import io.caravan.model.diff.TaskGroupDiff;
import io.caravan.model.job.Job;
import io.caravan.scheduler.reconcile.TasksUpdated;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Adds the plan's annotations to a job diff, as Nomad's plan endpoint does before answering: group
 * update counts from {@link PlanAnnotations#desiredTGUpdates()}, {@code forces create}/{@code forces
 * destroy} on a changed {@code Count}, and on each changed task {@code forces create} / {@code forces
 * destroy} (its group is added / removed), {@code forces create/destroy update} (the reconciler would
 * replace its allocations: {@link TasksUpdated#taskDifference}) or {@code forces in-place update}.
 */
public final class PlanDiffAnnotator {
  /** Annotation of a count increase or of a task in an added group. */
  public static final String FORCES_CREATE = "forces create";
  /** Annotation of a count decrease or of a task in a removed group. */
  public static final String FORCES_DESTROY = "forces destroy";
  /** Annotation of a task change applied to running allocations without replacing them. */
  public static final String FORCES_IN_PLACE = "forces in-place update";
  /** Annotation of a task change that replaces the group's allocations. */
  public static final String FORCES_DESTRUCTIVE = "forces create/destroy update";

  private PlanDiffAnnotator() {}

  /**
   * The annotated copy of {@code diff}, the diff from {@code old} (null when the job is new) to
   * {@code neu}; {@code annotations} may be null when the scheduler made no plan.
   */
  public static JobDiff annotate(JobDiff diff, @Nullable PlanAnnotations annotations, @Nullable Job old, Job neu) {
    List<TaskGroupDiff> groups = new ArrayList<>();
    for (TaskGroupDiff g : diff.taskGroups()) {
      groups.add(group(g, annotations, old, neu));
    }
    return diff.withTaskGroups(groups);
  }

  private static TaskGroupDiff group(TaskGroupDiff g, @Nullable PlanAnnotations annotations, @Nullable Job old, Job neu) {
    Map<String, Long> updates = new LinkedHashMap<>();
    DesiredUpdates u = annotations == null || annotations.desiredTGUpdates() == null ? null
        : annotations.desiredTGUpdates().get(g.name());
    if (u != null) {
      putIfNonZero(updates, "ignore", u.ignore());
      putIfNonZero(updates, "create", u.place());
      putIfNonZero(updates, "migrate", u.migrate());
      putIfNonZero(updates, "destroy", u.stop());
      putIfNonZero(updates, "canary", u.canary());
      putIfNonZero(updates, "in-place update", u.inPlaceUpdate());
      putIfNonZero(updates, "create/destroy update", u.destructiveUpdate());
    }
    List<FieldDiff> fields = new ArrayList<>();
    for (FieldDiff f : g.fields()) {
      fields.add(f.name().equals("Count") ? countAnnotated(f) : f);
    }
    List<TaskDiff> tasks = new ArrayList<>();
    for (TaskDiff t : g.tasks()) {
      tasks.add(task(t, g, old, neu));
    }
    return g.with(fields, tasks, updates);
  }

  private static FieldDiff countAnnotated(FieldDiff count) {
    long before = count.old().isEmpty() ? 0 : Long.parseLong(count.old());
    long after = count.neu().isEmpty() ? 0 : Long.parseLong(count.neu());
    if (before < after) {
      return count.annotated(FORCES_CREATE);
    }
    if (after < before) {
      return count.annotated(FORCES_DESTROY);
    }
    return count;
  }

  private static TaskDiff task(TaskDiff t, TaskGroupDiff group, @Nullable Job old, Job neu) {
    if (t.type() == DiffType.NONE) {
      return t;
    }
    if (group.type() == DiffType.ADDED && t.type() == DiffType.ADDED) {
      return t.annotated(FORCES_CREATE);
    }
    if (group.type() == DiffType.DELETED && t.type() == DiffType.DELETED) {
      return t.annotated(FORCES_DESTROY);
    }
    boolean destructive = old == null
        || TasksUpdated.taskDifference(old, neu, group.name(), t.name()).isPresent();
    return t.annotated(destructive ? FORCES_DESTRUCTIVE : FORCES_IN_PLACE);
  }

  private static void putIfNonZero(Map<String, Long> into, String kind, long n) {
    if (n != 0) {
      into.put(kind, n);
    }
  }
}
