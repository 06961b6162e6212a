package io.caravan.state.server.internal.deployment;

import io.caravan.model.cluster.AllocDeploymentStatus;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Deployment;
import io.caravan.model.cluster.DeploymentState;
import io.caravan.model.cluster.DeploymentStatuses;
import io.caravan.model.cluster.DesiredTransition;
import io.caravan.model.cluster.EvalStatus;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.cluster.RescheduleEvent;
import io.caravan.model.job.Job;
import io.caravan.model.job.ReschedulePolicy;
import io.caravan.model.job.TaskGroup;
import io.caravan.scheduler.schedulers.EvalTriggers;
import io.caravan.state.fsm.Command;
import io.caravan.state.server.internal.Evals;
import io.caravan.state.server.internal.UnixNanos;
import io.caravan.state.store.StateSnapshot;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What the deployment watcher does next, as a pure function of the state and the time (Nomad's
 * deploymentWatcher, one pass over every running deployment):
 *
 * <ul>
 *   <li>An allocation that turned healthy after the job's latest evaluation saw the state gets a
 *       {@code deployment-watcher} evaluation, so the scheduler places the next {@code max_parallel}
 *       batch (or marks the deployment successful when every group is done).
 *   <li>An unhealthy allocation fails the deployment at once when its group has no progress
 *       deadline or no reschedule attempt left; otherwise it is marked {@code Reschedule} (with an
 *       evaluation) and the deployment has until the progress deadline to recover.
 *   <li>A group that is not done by its {@code RequireProgressBy} fails the deployment, unless it
 *       only waits for a manual promotion with enough healthy canaries.
 *   <li>A failing deployment whose group has {@code auto_revert} registers the latest stable job
 *       version again (unless it has the same specification as the failing one).
 *   <li>When every group with canaries has {@code auto_promote} and all its canaries are healthy,
 *       the deployment is promoted.
 * </ul>
 *
 * Every decision is idempotent against the state it produces, so the watcher can run a pass after
 * any write without repeating itself. Evaluations are not batched over a second as Nomad does.
 */
public final class DeploymentDecider {
  /** Description of a deployment failed by an unhealthy allocation. */
  public static final String FAILED_ALLOCATIONS = "Failed due to unhealthy allocations";
  /** Description of a deployment failed at its progress deadline. */
  public static final String FAILED_PROGRESS_DEADLINE = "Failed due to progress deadline";
  /** Description of a deployment an operator failed. */
  public static final String FAILED_BY_USER = "Deployment marked as failed";
  /** Description of a paused deployment. */
  public static final String PAUSED = "Deployment is paused";
  /** Description of a running deployment. */
  public static final String RUNNING = "Deployment is running";

  private DeploymentDecider() {}

  /**
   * The commands of one pass and when the next pass is due at the latest.
   *
   * @param nextWake the earliest progress deadline still ahead, or null
   */
  public record Pass(List<Command> commands, @Nullable Instant nextWake) {}

  /** Decides for every running deployment in {@code s} at {@code now}. */
  public static Pass decide(StateSnapshot s, Instant now, Supplier<String> ids) {
    return decide(s, now, ids, new HashMap<>());
  }

  /**
   * A deployment's last decision that wrote nothing, with what it read: the deployment, its job, the
   * job's allocations and evaluations (as {@link StateSnapshot#allocsByJobVersion} instances), when, and
   * the wake it returned. None of its allocations was unhealthy, so the decision depends on the time only
   * through the progress deadline it returned as {@code wake}.
   */
  public record Quiet(Deployment deployment, Job job, @Nullable Object allocs, @Nullable Object evals, Instant at,
      @Nullable Instant wake) {
    boolean holds(Deployment d, Job j, @Nullable Object a, @Nullable Object e, Instant now) {
      return deployment == d && job == j && allocs == a && evals == e && !now.isBefore(at)
          && (wake == null || now.isBefore(wake));
    }
  }

