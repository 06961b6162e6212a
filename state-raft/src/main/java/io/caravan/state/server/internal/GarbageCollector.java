package io.caravan.state.server.internal;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Deployment;
import io.caravan.model.cluster.DeploymentStatuses;
import io.caravan.model.cluster.EvalStatus;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.job.Job;
import io.caravan.state.config.GcSettings;
import io.caravan.state.fsm.Command;
import io.caravan.state.store.StateSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides what the leader's periodic garbage collection removes (a simplified form of Nomad's core
 * scheduler evalGC and jobGC), as a pure function of the state and the time:
 *
 * <ul>
 *   <li>A terminal evaluation (complete, failed, canceled) last modified more than
 *       {@code eval_gc_threshold} ago ({@code batch_eval_gc_threshold} for batch jobs) is removed
 *       with its allocations, provided they are all terminal and as old. A batch job's evaluations
 *       stay while the job is registered and not stopped (its finished allocations are its result).
 *   <li>A stopped job whose evaluations are all terminal and older than {@code job_gc_threshold},
 *       and whose allocations are all terminal, is purged with them. Periodic and parameterized
 *       parents are left alone.
 *   <li>A terminal deployment (successful, failed, cancelled) whose status last changed more than
 *       {@code deployment_gc_threshold} ago, and none of whose allocations is still live, is removed
 *       (Nomad's deploymentGC). A deployment without a recorded status time is kept.
 * </ul>
 *
 * Time is compared with the objects' {@code ModifyTime} (Unix nanoseconds). Not yet collected: down
 * nodes.
 */
public final class GarbageCollector {
  private final GcSettings settings;

  public GarbageCollector(GcSettings settings) {
    this.settings = settings;
  }

  /** The commands that collect what is old enough at {@code nowNanos}; empty when nothing is. */
  public List<Command> collect(StateSnapshot s, long nowNanos) {
    Set<String> evals = new LinkedHashSet<>();
    Set<String> allocs = new LinkedHashSet<>();
    List<Command> out = new ArrayList<>();
    for (Job job : s.jobs()) {
      if (jobCollectable(s, job, nowNanos)) {
        s.evalsByJob(job.namespace(), job.id()).forEach(e -> evals.add(e.id()));
        s.allocsByJob(job.namespace(), job.id()).forEach(a -> allocs.add(a.id()));
        out.add(new Command.DeregisterJob(job.namespace(), job.id(), true, null));
      }
    }
    for (Evaluation e : s.evals()) {
      if (evals.contains(e.id()) || !terminal(e)) {
        continue;
      }
      boolean batch = "batch".equals(e.type()) || "sysbatch".equals(e.type());
      long threshold = (batch ? settings.batchEvalGcThreshold() : settings.evalGcThreshold()).toNanos();
      if (nowNanos - e.modifyTime() < threshold) {
        continue;
      }
      if (batch) {
        Job job = s.jobById(e.namespace(), e.jobID()).orElse(null);
        if (job != null && !Boolean.TRUE.equals(job.stop())) {
          continue;
        }
      }
      List<Allocation> own = s.allocsByEval(e.id());
      if (own.stream().allMatch(a -> a.terminal() && nowNanos - a.modifyTime() >= threshold)) {
        evals.add(e.id());
        own.forEach(a -> allocs.add(a.id()));
      }
    }
    if (!evals.isEmpty() || !allocs.isEmpty()) {
      out.add(0, new Command.DeleteEvals(List.copyOf(evals), List.copyOf(allocs)));
    }
    List<String> deployments = new ArrayList<>();
    for (Deployment d : s.deployments()) {
      if (deploymentCollectable(s, d, nowNanos)) {
        deployments.add(d.id());
      }
    }
    if (!deployments.isEmpty()) {
      out.add(new Command.DeleteDeployments(List.copyOf(deployments)));
    }
    return out;
  }

  private boolean deploymentCollectable(StateSnapshot s, Deployment d, long nowNanos) {
    boolean terminal = DeploymentStatuses.SUCCESSFUL.equals(d.status()) || DeploymentStatuses.FAILED.equals(d.status())
        || DeploymentStatuses.CANCELLED.equals(d.status());
    if (!terminal || d.modifyTime() <= 0 || nowNanos - d.modifyTime() < settings.deploymentGcThreshold().toNanos()) {
      return false;
    }
    for (Allocation a : s.allocsByJob(d.namespace(), d.jobID())) {
      if (d.id().equals(a.deploymentID()) && !a.terminal()) {
        return false;
      }
    }
    return true;
  }

  private static boolean terminal(Evaluation e) {
    return EvalStatus.COMPLETE.equals(e.status()) || EvalStatus.FAILED.equals(e.status())
        || EvalStatus.CANCELED.equals(e.status());
  }

  private boolean jobCollectable(StateSnapshot s, Job job, long nowNanos) {
    if (!Boolean.TRUE.equals(job.stop()) || job.periodic() != null || job.parameterizedJob() != null) {
      return false;
    }
    long threshold = settings.jobGcThreshold().toNanos();
    if (job.submitTime() != null && nowNanos - job.submitTime() < threshold) {
      return false;
    }
    for (Evaluation e : s.evalsByJob(job.namespace(), job.id())) {
      if (!terminal(e) || nowNanos - e.modifyTime() < threshold) {
        return false;
      }
    }
    for (Allocation a : s.allocsByJob(job.namespace(), job.id())) {
      if (!a.terminal()) {
        return false;
      }
    }
    return true;
  }
}
