package io.caravan.drivers.mock;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import io.caravan.runtime.driver.ConfigField;
import io.caravan.runtime.driver.ConfigSchema;
import io.caravan.runtime.driver.DriverCapabilities;
import io.caravan.runtime.driver.DriverContext;
import io.caravan.runtime.driver.DriverException;
import io.caravan.runtime.driver.DriverFingerprint;
import io.caravan.runtime.driver.Durations;
import io.caravan.runtime.driver.ExecResult;
import io.caravan.runtime.driver.ExitResult;
import io.caravan.runtime.driver.Signals;
import io.caravan.runtime.driver.TaskConfig;
import io.caravan.runtime.driver.TaskDriver;
import io.caravan.runtime.driver.TaskHandle;
import io.caravan.runtime.driver.TaskNotFoundException;
import io.caravan.runtime.driver.TaskResourceUsage;
import io.caravan.runtime.driver.TaskStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A simulated driver (Nomad's {@code mock_driver}): tasks "run" for {@code run_for} and exit with {@code exit_code},
 * costing one small object and one timer each.
 *
 * <p>Task config: {@code run_for} (duration; absent = until stopped), {@code exit_code}, {@code start_error}
 * (starting fails with this message), {@code start_error_recoverable}, {@code fail_after_starts} (starts of the same
 * task id after this many fail), {@code kill_after} (how long the task takes to die when signalled),
 * {@code stdout_string} (written to the stdout file at start), {@code exit_signal}, {@code oom_killed}.
 *
 * <p>Plugin config: {@code manual_time = true} makes timers fire only when {@link #advance()} is called (for simulations
 * on a hand-moved clock); otherwise one shared scheduler thread fires them. {@code health} sets the initial
 * fingerprint health ({@code healthy}, {@code unhealthy}, {@code undetected}); {@link #setHealth} changes it.
 */
public class MockDriver implements TaskDriver {

  /** The driver name, as Nomad names its mock driver. */
  public static final String NAME = "mock_driver";

  /** The short name the issue tracker and samples use; {@link MockShortNameDriver} registers it. */
  public static final String SHORT_NAME = "mock";

  private static final ConfigSchema SCHEMA = ConfigSchema.builder()
      .optional("run_for", ConfigField.Type.DURATION, "how long the task runs before exiting")
      .optional("exit_code", ConfigField.Type.INT, "the exit code when run_for elapses")
      .optional("exit_signal", ConfigField.Type.INT, "the signal the task reports when run_for elapses")
      .optional("oom_killed", ConfigField.Type.BOOL, "report the exit as an OOM kill")
      .optional("start_error", ConfigField.Type.STRING, "make start fail with this message")
      .optional("start_error_recoverable", ConfigField.Type.BOOL, "whether the start error is recoverable")
      .optional("fail_after_starts", ConfigField.Type.INT, "starts of this task after this many fail")
      .optional("kill_after", ConfigField.Type.DURATION, "how long the task takes to die when stopped")
      .optional("stdout_string", ConfigField.Type.STRING, "text written to stdout at start")
      .build();

  private final Map<String, MockTask> tasks = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> starts = new ConcurrentHashMap<>();
  private final List<Consumer<DriverFingerprint>> listeners = new CopyOnWriteArrayList<>();
  private volatile Clock clock = Clock.systemUTC();
  private volatile TimerQueue timers;
  private volatile ScheduledExecutorService executor;
  private volatile boolean manualTime;
  private final String name;
  private volatile DriverFingerprint fingerprint;

  /** The mock driver under Nomad's name {@value #NAME}. */
  public MockDriver() {
    this(NAME);
  }

  /** The mock driver registered under {@code name}. */
  protected MockDriver(String name) {
    this.name = name;
    this.fingerprint = healthy();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void init(DriverContext context) {
    this.clock = context.clock();
    this.manualTime = Boolean.TRUE.equals(context.pluginConfig().get("manual_time"));
    if (!manualTime) {
      executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mock-driver-timers");
        t.setDaemon(true);
        return t;
      });
    }
    timers = new TimerQueue(clock, executor);
    Object health = context.pluginConfig().get("health");
    if (health != null) {
      setHealth(DriverFingerprint.Health.valueOf(health.toString().toUpperCase(java.util.Locale.ROOT)),
          "configured " + health);
    }
  }

  private TimerQueue timers() {
    if (timers == null) {
      init(DriverContext.of(Clock.systemUTC()));
    }
    return timers;
  }

  private DriverFingerprint healthy() {
    return DriverFingerprint.healthy(Map.of("driver." + name, "1"), "healthy");
  }

  /** Changes the driver's health and notifies fingerprint listeners. */
  public void setHealth(DriverFingerprint.Health health, String description) {
    fingerprint = switch (health) {
      case HEALTHY -> healthy();
      case UNHEALTHY -> DriverFingerprint.unhealthy(Map.of("driver." + name, "1"), description);
      case UNDETECTED -> DriverFingerprint.undetected(description);
    };
    listeners.forEach(l -> l.accept(fingerprint));
  }

  /** Fires every timer due at the clock's current time (needed with {@code manual_time}); returns how many fired. */
  public int advance() {
    return timers().runDue();
  }

  /** How many tasks are still running. */
  public long runningTasks() {
    return tasks.values().stream().filter(t -> !t.exit.isDone()).count();
  }

  @Override
  public ConfigSchema configSchema() {
    return SCHEMA;
  }

  @Override
  public DriverCapabilities capabilities() {
    return new DriverCapabilities(true, true, DriverCapabilities.FsIsolation.NONE,
        ImmutableSet.of(DriverCapabilities.NetworkIsolationMode.HOST, DriverCapabilities.NetworkIsolationMode.GROUP));
  }

  @Override
  public DriverFingerprint fingerprint() {
    return fingerprint;
  }

  @Override
  public AutoCloseable watchFingerprint(Consumer<DriverFingerprint> listener) {
    listeners.add(listener);
    listener.accept(fingerprint);
    return () -> listeners.remove(listener);
  }

  @Override
  public TaskHandle start(TaskConfig config) {
    validateConfig(config.driverConfig());
    int n = starts.computeIfAbsent(config.id(), k -> new AtomicInteger()).incrementAndGet();
    String startError = config.configString("start_error", "");
    if (!startError.isEmpty()) {
      throw new DriverException(startError, config.configBool("start_error_recoverable", false), null);
    }
    long failAfter = config.configLong("fail_after_starts", -1);
    if (failAfter >= 0 && n > failAfter) {
      throw new DriverException("mock task " + config.id() + " fails after " + failAfter + " starts (this is start "
          + n + ")", true, null);
    }
    String out = config.configString("stdout_string", "");
    if (!out.isEmpty() && config.stdoutPath() != null) {
      try {
        if (config.stdoutPath().getParent() != null) {
          Files.createDirectories(config.stdoutPath().getParent());
        }
        Files.writeString(config.stdoutPath(), out, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new DriverException("cannot write mock stdout: " + e.getMessage(), true, e);
      }
    }
    Instant now = clock.instant();
    MockTask task = new MockTask(config, now);
    tasks.put(config.id(), task);
    Object runFor = config.driverConfig().get("run_for");
    if (runFor != null) {
      int sig = (int) config.configLong("exit_signal", 0);
      ExitResult result = new ExitResult((int) config.configLong("exit_code", 0), sig,
          config.configBool("oom_killed", false), "");
      timers().schedule(Durations.of(runFor), () -> task.finish(result));
    }
    return new TaskHandle(name, 1, config, now, ImmutableMap.of("startedAt", now.toString()));
  }

  @Override
  public void recover(TaskHandle handle) {
    // Simulated tasks live in memory only: after a restart they are gone unless this instance still has them.
    if (!tasks.containsKey(handle.taskId())) {
      throw new DriverException("mock task " + handle.taskId() + " cannot be recovered: simulated tasks do not "
          + "survive the driver", true, null);
    }
  }

  @Override
  public CompletableFuture<ExitResult> waitTask(String taskId) {
    return task(taskId).exit.copy();
  }

  /**
   * Stops the task: it dies {@code kill_after} after the signal, or at {@code timeout} with SIGKILL when
   * {@code kill_after} is longer. Blocks until dead unless {@code manual_time} is on (then {@link #advance()} ends it).
   */
  @Override
  public void stop(String taskId, Duration timeout, String signal) {
    MockTask task = task(taskId);
    if (task.exit.isDone()) {
      return;
    }
    int sig = Signals.number(Signals.orDefault(signal, Signals.SIGTERM));
    Object killAfterValue = task.config.driverConfig().get("kill_after");
    Duration killAfter = killAfterValue == null ? Duration.ZERO : Durations.of(killAfterValue);
    if (killAfter.isZero()) {
      task.finish(ExitResult.signalled(sig));
      return;
    }
    if (killAfter.compareTo(timeout) <= 0) {
      timers().schedule(killAfter, () -> task.finish(ExitResult.signalled(sig)));
    } else {
      timers().schedule(timeout, () -> task.finish(ExitResult.signalled(9)));
    }
    if (!manualTime) {
      try {
        task.exit.get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        throw new DriverException("mock task " + taskId + " did not stop: " + e.getMessage(), true, e);
      }
    }
  }

  @Override
  public void destroy(String taskId, boolean force) {
    MockTask task = tasks.get(taskId);
    if (task == null) {
      return;
    }
    if (!task.exit.isDone()) {
      if (!force) {
        throw new DriverException("task " + taskId + " is still running; stop it or destroy with force", false, null);
      }
      task.finish(ExitResult.signalled(9));
    }
    tasks.remove(taskId);
  }

  @Override
  public TaskStatus inspect(String taskId) {
    MockTask task = task(taskId);
    ExitResult exit = task.exit.getNow(null);
    return new TaskStatus(taskId, exit == null ? TaskStatus.State.RUNNING : TaskStatus.State.EXITED, task.startedAt,
        task.completedAt, exit, ImmutableMap.of());
  }

  @Override
  public void signal(String taskId, String signal) {
    MockTask task = task(taskId);
    Signals.number(signal);
    if (task.exit.isDone()) {
      throw new DriverException("task " + taskId + " has exited; cannot signal it", false, null);
    }
    task.signals.add(signal);
  }

  /** The signals a task received through {@link #signal}, in order. */
  public List<String> signalsReceived(String taskId) {
    return List.copyOf(task(taskId).signals);
  }

  @Override
  public ExecResult exec(String taskId, List<String> command, Duration timeout) {
    task(taskId);
    return new ExecResult(0, (String.join(" ", command) + "\n").getBytes(StandardCharsets.UTF_8), new byte[0]);
  }

  @Override
  public TaskResourceUsage stats(String taskId) {
    MockTask task = task(taskId);
    return new TaskResourceUsage(clock.instant(), 0, 0, 0, 0, 0, task.exit.isDone() ? 0 : 1);
  }

  @Override
  public void close() {
    ScheduledExecutorService e = executor;
    if (e != null) {
      e.shutdownNow();
    }
  }

  private MockTask task(String taskId) {
    MockTask t = tasks.get(taskId);
    if (t == null) {
      throw new TaskNotFoundException(taskId);
    }
    return t;
  }

  /** A simulated task. */
  private final class MockTask {
    final TaskConfig config;
    final Instant startedAt;
    final CompletableFuture<ExitResult> exit = new CompletableFuture<>();
    final List<String> signals = new CopyOnWriteArrayList<>();
    volatile Instant completedAt;

    MockTask(TaskConfig config, Instant startedAt) {
      this.config = config;
      this.startedAt = startedAt;
    }

    void finish(ExitResult r) {
      if (!exit.isDone()) {
        completedAt = clock.instant();
        exit.complete(r);
      }
    }
  }
}
