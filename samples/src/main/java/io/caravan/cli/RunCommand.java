package io.caravan.cli;

import io.caravan.jobspec.JobspecParser;
import io.caravan.jobspec.JobspecResult;
import io.caravan.model.job.Job;
import io.caravan.state.server.JobRejectedException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code caravan run FILE [-meta K=V]... [-payload FILE]}: runs a job on a dev cluster started in this process (one server, one
 * client on this machine) and shows what happens. Ctrl-C stops the job, waits for its tasks to
 * exit and leaves nothing running (exit code 130, as for any program stopped by Ctrl-C); a batch job
 * ends the program when it completes, with its status. SIGTERM stops the job the same way.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Runs a job on a dev cluster inside this process and follows it: evaluations, placements,",
        "task events, a per-group summary and the tasks' output. Ctrl-C stops the job and its tasks;",
        "a batch job exits when it completes (0) or fails (1).",
        "A periodic job is followed launch by launch until Ctrl-C (a first launch is forced when the",
        "schedule's first one is more than 10 s away). A parameterized job is dispatched once with",
        "-meta and -payload, and the dispatched job is followed to completion with its exit status."})
final class RunCommand implements Callable<Integer> {
  /** How long Ctrl-C waits for the job's tasks to stop before the process exits anyway. */
  private static final long STOP_WAIT_SECONDS = 90;

  @Spec CommandSpec spec;

  @Mixin JobspecOptions jobspec;

  @Option(names = "-meta", paramLabel = "KEY=VALUE",
      description = "Dispatch metadata for a parameterized job (repeatable).")
  List<String> meta = new ArrayList<>();

  @Option(names = "-payload", paramLabel = "FILE", description = "A file whose bytes are a parameterized job's payload.")
  Path payload;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    byte[] bytes = Files.readAllBytes(jobspec.file);
    JobspecResult parsed = JobspecParser.parse(bytes, jobspec.file.toString(), jobspec.toParseOptions(System.getenv()));
    if (parsed.hasErrors() || parsed.job().isEmpty()) {
      DiagnosticPrinter.print(err, parsed.diagnostics(), new String(bytes, StandardCharsets.UTF_8));
      return ExitCodes.INVALID_INPUT;
    }
    Job job = parsed.job().get();
    Map<String, String> dispatchMeta = new TreeMap<>();
    for (String kv : meta) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        err.println("Error: -meta must be KEY=VALUE, got \"" + kv + "\"");
        return ExitCodes.USAGE;
      }
      dispatchMeta.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    if ((!meta.isEmpty() || payload != null) && job.parameterizedJob() == null) {
      err.println("Error: -meta and -payload are dispatch input; job \"" + job.id() + "\" is not parameterized");
      return ExitCodes.USAGE;
    }
    byte[] payloadBytes = null;
    if (payload != null) {
      try {
        payloadBytes = Files.readAllBytes(payload);
      } catch (java.nio.file.NoSuchFileException e) {
        err.println("Error: no such payload file: " + payload);
        return ExitCodes.USAGE;
      }
    }
    out.println("==> Starting a dev cluster (one server, one client on this machine)");
    out.flush();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicBoolean interrupted = new AtomicBoolean();
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stop.set(true);
      try {
        finished.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "caravan-run-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    // Ctrl-C is handled here rather than by the JVM's shutdown: the run stops the job and returns.
    // This also overrides SIGINT being ignored, as it is for programs started in the background by
    // a shell (and for everything they start), so `kill -INT` always stops the job cleanly.
    sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> {
      interrupted.set(true);
      stop.set(true);
    });
    try (DevCluster cluster = DevCluster.start()) {
      try {
        int code = new JobRun(cluster, out, stop).run(job, new JobRun.Dispatch(dispatchMeta, payloadBytes));
        return interrupted.get() ? ExitCodes.INTERRUPTED : code;
      } catch (JobRejectedException e) {
        err.println("Job \"" + job.id() + "\" was rejected:");
        e.problems().forEach(p -> err.println("  * " + p));
        return ExitCodes.INVALID_INPUT;
      }
    } finally {
      out.flush();
      finished.countDown();
      if (!stop.get()) {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // Ctrl-C arrived just now: the hook is running and waits for nothing more
        }
      }
    }
  }
}
