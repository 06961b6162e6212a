package io.caravan.state.server.internal;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.job.Job;
import io.caravan.scheduler.schedulers.EvalTriggers;
import io.caravan.state.fsm.Command;
import io.caravan.state.store.StateSnapshot;
import java.time.Instant;
import java.util.List;

/** Nomad's periodic-launch rules as pure functions: which jobs launch, the child job, overlap. */
public final class PeriodicLaunches {
  /** The suffix between a periodic parent's ID and the launch's Unix seconds. */
  public static final String CHILD_SUFFIX = "/periodic-";

  private PeriodicLaunches() {}

  /** A registered parent whose schedule runs: periodic, enabled, not stopped, not parameterized. */
  public static boolean active(Job job) {
    return job.periodic() != null && !Boolean.FALSE.equals(job.periodic().enabled())
        && !Boolean.TRUE.equals(job.stop()) && job.parameterizedJob() == null;
  }

  /** The child launched at {@code launch}: {@code <parent>/periodic-<unix seconds>}, without the periodic block. */
  public static Job child(Job parent, Instant launch, long nowNanos) {
    String id = parent.id() + CHILD_SUFFIX + launch.getEpochSecond();
    return parent.toBuilder().id(id).name(id).parentID(parent.id()).periodic(null).status(null)
        .statusDescription(null).version(null).createIndex(null).modifyIndex(null).jobModifyIndex(null)
        .stable(null).submitTime(nowNanos).build();
  }

  /**
   * The write that launches {@code parent} at {@code launch}: the child with its {@code periodic-job}
   * evaluation, and the parent's launch time, in one batch.
   */
  public static Launch launch(Job parent, Instant launch, String evalId, long nowNanos) {
    Job child = child(parent, launch, nowNanos);
    Evaluation eval = Evals.forJob(child, EvalTriggers.PERIODIC_JOB, evalId, nowNanos);
    String ns = parent.namespace() == null ? "default" : parent.namespace();
    long launchNanos = UnixNanos.of(launch);
    Command command = new Command.Batch(List.of(new Command.RegisterJob(child, eval),
        new Command.PeriodicLaunch(ns, parent.id(), launchNanos)));
    return new Launch(child.id(), eval.id(), command);
  }

  /** A launch to write. */
  public record Launch(String childId, String evalId, Command command) {}

  /**
   * Whether a child of {@code parent} is still running (Nomad's RunningChildren): a child with an
   * evaluation that is not terminal, or with an allocation that is not.
   */
  public static boolean runningChildren(StateSnapshot s, Job parent) {
    String ns = parent.namespace() == null ? "default" : parent.namespace();
    String prefix = parent.id() + CHILD_SUFFIX;
    for (Job child : s.jobsByNamespace(ns)) {
      if (!child.id().startsWith(prefix) || !parent.id().equals(child.parentID())) {
        continue;
      }
      for (Evaluation e : s.evalsByJob(ns, child.id())) {
        if (!terminal(e.status())) {
          return true;
        }
      }
      for (Allocation a : s.allocsByJob(ns, child.id())) {
        if (!a.terminal()) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean terminal(String evalStatus) {
    return "complete".equals(evalStatus) || "failed".equals(evalStatus) || "canceled".equals(evalStatus);
  }

}