  /**
   * As {@link #decide(StateSnapshot, Instant, Supplier)}, reusing {@code quiet}'s decisions (keyed by
   * deployment ID) for deployments whose inputs did not change since, which give the same result
   * without reading every allocation of the job again; {@code quiet} is updated for the next pass.
   */
  public static Pass decide(StateSnapshot s, Instant now, Supplier<String> ids, Map<String, Quiet> quiet) {
    List<Command> out = new ArrayList<>();
    Instant wake = null;
    Map<String, Quiet> kept = new HashMap<>();
    for (Deployment d : s.deployments()) {
      if (!DeploymentStatuses.RUNNING.equals(d.status()) || d.taskGroups() == null) {
        continue;
      }
      Job job = s.jobById(d.namespace(), d.jobID()).orElse(null);
      if (job == null || Boolean.TRUE.equals(job.stop()) || job.version() == null || job.version() != d.jobVersion()) {
        continue; // the scheduler cancels it
      }
      Object allocs = s.allocsByJobVersion(d.namespace(), d.jobID());
      Object evals = s.evalsByJobVersion(d.namespace(), d.jobID());
      Quiet q = quiet.get(d.id());
      Instant next;
      if (q != null && q.holds(d, job, allocs, evals, now)) {
        next = q.wake();
        kept.put(d.id(), q);
      } else {
        Watch w = new Watch(s, d, job, now, ids);
        int before = out.size();
        next = w.decide(out);
        if (out.size() == before && !w.sawUnhealthy) {
          kept.put(d.id(), new Quiet(d, job, allocs, evals, now, next));
        }
      }
      if (next != null && (wake == null || next.isBefore(wake))) {
        wake = next;
      }
    }
    quiet.clear();
    quiet.putAll(kept);
    return new Pass(out, wake);
  }

  /**
   * The commands that fail {@code d} with {@code description}, reverting the job to its latest
   * stable version when {@code revert} (and saying so in the description), with an evaluation.
   */
  public static Command fail(StateSnapshot s, Deployment d, Job job, String description, boolean revert,
      Instant now, Supplier<String> ids) {
    String desc = description;
    Job target = null;
    if (revert) {
      Job stable = latestStable(s, job);
      if (stable == null) {
        desc += " - no stable job version to auto revert to";
      } else if (sameSpec(stable, job)) {
        desc += " - not rolling back to stable job version " + stable.version() + " as current job has same specification";
      } else {
        desc += " - rolling back to job version " + stable.version();
        target = stable.toBuilder().stable(false).submitTime(UnixNanos.of(now)).build();
      }
    }
    Evaluation eval = eval(d, target != null ? target : job, now, ids);
    List<Command> batch = new ArrayList<>();
    batch.add(new Command.DeploymentStatus(d.id(), DeploymentStatuses.FAILED, desc, UnixNanos.of(now)));
    batch.add(target != null ? new Command.RegisterJob(target, eval) : new Command.UpsertEvals(List.of(eval)));
    return new Command.Batch(batch);
  }

  /** A {@code deployment-watcher} evaluation of {@code job} for deployment {@code d}. */
  public static Evaluation eval(Deployment d, Job job, Instant now, Supplier<String> ids) {
    Evaluation e = Evals.forJob(job, EvalTriggers.DEPLOYMENT_WATCHER, ids.get(), UnixNanos.of(now));
    return e.toBuilder().deploymentID(d.id()).priority(d.evalPriority() > 0 ? d.evalPriority() : e.priority()).build();
  }

  /** The newest stored version of the job marked stable, or null. */
  static @Nullable Job latestStable(StateSnapshot s, Job job) {
    List<Job> versions = s.jobVersions(job.namespace(), job.id());
    for (int i = versions.size() - 1; i >= 0; i--) {
      if (Boolean.TRUE.equals(versions.get(i).stable())) {
        return versions.get(i);
      }
    }
    return null;
  }

  /** True when the two versions differ only in what the servers stamp (version, indexes, stability, times). */
  static boolean sameSpec(Job a, Job b) {
    return specOf(a).equals(specOf(b));
  }

