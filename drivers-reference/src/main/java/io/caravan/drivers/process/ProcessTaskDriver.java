package io.caravan.drivers.process;

import com.google.common.collect.ImmutableMap;
import io.caravan.runtime.driver.DriverCapabilities;
import io.caravan.runtime.driver.DriverContext;
import io.caravan.runtime.driver.DriverException;
import io.caravan.runtime.driver.DriverFingerprint;
import io.caravan.runtime.driver.ExecResult;
import io.caravan.runtime.driver.ExitResult;
import io.caravan.runtime.driver.Signals;
import io.caravan.runtime.driver.TaskConfig;
import io.caravan.runtime.driver.TaskDriver;
import io.caravan.runtime.driver.TaskHandle;
import io.caravan.runtime.driver.TaskNotFoundException;
import io.caravan.runtime.driver.TaskResourceUsage;
import io.caravan.runtime.driver.TaskStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Base of the drivers that run host processes (raw_exec, exec, java).
 *
 * <p>Each task is launched under a small bash supervisor that puts the task in its own process group (job control),
 * appends its stdout/stderr to the task's log files, waits for it and writes its exit status to a file in the driver's
 * state directory. The supervisor outlives a client restart, so a {@linkplain #recover recovered} task still reports
 * its real exit code. Stopping signals the whole process group (and every descendant), then escalates to SIGKILL.
 */
public abstract class ProcessTaskDriver implements TaskDriver {

  /** Handle format version of process drivers. */
  public static final int HANDLE_VERSION = 1;

  private static final String SUPERVISOR = String.join("\n",
      "out=$1; err=$2; ef=$3; shift 3",
      "set -m",
      "\"$@\" >>\"$out\" 2>>\"$err\" </dev/null &",
      "pid=$!",
      "echo $pid",
      "wait $pid; rc=$?",
      "echo $rc > \"$ef.tmp\" && mv \"$ef.tmp\" \"$ef\"",
      "exit $rc");

  /** util-linux's setsid, when this host has it. */
  private static final java.util.Optional<String> SETSID = java.util.stream.Stream.of("/usr/bin/setsid", "/bin/setsid")
      .filter(p -> Files.isExecutable(Path.of(p))).findFirst();

  private final String name;
  private volatile Isolation isolation;
  private final Map<String, ProcessTask> tasks = new ConcurrentHashMap<>();
  private volatile Clock clock = Clock.systemUTC();
  private volatile Path stateDir;

  /** A driver of the given name using the given isolation. */
  protected ProcessTaskDriver(String name, Isolation isolation) {
    this.name = name;
    this.isolation = isolation;
  }

  /** The command line (program and arguments) for a task, before isolation wraps it. */
  protected abstract List<String> command(TaskConfig config);

  @Override
  public final String name() {
    return name;
  }

  /** The isolation this driver applies. */
  protected Isolation isolation() {
    return isolation;
  }

  /**
   * Replaces the isolation (e.g. from the plugin config in {@link #init}); only before the driver runs tasks.
   *
   * @throws IllegalStateException when the driver already knows tasks
   */
  protected void replaceIsolation(Isolation replacement) {
    if (!tasks.isEmpty()) {
      throw new IllegalStateException("driver " + name + " already runs tasks; its isolation is fixed");
    }
    this.isolation = replacement;
  }

  @Override
  public void init(DriverContext context) {
    this.clock = context.clock();
    Object dir = context.pluginConfig().get("state_dir");
    this.stateDir = dir != null ? Path.of(dir.toString())
        : Path.of(System.getProperty("java.io.tmpdir"), "caravan-drivers", name);
  }

  /** The clock from the driver context. */
  protected Clock clock() {
    return clock;
  }

  private Path stateDir() {
    Path dir = stateDir;
    if (dir == null) {
      dir = Path.of(System.getProperty("java.io.tmpdir"), "caravan-drivers", name);
      stateDir = dir;
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new DriverException("cannot create driver state directory " + dir + ": " + e.getMessage(), false, e);
    }
    return dir;
  }

  @Override
  public DriverCapabilities capabilities() {
    return new DriverCapabilities(true, true, DriverCapabilities.FsIsolation.NONE,
        com.google.common.collect.ImmutableSet.of(DriverCapabilities.NetworkIsolationMode.HOST));
  }

  @Override
  public DriverFingerprint fingerprint() {
    if (!Files.isExecutable(Path.of("/bin/bash"))) {
      return DriverFingerprint.undetected("/bin/bash is required to supervise tasks");
    }
    return DriverFingerprint.healthy(Map.of("driver." + name, "1"), "healthy; isolation: " + isolation.describe());
  }

  @Override
  public AutoCloseable watchFingerprint(Consumer<DriverFingerprint> listener) {
    listener.accept(fingerprint());
    return () -> {};
  }

  @Override
  public TaskHandle start(TaskConfig config) {
    validateConfig(config.driverConfig());
    ProcessTask existing = tasks.get(config.id());
    if (existing != null && !existing.exit.isDone()) {
      throw new DriverException("task " + config.id() + " is already running", false, null);
    }
    List<String> command = command(config);
    Isolation.Prepared prepared = isolation.prepare(config, command);
    Path exitFile = stateDir().resolve(sanitize(config.id()) + ".exit");
    try {
      Files.deleteIfExists(exitFile);
      for (Path p : new Path[] {config.stdoutPath(), config.stderrPath()}) {
        if (p != null && p.getParent() != null) {
          Files.createDirectories(p.getParent());
        }
      }
    } catch (IOException e) {
      isolation.cleanup(prepared.state());
      throw new DriverException("cannot prepare files of task " + config.id() + ": " + e.getMessage(), true, e);
    }
    List<String> argv = new ArrayList<>();
    if (SETSID.isPresent()) {
      // A session of its own: a terminal's Ctrl-C reaches the program embedding the client, not its tasks
      // (the client stops them itself), as Nomad's executor does.
      argv.add(SETSID.get());
    }
    argv.addAll(List.of("/bin/bash", "-c", SUPERVISOR, "caravan-supervisor",
        pathOrNull(config.stdoutPath()), pathOrNull(config.stderrPath()), exitFile.toString()));
    argv.addAll(prepared.command());
    ProcessBuilder pb = new ProcessBuilder(argv);
    pb.environment().clear();
    pb.environment().putAll(taskEnvironment(config));
    if (config.taskDir() != null) {
      pb.directory(config.taskDir().toFile());
    }
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process supervisor;
    long pid;
    try {
      supervisor = pb.start();
      BufferedReader r = new BufferedReader(new InputStreamReader(supervisor.getInputStream(), StandardCharsets.UTF_8));
      String line = r.readLine();
      if (line == null) {
        throw new IOException("task supervisor exited before starting the task (exit "
            + supervisor.waitFor() + ")");
      }
      pid = Long.parseLong(line.trim());
    } catch (IOException | NumberFormatException e) {
      isolation.cleanup(prepared.state());
      throw new DriverException("cannot start task " + config.id() + ": " + e.getMessage(), true, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      isolation.cleanup(prepared.state());
      throw new DriverException("interrupted while starting task " + config.id(), true, e);
    }
    Instant startedAt = clock.instant();
    long startTicks = ProcTree.startTicks(pid).orElse(-1L);
    ImmutableMap<String, String> state = ImmutableMap.<String, String>builder()
        .putAll(prepared.state())
        .put("pid", String.valueOf(pid))
        .put("startTicks", String.valueOf(startTicks))
        .put("supervisorPid", String.valueOf(supervisor.pid()))
        .put("exitFile", exitFile.toString())
        .buildKeepingLast();
    ProcessTask task = new ProcessTask(config, pid, startedAt, state);
    tasks.put(config.id(), task);
    supervisor.onExit().thenAccept(p -> task.complete(exitFrom(exitFile, p.exitValue(), task)));
    return new TaskHandle(name, HANDLE_VERSION, config, startedAt, state);
  }

  private static String pathOrNull(Path p) {
    return p == null ? "/dev/null" : p.toAbsolutePath().toString();
  }

  /** The environment of a task's process: the task env, plus the host PATH when the task sets none. */
  protected Map<String, String> taskEnvironment(TaskConfig config) {
    Map<String, String> env = new java.util.LinkedHashMap<>(config.env());
    env.putIfAbsent("PATH", Optional.ofNullable(System.getenv("PATH")).orElse("/usr/local/bin:/usr/bin:/bin"));
    return env;
  }

  private ExitResult exitFrom(Path exitFile, int supervisorExit, ProcessTask task) {
    int rc = supervisorExit;
    try {
      if (Files.exists(exitFile)) {
        rc = Integer.parseInt(Files.readString(exitFile).trim());
      }
    } catch (IOException | NumberFormatException e) {
      return finish(task, new ExitResult(supervisorExit, 0, false, "cannot read exit status: " + e.getMessage()));
    }
    return finish(task, rc);
  }

  private ExitResult finish(ProcessTask task, int rc) {
    int signal = rc > 128 && rc <= 128 + 64 ? rc - 128 : 0;
    boolean oom = isolation.oomKilled(task.state);
    return finish(task, new ExitResult(rc, signal, oom, ""));
  }

  private ExitResult finish(ProcessTask task, ExitResult result) {
    // Processes that outlived the task's main process are killed when the isolation can find them.
    isolation.killAll(task.state);
    return result;
  }

  @Override
  public void recover(TaskHandle handle) {
    if (!handle.driver().equals(name)) {
      throw new DriverException("handle of driver " + handle.driver() + " given to " + name, false, null);
    }
    if (tasks.containsKey(handle.taskId())) {
      return;
    }
    long pid = Long.parseLong(handle.state("pid"));
    long startTicks = Long.parseLong(handle.state("startTicks"));
    Path exitFile = Path.of(handle.state("exitFile"));
    ProcessTask task = new ProcessTask(handle.config(), pid, handle.startedAt(), handle.driverState());
    Optional<ProcessHandle> ph = ProcessHandle.of(pid);
    boolean samePid = ph.isPresent() && ProcTree.startTicks(pid).map(t -> t == startTicks).orElse(false);
    if (!samePid) {
      if (Files.exists(exitFile)) {
        tasks.put(handle.taskId(), task);
        task.complete(exitFrom(exitFile, -1, task));
        return;
      }
      throw new DriverException("cannot recover task " + handle.taskId() + ": process " + pid
          + " is gone (or the pid was reused) and left no exit status", true, null);
    }
    tasks.put(handle.taskId(), task);
    ph.get().onExit().thenAccept(p -> task.complete(awaitExitFile(exitFile, task)));
  }

  private ExitResult awaitExitFile(Path exitFile, ProcessTask task) {
    // The supervisor writes the status right after the task exits.
    for (int i = 0; i < 200 && !Files.exists(exitFile); i++) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (!Files.exists(exitFile)) {
      int sig = task.killSignal;
      return finish(task, new ExitResult(sig == 0 ? -1 : 128 + sig, sig, isolation.oomKilled(task.state),
          sig == 0 ? "exit status unknown: the task's supervisor is gone" : ""));
    }
    return exitFrom(exitFile, -1, task);
  }

  @Override
  public CompletableFuture<ExitResult> waitTask(String taskId) {
    return task(taskId).exit.copy();
  }

  @Override
  public void stop(String taskId, Duration timeout, String signal) {
    ProcessTask task = task(taskId);
    if (task.exit.isDone()) {
      return;
    }
    int sig = Signals.number(Signals.orDefault(signal, Signals.SIGTERM));
    Set<Long> members = members(task);
    task.killSignal = sig;
    ProcTree.signalGroup(task.pid, sig);
    for (long p : members) {
      if (p != task.pid) {
        ProcTree.signalPid(p, sig);
      }
    }
    if (awaitExit(task, timeout)) {
      killLeftovers(task, members);
      return;
    }
    task.killSignal = 9;
    killLeftovers(task, members);
    if (!awaitExit(task, Duration.ofSeconds(10))) {
      throw new DriverException("task " + taskId + " (pid " + task.pid + ") did not die after SIGKILL", true, null);
    }
  }

  private void killLeftovers(ProcessTask task, Set<Long> members) {
    members.addAll(members(task));
    isolation.killAll(task.state);
    ProcTree.signalGroup(task.pid, 9);
    for (long p : members) {
      ProcessHandle.of(p).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  private Set<Long> members(ProcessTask task) {
    Set<Long> members = new LinkedHashSet<>(ProcTree.tree(task.pid));
    members.addAll(isolation.pids(task.state));
    return members;
  }

  private static boolean awaitExit(ProcessTask task, Duration timeout) {
    try {
      task.exit.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void destroy(String taskId, boolean force) {
    ProcessTask task = tasks.get(taskId);
    if (task == null) {
      return;
    }
    if (!task.exit.isDone()) {
      if (!force) {
        throw new DriverException("task " + taskId + " is still running; stop it or destroy with force", false, null);
      }
      stop(taskId, Duration.ZERO, Signals.SIGKILL);
    }
    isolation.cleanup(task.state);
    try {
      Files.deleteIfExists(Path.of(task.state.get("exitFile")));
    } catch (IOException e) {
      throw new DriverException("cannot remove exit file of " + taskId + ": " + e.getMessage(), true, e);
    }
    tasks.remove(taskId);
  }

  @Override
  public TaskStatus inspect(String taskId) {
    ProcessTask task = task(taskId);
    ExitResult exit = task.exit.getNow(null);
    return new TaskStatus(taskId, exit == null ? TaskStatus.State.RUNNING : TaskStatus.State.EXITED,
        task.startedAt, task.completedAt, exit, ImmutableMap.of("pid", String.valueOf(task.pid)));
  }

  @Override
  public void signal(String taskId, String signal) {
    ProcessTask task = task(taskId);
    if (task.exit.isDone()) {
      throw new DriverException("task " + taskId + " has exited; cannot signal it", false, null);
    }
    ProcTree.signalGroup(task.pid, Signals.number(signal));
  }

  @Override
  public ExecResult exec(String taskId, List<String> command, Duration timeout) {
    ProcessTask task = task(taskId);
    if (task.exit.isDone()) {
      throw new DriverException("task " + taskId + " has exited; cannot exec in it", false, null);
    }
    if (command.isEmpty()) {
      throw new IllegalArgumentException("exec needs a command");
    }
    ProcessBuilder pb = new ProcessBuilder(isolation.wrapExec(task.state, task.pid, command));
    pb.environment().clear();
    pb.environment().putAll(taskEnvironment(task.config));
    if (task.config.taskDir() != null) {
      pb.directory(task.config.taskDir().toFile());
    }
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("caravan-exec", ".out");
      err = Files.createTempFile("caravan-exec", ".err");
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process p = pb.start();
      if (!p.waitFor(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new DriverException("exec in task " + taskId + " timed out after " + timeout, true, null);
      }
      return new ExecResult(p.exitValue(), Files.readAllBytes(out), Files.readAllBytes(err));
    } catch (IOException e) {
      throw new DriverException("exec in task " + taskId + " failed: " + e.getMessage(), true, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DriverException("interrupted during exec in task " + taskId, true, e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  private static void deleteQuietly(Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        // A leftover temp file is harmless; nothing else to do.
        p.toFile().deleteOnExit();
      }
    }
  }

  @Override
  public TaskResourceUsage stats(String taskId) {
    ProcessTask task = task(taskId);
    List<Long> pids = new ArrayList<>(members(task));
    long rss = 0;
    long cpu = 0;
    for (long p : pids) {
      rss += ProcTree.rssBytes(p);
      cpu += ProcTree.cpuNanos(p);
    }
    long usage = isolation.memoryUsage(task.state).orElse(rss);
    long max = isolation.memoryMaxUsage(task.state).orElse(0);
    long cpuTotal = isolation.cpuNanos(task.state).orElse(cpu);
    return new TaskResourceUsage(clock.instant(), rss, usage, max, cpuTotal,
        isolation.throttledPeriods(task.state), pids.size());
  }

  private ProcessTask task(String taskId) {
    ProcessTask t = tasks.get(taskId);
    if (t == null) {
      throw new TaskNotFoundException(taskId);
    }
    return t;
  }

  private static String sanitize(String id) {
    return id.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /** A running or exited task of this driver. */
  private final class ProcessTask {
    final TaskConfig config;
    final long pid;
    final Instant startedAt;
    final Map<String, String> state;
    final CompletableFuture<ExitResult> exit = new CompletableFuture<>();
    volatile Instant completedAt;
    volatile int killSignal;

    ProcessTask(TaskConfig config, long pid, Instant startedAt, Map<String, String> state) {
      this.config = config;
      this.pid = pid;
      this.startedAt = startedAt;
      this.state = state;
    }

    void complete(ExitResult result) {
      completedAt = clock.instant();
      exit.complete(result);
    }
  }
}
