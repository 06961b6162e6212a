package io.caravan.scheduler.schedulers;

import com.google.common.collect.ImmutableMap;
import io.caravan.model.cluster.Node;
import io.caravan.model.job.Constraint;
import io.caravan.model.job.Job;
import io.caravan.model.job.Task;
import io.caravan.model.job.TaskGroup;
import io.caravan.model.job.VolumeRequest;
import io.caravan.scheduler.feasibility.ConstraintEvaluator;
import io.caravan.scheduler.feasibility.TargetResolver;
import io.caravan.scheduler.feasibility.TaskGroupChecker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which computed node classes can run a job, for blocked evaluations (Nomad's
 * {@code EvalEligibility.GetClasses} and {@code HasEscaped}): a class is eligible when a node of
 * it passes the job's constraints and those of at least one task group; ineligible otherwise.
 * {@code escaped} is true when any job, group or task constraint targets a node-unique value (or a
 * group uses a CSI volume), so eligibility cannot be judged by class and the blocked evaluation
 * must unblock on any capacity change; then {@code classes} is empty as in Nomad.
 *
 * <p>Nomad records only the classes its iterators happened to visit; this judges every class among
 * the given candidate nodes (one representative node per class). For the blocked-evals tracker
 * this is equivalent: unseen classes unblock anyway. Host-volume availability is per node, not
 * per class, and does not make a class ineligible.
 */
public record ClassEligibility(Map<String, Boolean> classes, boolean escaped) {
  /** Copies the map (sorted by class). */
  public ClassEligibility {
    classes = ImmutableMap.copyOf(new TreeMap<>(classes));
  }

  /** The eligibility of {@code job} over {@code candidates} (usually the ready nodes in its pool and datacenters). */
  public static ClassEligibility of(Job job, List<Node> candidates) {
    if (escapes(job)) {
      return new ClassEligibility(Map.of(), true);
    }
    ConstraintEvaluator evaluator = new ConstraintEvaluator();
    Map<String, Boolean> jobCache = new HashMap<>();
    List<TaskGroupChecker> checkers = new ArrayList<>();
    for (TaskGroup tg : job.taskGroupsOrEmpty()) {
      checkers.add(new TaskGroupChecker(job, tg, evaluator, jobCache, new HashMap<>()));
    }
    Map<String, Boolean> classes = new TreeMap<>();
    for (Node n : candidates) {
      String cls = n.computedClass();
      if (cls.isEmpty() || classes.containsKey(cls)) {
        continue;
      }
      boolean eligible = false;
      for (TaskGroupChecker c : checkers) {
        String reason = c.check(n);
        if (reason == null || reason.equals("missing compatible host volumes")) {
          eligible = true;
          break;
        }
      }
      classes.put(cls, eligible);
    }
    return new ClassEligibility(classes, false);
  }

  /** True when a constraint of the job targets a node-unique value or a group uses a CSI volume. */
  static boolean escapes(Job job) {
    if (anyEscapes(job.constraintsOrEmpty())) {
      return true;
    }
    for (TaskGroup tg : job.taskGroupsOrEmpty()) {
      if (anyEscapes(tg.constraintsOrEmpty())) {
        return true;
      }
      for (VolumeRequest v : tg.volumesOrEmpty().values()) {
        if ("csi".equals(v.type())) {
          return true;
        }
      }
      for (Task t : tg.tasksOrEmpty()) {
        if (anyEscapes(t.constraintsOrEmpty())) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean anyEscapes(List<Constraint> constraints) {
    for (Constraint c : constraints) {
      if (TargetResolver.escapes(c.lTarget()) || TargetResolver.escapes(c.rTarget())) {
        return true;
      }
    }
    return false;
  }
}