  private static Job specOf(Job j) {
    return j.toBuilder().version(null).stable(null).createIndex(null).modifyIndex(null).jobModifyIndex(null)
        .submitTime(null).status(null).statusDescription(null).build();
  }

  static @Nullable Instant parse(@Nullable String time) {
    if (time == null || time.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(time);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** One deployment in one pass. */
  private static final class Watch {
    final StateSnapshot s;
    final Deployment d;
    final Job job;
    final Instant now;
    final Supplier<String> ids;
    final List<Allocation> allocs;
    /** Whether {@link #decide} met an unhealthy allocation (whose outcome depends on the time). */
    boolean sawUnhealthy;

    Watch(StateSnapshot s, Deployment d, Job job, Instant now, Supplier<String> ids) {
      this.s = s;
      this.d = d;
      this.job = job;
      this.now = now;
      this.ids = ids;
      this.allocs = s.allocsByJob(d.namespace(), d.jobID()).stream().filter(a -> d.id().equals(a.deploymentID())).toList();
    }

    @Nullable Instant decide(List<Command> out) {
      long latestEval = latestEvalIndex();
      boolean createEval = false;
      boolean failNow = false;
      boolean revert = false;
      Map<String, DesiredTransition> replacements = new LinkedHashMap<>();
      for (Allocation a : allocs) {
        DeploymentState g = d.taskGroups().get(a.taskGroup());
        AllocDeploymentStatus ds = a.deploymentStatus();
        if (g == null || ds == null || ds.healthy() == null) {
          continue;
        }
        if (!ds.healthy()) {
          sawUnhealthy = true;
          if (g.progressDeadline().isZero() || !rescheduleEligible(a)) {
            failNow = true;
            revert |= g.autoRevert();
          } else if (a.desiredTransition() == null || !Boolean.TRUE.equals(a.desiredTransition().reschedule())) {
            replacements.put(a.id(), new DesiredTransition(null, true, null, null, null));
          }
        } else if (ds.modifyIndex() > latestEval) {
          createEval = true;
        }
      }
      if (failNow) {
        out.add(fail(s, d, job, FAILED_ALLOCATIONS, revert, now, ids));
        return null;
      }
      Instant cutoff = progressCutoff();
      if (cutoff != null && !cutoff.isAfter(now)) {
        Boolean deadlineRevert = failsAtDeadline();
        if (deadlineRevert != null) {
          out.add(fail(s, d, job, FAILED_PROGRESS_DEADLINE, deadlineRevert, now, ids));
          return null;
        }
        cutoff = null; // only waiting for a manual promotion: nothing to wake for
      }
      if (autoPromotable()) {
        out.add(new Command.Batch(List.of(new Command.PromoteDeployment(d.id(), List.of()),
            new Command.UpsertEvals(List.of(eval(d, job, now, ids))))));
      } else if (createEval || !replacements.isEmpty()) {
        List<Command> batch = new ArrayList<>();
        if (!replacements.isEmpty()) {
          batch.add(new Command.AllocDesiredTransitions(replacements));
        }
        batch.add(new Command.UpsertEvals(List.of(eval(d, job, now, ids))));
        out.add(batch.size() == 1 ? batch.get(0) : new Command.Batch(batch));
      }
      return cutoff;
    }

    /** The newest index any non-cancelled evaluation of the job saw (Nomad's jobEvalStatus). */
    private long latestEvalIndex() {
      long max = 0;
      for (Evaluation e : s.evalsByJob(d.namespace(), d.jobID())) {
        if (EvalStatus.CANCELED.equals(e.status())) {
          continue;
        }
        if (e.snapshotIndex() != 0 && max < e.snapshotIndex()) {
          max = e.snapshotIndex();
        } else if (max < e.createIndex()) {
          max = e.createIndex();
        }
      }
      return max;
    }

    /** Whether the allocation's group may still reschedule it (attempts left within the interval). */
    private boolean rescheduleEligible(Allocation a) {
      TaskGroup tg = group(a.taskGroup());
      ReschedulePolicy p = tg == null ? null : tg.reschedulePolicy();
      if (p == null) {
        return false;
      }
      if (Boolean.TRUE.equals(p.unlimited())) {
        return true;
      }
      int attempts = p.attempts() == null ? 0 : p.attempts();
      if (attempts == 0) {
        return false;
      }
      if (a.rescheduleTracker() == null || a.rescheduleTracker().events() == null) {
        return true;
      }
      Duration interval = p.interval() == null ? Duration.ZERO : p.interval();
      int recent = 0;
      for (RescheduleEvent e : a.rescheduleTracker().events()) {
        if (UnixNanos.of(now) - e.rescheduleTime() < interval.toNanos()) {
          recent++;
        }
      }
      return recent < attempts;
    }

    private @Nullable TaskGroup group(String name) {
      for (TaskGroup g : job.taskGroupsOrEmpty()) {
        if (name.equals(g.name())) {
          return g;
        }
      }
      return null;
    }

    /** Per group: enough live healthy allocations and promoted if it has canaries (Nomad's doneGroups). */
    private Map<String, Boolean> doneGroups() {
      Map<String, Integer> healthy = new HashMap<>();
      for (Allocation a : allocs) {
        if (!a.terminal() && a.deploymentStatus() != null && Boolean.TRUE.equals(a.deploymentStatus().healthy())) {
          healthy.merge(a.taskGroup(), 1, Integer::sum);
        }
      }
      Map<String, Boolean> done = new HashMap<>();
      d.taskGroups().forEach((name, g) -> done.put(name,
          (g.desiredCanaries() == 0 || g.promoted()) && healthy.getOrDefault(name, 0) >= g.desiredTotal()));
      return done;
    }

    /** The earliest {@code RequireProgressBy} of a group that is not done, or null. */
    private @Nullable Instant progressCutoff() {
      Map<String, Boolean> done = doneGroups();
      Instant next = null;
      for (Map.Entry<String, DeploymentState> e : d.taskGroups().entrySet()) {
        Instant by = parse(e.getValue().requireProgressBy());
        if (done.get(e.getKey()) || by == null || e.getValue().progressDeadline().isZero()) {
          continue;
        }
        if (next == null || by.isBefore(next)) {
          next = by;
        }
      }
      return next;
    }

    /** At the deadline: null if no group failed, else whether a failed group reverts (Nomad's shouldFail). */
    private @Nullable Boolean failsAtDeadline() {
      boolean fail = false;
      for (Map.Entry<String, DeploymentState> e : d.taskGroups().entrySet()) {
        DeploymentState g = e.getValue();
        boolean ok = g.desiredCanaries() > 0 && !g.promoted()
            ? g.healthyAllocs() >= g.desiredCanaries() : g.healthyAllocs() >= g.desiredTotal();
        if (ok) {
          continue;
        }
        fail = true;
        TaskGroup tg = group(e.getKey());
        if (tg != null && tg.update() != null && Boolean.TRUE.equals(tg.update().autoRevert())) {
          return true;
        }
      }
      return fail ? false : null;
    }

    /** Every group with canaries auto-promotes and has all its canaries placed and healthy. */
    private boolean autoPromotable() {
      boolean needsPromotion = false;
      for (DeploymentState g : d.taskGroups().values()) {
        if (g.desiredCanaries() < 1) {
          continue;
        }
        if (!g.promoted()) {
          needsPromotion = true;
        }
        List<String> placed = g.placedCanaries() == null ? List.of() : g.placedCanaries();
        if (!g.autoPromote() || placed.size() < g.desiredCanaries()) {
          return false;
        }
        long healthy = allocs.stream().filter(a -> placed.contains(a.id()) && a.deploymentStatus() != null
            && Boolean.TRUE.equals(a.deploymentStatus().healthy())).count();
        if (healthy != g.desiredCanaries()) {
          return false;
        }
      }
      return needsPromotion;
    }
  }
}
