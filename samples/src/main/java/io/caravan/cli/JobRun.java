package io.caravan.cli;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.job.Job;
import io.caravan.model.job.Task;
import io.caravan.model.job.TaskGroup;
import io.caravan.state.server.JobWriteResult;
import io.caravan.state.store.StateSnapshot;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one job on a {@link DevCluster} and reports what happens until it is over: registers it,
 * prints the watcher's lines and the tasks' log lines as they come, and a progress line while work
 * is pending. A batch job is over when every allocation has finished (exit 0 if all completed, 1
 * if any failed); a service or system job runs until {@code stop} is set (Ctrl-C), when the job
 * is stopped and its tasks are waited for.
 */
final class JobRun {
  private static final Set<String> TERMINAL = Set.of("complete", "failed", "lost");
  private static final Duration POLL = Duration.ofMillis(250);
  private static final Duration QUIET_BEFORE_PROGRESS = Duration.ofSeconds(5);

  private final DevCluster cluster;
  private final PrintWriter out;
  private final AtomicBoolean stop;
  private final LogTailer logs = new LogTailer();

  JobRun(DevCluster cluster, PrintWriter out, AtomicBoolean stop) {
    this.cluster = cluster;
    this.out = out;
    this.stop = stop;
  }

  /** Registers {@code job} and follows it; returns the exit code. */
  int run(Job job) throws InterruptedException, IOException {
    String ns = job.namespace() == null ? "default" : job.namespace();
    JobWriteResult registered = cluster.server().registerJob(job);
    out.println("==> Job \"" + job.id() + "\" registered on a dev cluster (node \"" + cluster.client().node().name()
        + "\", drivers " + healthyDrivers() + ")");
    if (registered.eval().isEmpty()) {
      out.println("    The job is periodic or parameterized: nothing runs until it is launched or dispatched.");
    }
    out.flush();
    JobWatcher watcher = new JobWatcher(ns, job.id());
    boolean batch = "batch".equals(job.type()) || "sysbatch".equals(job.type());
    long index = 0;
    long quietSince = System.nanoTime();
    long lastProgress = 0;
    boolean stopping = false;
    long stopDeadline = 0;
    while (true) {
      StateSnapshot snap = cluster.server().awaitIndex(index, POLL);
      index = snap.latestIndex();
      List<String> lines = watcher.changes(snap);
      lines.forEach(out::println);
      int logLines = printLogs(snap, ns, job.id());
      if (!lines.isEmpty() || logLines > 0) {
        quietSince = System.nanoTime();
      }
      List<Allocation> allocs = snap.allocsByJob(ns, job.id());
      boolean evalsDone = snap.evalsByJob(ns, job.id()).stream().noneMatch(e -> "pending".equals(e.status()));
      boolean allDone = !allocs.isEmpty() && allocs.stream().allMatch(a -> TERMINAL.contains(a.clientStatus())
          || ("stop".equals(a.desiredStatus()) && !"running".equals(a.clientStatus())));
      if (!stopping && stop.get()) {
        stopping = true;
        out.println("==> Stopping job \"" + job.id() + "\" and waiting for its tasks to exit");
        out.flush();
        cluster.server().deregisterJob(ns, job.id(), false);
        stopDeadline = System.nanoTime() + maxKillTimeout(job).plusSeconds(10).toNanos();
      }
      boolean allExited = allocs.stream().allMatch(a -> TERMINAL.contains(a.clientStatus()));
      if (stopping && (allExited || System.nanoTime() > stopDeadline)) {
        logs.rest().forEach(l -> out.println("    " + l));
        out.println("==> Job \"" + job.id() + "\" stopped");
        out.flush();
        return ExitCodes.OK;
      }
      if (batch && evalsDone && allDone && queued(snap, job) == 0) {
        printLogs(snap, ns, job.id());
        logs.rest().forEach(l -> out.println("    " + l));
        boolean failed = allocs.stream().anyMatch(a -> !"complete".equals(a.clientStatus()));
        out.println("==> Job \"" + job.id() + "\" " + (failed ? "failed" : "completed"));
        out.flush();
        return failed ? ExitCodes.ERROR : ExitCodes.OK;
      }
      long now = System.nanoTime();
      if (now - quietSince > QUIET_BEFORE_PROGRESS.toNanos() && now - lastProgress > QUIET_BEFORE_PROGRESS.toNanos()) {
        String pending = progress(snap, job, allocs);
        if (!pending.isEmpty()) {
          out.println("    ... " + pending);
        }
        lastProgress = now;
      }
      out.flush();
    }
  }

  private String healthyDrivers() {
    return cluster.client().node().drivers().entrySet().stream().filter(e -> e.getValue().healthy())
        .map(java.util.Map.Entry::getKey).toList().toString();
  }

  private int printLogs(StateSnapshot snap, String ns, String jobId) throws IOException {
    int n = 0;
    for (Allocation a : snap.allocsByJob(ns, jobId)) {
      if (a.job() == null || !a.nodeID().equals(cluster.client().node().id())) {
        continue;
      }
      for (TaskGroup g : a.job().taskGroupsOrEmpty()) {
        if (!g.name().equals(a.taskGroup()) || g.tasks() == null) {
          continue;
        }
        for (Task t : g.tasks()) {
          for (String line : logs.newLines(cluster.client().allocDir(a.id()), t.name(), "stdout")) {
            out.println("    [" + t.name() + "] " + line);
            n++;
          }
          for (String line : logs.newLines(cluster.client().allocDir(a.id()), t.name(), "stderr")) {
            out.println("    [" + t.name() + " stderr] " + line);
            n++;
          }
        }
      }
    }
    return n;
  }

  private static int queued(StateSnapshot snap, Job job) {
    List<Evaluation> evals = snap.evalsByJob(job.namespace() == null ? "default" : job.namespace(), job.id());
    return evals.stream().filter(e -> "blocked".equals(e.status())).mapToInt(e -> 1).sum();
  }

  private static String progress(StateSnapshot snap, Job job, List<Allocation> allocs) {
    long starting = allocs.stream().filter(a -> "pending".equals(a.clientStatus()) && "run".equals(a.desiredStatus()))
        .count();
    long blocked = queued(snap, job);
    if (starting == 0 && blocked == 0) {
      return "";
    }
    return (starting > 0 ? starting + " allocation(s) starting" : "")
        + (starting > 0 && blocked > 0 ? "; " : "")
        + (blocked > 0 ? "waiting for capacity (a blocked evaluation)" : "");
  }

  private static Duration maxKillTimeout(Job job) {
    Duration max = Duration.ofSeconds(5);
    for (TaskGroup g : job.taskGroupsOrEmpty()) {
      for (Task t : g.tasks() == null ? List.<Task>of() : g.tasks()) {
        if (t.killTimeout() != null && t.killTimeout().compareTo(max) > 0) {
          max = t.killTimeout();
        }
      }
    }
    return max;
  }
}
