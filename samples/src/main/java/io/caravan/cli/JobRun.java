package io.caravan.cli;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.canonical.Canonicalizer;
import io.caravan.model.job.Job;
import io.caravan.model.periodic.PeriodicSchedule;
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
  /** A periodic job whose first scheduled launch is further off than this gets a forced first launch. */
  static final Duration FORCE_FIRST_AFTER = Duration.ofSeconds(10);

  private final DevCluster cluster;
  private final PrintWriter out;
  private final AtomicBoolean stop;
  private final LogTailer logs = new LogTailer();

  JobRun(DevCluster cluster, PrintWriter out, AtomicBoolean stop) {
    this.cluster = cluster;
    this.out = out;
    this.stop = stop;
  }

  /** What {@code caravan run} dispatches a parameterized job with: metadata and an optional payload. */
  record Dispatch(java.util.Map<String, String> meta, byte @org.jspecify.annotations.Nullable [] payload) {}

  /** Registers {@code job} and follows it (a parameterized job is dispatched once); returns the exit code. */
  int run(Job job) throws InterruptedException, IOException {
    return run(job, new Dispatch(java.util.Map.of(), null));
  }

  /**
   * Registers {@code job} and follows it until it is over: a periodic job's launches until {@code stop}
   * (forcing a first launch when the schedule's first one is far off); a parameterized job is dispatched
   * once with {@code dispatch} and its dispatched job followed to completion.
   */
  int run(Job job, Dispatch dispatch) throws InterruptedException, IOException {
    String ns = job.namespace() == null ? "default" : job.namespace();
    JobWriteResult registered = cluster.server().registerJob(job);
    out.println("==> Job \"" + job.id() + "\" registered on a dev cluster (node \"" + cluster.client().node().name()
        + "\", drivers " + healthyDrivers() + ")");
    out.flush();
    if (job.parameterizedJob() != null) {
      JobWriteResult dispatched;
      try {
        dispatched = cluster.server().dispatchJob(ns, job.id(), dispatch.payload(), dispatch.meta());
      } catch (IllegalArgumentException e) {
        out.println("==> Cannot dispatch \"" + job.id() + "\": " + e.getMessage());
        out.println("    Give the dispatch input with -meta KEY=VALUE (repeatable) and -payload FILE.");
        out.flush();
        return ExitCodes.USAGE;
      }
      String child = cluster.server().snapshot().evalById(dispatched.evalId()).orElseThrow().jobID();
      out.println("==> Dispatched \"" + child + "\" (meta " + new java.util.TreeMap<>(dispatch.meta())
          + (dispatch.payload() == null ? "" : ", payload of " + dispatch.payload().length + " bytes") + ")");
      out.flush();
      return follow(ns, child, job, true);
    }
    if (job.periodic() != null) {
      return followPeriodic(ns, job);
    }
    if (registered.eval().isEmpty()) {
      out.println("    Nothing runs until the job is launched.");
    }
    boolean batch = "batch".equals(job.type()) || "sysbatch".equals(job.type());
    return follow(ns, job.id(), job, batch);
  }

  /** Follows one job until it is over (batch) or stopped; {@code spec} gives its tasks' kill timeouts. */
  private int follow(String ns, String jobId, Job spec, boolean batch) throws InterruptedException, IOException {
    JobWatcher watcher = new JobWatcher(ns, jobId);
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
      int logLines = printLogs(snap, ns, jobId);
      if (!lines.isEmpty() || logLines > 0) {
        quietSince = System.nanoTime();
      }
      List<Allocation> allocs = snap.allocsByJob(ns, jobId);
      boolean evalsDone = snap.evalsByJob(ns, jobId).stream().noneMatch(e -> "pending".equals(e.status()));
      boolean allDone = !allocs.isEmpty() && allocs.stream().allMatch(a -> TERMINAL.contains(a.clientStatus())
          || ("stop".equals(a.desiredStatus()) && !"running".equals(a.clientStatus())));
      if (!stopping && stop.get()) {
        stopping = true;
        out.println("==> Stopping job \"" + jobId + "\" and waiting for its tasks to exit");
        out.flush();
        cluster.server().deregisterJob(ns, jobId, false);
        stopDeadline = System.nanoTime() + maxKillTimeout(spec).plusSeconds(10).toNanos();
      }
      boolean allExited = allocs.stream().allMatch(a -> TERMINAL.contains(a.clientStatus()));
      if (stopping && (allExited || System.nanoTime() > stopDeadline)) {
        logs.rest().forEach(l -> out.println("    " + l));
        out.println("==> Job \"" + jobId + "\" stopped");
        out.flush();
        return ExitCodes.OK;
      }
      if (batch && evalsDone && allDone && queued(snap, ns, jobId) == 0) {
        printLogs(snap, ns, jobId);
        logs.rest().forEach(l -> out.println("    " + l));
        boolean failed = allocs.stream().anyMatch(a -> !"complete".equals(a.clientStatus()));
        out.println("==> Job \"" + jobId + "\" " + (failed ? "failed" : "completed"));
        out.flush();
        return failed ? ExitCodes.ERROR : ExitCodes.OK;
      }
      long now = System.nanoTime();
      if (now - quietSince > QUIET_BEFORE_PROGRESS.toNanos() && now - lastProgress > QUIET_BEFORE_PROGRESS.toNanos()) {
        String pending = progress(snap, ns, jobId, allocs);
        if (!pending.isEmpty()) {
          out.println("    ... " + pending);
        }
        lastProgress = now;
      }
      out.flush();
    }
  }

  /**
   * Follows a periodic job's launches (each child's evaluation, placements, task events and output, and
   * its end) until {@code stop}, then stops the parent and any child still running. When the first
   * scheduled launch is more than {@link #FORCE_FIRST_AFTER} away, launches one at once (as
   * {@code caravan job periodic force}) and says so.
   */
  private int followPeriodic(String ns, Job job) throws InterruptedException, IOException {
    PeriodicSchedule schedule = PeriodicSchedule.of(Canonicalizer.canonicalize(job).periodic());
    java.time.Instant now = cluster.server().clock().instant();
    java.util.Optional<java.time.Instant> first = schedule.next(now);
    out.println("==> Periodic job: launches on " + crons(job) + " (" + schedule.zone() + "); next launch "
        + first.map(java.time.Instant::toString).orElse("never"));
    if (first.isEmpty() || java.time.Duration.between(now, first.get()).compareTo(FORCE_FIRST_AFTER) > 0) {
      cluster.server().forcePeriodicLaunch(ns, job.id());
      out.println("    That is more than " + FORCE_FIRST_AFTER.toSeconds() + " s away: forcing a first launch now"
          + " (as `caravan job periodic force " + job.id() + "`)");
    }
    out.flush();
    java.util.Map<String, JobWatcher> children = new java.util.TreeMap<>();
    Set<String> ended = new java.util.HashSet<>();
    long index = 0;
    long quietSince = System.nanoTime();
    long lastProgress = 0;
    long stopDeadline = 0;
    while (true) {
      StateSnapshot snap = cluster.server().awaitIndex(index, POLL);
      index = snap.latestIndex();
      boolean changed = false;
      for (Job child : snap.jobsByNamespace(ns)) {
        if (job.id().equals(child.parentID()) && !children.containsKey(child.id())) {
          children.put(child.id(), new JobWatcher(ns, child.id()));
          out.println("==> Launched \"" + child.id() + "\"");
          changed = true;
        }
      }
      for (java.util.Map.Entry<String, JobWatcher> c : children.entrySet()) {
        List<String> lines = c.getValue().changes(snap);
        lines.forEach(out::println);
        changed |= !lines.isEmpty() | printLogs(snap, ns, c.getKey()) > 0;
        List<Allocation> allocs = snap.allocsByJob(ns, c.getKey());
        boolean evalsDone = snap.evalsByJob(ns, c.getKey()).stream().noneMatch(e -> "pending".equals(e.status()));
        if (!ended.contains(c.getKey()) && evalsDone && !allocs.isEmpty()
            && allocs.stream().allMatch(a -> TERMINAL.contains(a.clientStatus()))) {
          ended.add(c.getKey());
          boolean failed = allocs.stream().anyMatch(a -> !"complete".equals(a.clientStatus()));
          out.println("==> Job \"" + c.getKey() + "\" " + (failed ? "failed" : "completed")
              + "; the next launch is at " + schedule.next(cluster.server().clock().instant()).map(Object::toString).orElse("never"));
          changed = true;
        }
      }
      if (changed) {
        quietSince = System.nanoTime();
      }
      if (stopDeadline == 0 && stop.get()) {
        out.println("==> Stopping periodic job \"" + job.id() + "\" and its running launches");
        out.flush();
        cluster.server().deregisterJob(ns, job.id(), false);
        for (String child : children.keySet()) {
          if (!ended.contains(child)) {
            cluster.server().deregisterJob(ns, child, false);
          }
        }
        stopDeadline = System.nanoTime() + maxKillTimeout(job).plusSeconds(10).toNanos();
      }
      boolean allExited = children.keySet().stream().flatMap(c -> snap.allocsByJob(ns, c).stream())
          .allMatch(a -> TERMINAL.contains(a.clientStatus()));
      if (stopDeadline != 0 && (allExited || System.nanoTime() > stopDeadline)) {
        logs.rest().forEach(l -> out.println("    " + l));
        out.println("==> Job \"" + job.id() + "\" stopped");
        out.flush();
        return ExitCodes.OK;
      }
      long t = System.nanoTime();
      if (t - quietSince > QUIET_BEFORE_PROGRESS.toNanos() && t - lastProgress > QUIET_BEFORE_PROGRESS.toNanos()) {
        out.println("    ... waiting for the next launch at "
            + schedule.next(cluster.server().clock().instant()).map(Object::toString).orElse("never") + " (Ctrl-C stops)");
        lastProgress = t;
      }
      out.flush();
    }
  }

  private static String crons(Job job) {
    List<String> all = new java.util.ArrayList<>(job.periodic().specsOrEmpty());
    if (job.periodic().spec() != null && !job.periodic().spec().isBlank()) {
      all.add(0, job.periodic().spec());
    }
    return all.stream().map(c -> "\"" + c + "\"").collect(java.util.stream.Collectors.joining(", "));
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

  private static int queued(StateSnapshot snap, String ns, String jobId) {
    List<Evaluation> evals = snap.evalsByJob(ns, jobId);
    return evals.stream().filter(e -> "blocked".equals(e.status())).mapToInt(e -> 1).sum();
  }

  private static String progress(StateSnapshot snap, String ns, String jobId, List<Allocation> allocs) {
    long starting = allocs.stream().filter(a -> "pending".equals(a.clientStatus()) && "run".equals(a.desiredStatus()))
        .count();
    long blocked = queued(snap, ns, jobId);
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
