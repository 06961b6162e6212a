package io.caravan.samples;

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
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A custom task driver, about the smallest useful {@link TaskDriver}: a task
 * {@code greeting} writes {@code hello, <name>} to its stdout, then "runs" for {@code linger}
 * (absent: until stopped) and exits 0. It has a public no-argument constructor so that
 * {@link java.util.ServiceLoader} finds it through a
 * {@code META-INF/services/io.caravan.runtime.driver.TaskDriver} entry naming this class.
 *
 * <p>Task config: {@code name} (string, required), {@code linger} (duration, optional).
 */
public final class GreetingDriver implements TaskDriver {
  /** The name jobs use in a task's {@code driver} field. */
  public static final String NAME = "greeting";

  private static final ConfigSchema SCHEMA = ConfigSchema.builder()
      .required("name", ConfigField.Type.STRING, "who to greet")
      .optional("linger", ConfigField.Type.DURATION, "how long the task runs after greeting (absent: until stopped)")
      .build();

  private final Map<String, Greeting> tasks = new ConcurrentHashMap<>();
  private volatile Clock clock = Clock.systemUTC();

  /** The record of one task: its config, when it started, and its exit once it has exited. */
  private record Greeting(TaskConfig config, Instant startedAt, CompletableFuture<ExitResult> exit) {}

  /** The constructor {@link java.util.ServiceLoader} calls. */
  public GreetingDriver() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void init(DriverContext context) {
    this.clock = context.clock();
  }

  @Override
  public ConfigSchema configSchema() {
    return SCHEMA;
  }

  @Override
  public DriverCapabilities capabilities() {
    return new DriverCapabilities(false, false, DriverCapabilities.FsIsolation.NONE,
        ImmutableSet.of(DriverCapabilities.NetworkIsolationMode.HOST));
  }

  @Override
  public DriverFingerprint fingerprint() {
    // becomes the node attribute driver.greeting = 1, which constraints can select on
    return DriverFingerprint.healthy(Map.of("driver." + NAME, "1"), "ready to greet");
  }

  @Override
  public AutoCloseable watchFingerprint(Consumer<DriverFingerprint> listener) {
    listener.accept(fingerprint()); // the fingerprint never changes: nothing to unsubscribe
    return () -> {};
  }

  @Override
  public TaskHandle start(TaskConfig config) {
    validateConfig(config.driverConfig());
    String line = "hello, " + config.configString("name", "") + "\n";
    if (config.stdoutPath() != null) {
      try {
        Files.writeString(config.stdoutPath(), line, StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new DriverException("cannot write the greeting to " + config.stdoutPath() + ": " + e.getMessage(),
            true, e);
      }
    }
    Instant now = clock.instant();
    Greeting task = new Greeting(config, now, new CompletableFuture<>());
    tasks.put(config.id(), task);
    Object linger = config.driverConfig().get("linger");
    if (linger != null) {
      Duration d = Durations.of(linger);
      CompletableFuture.delayedExecutor(d.toNanos(), TimeUnit.NANOSECONDS)
          .execute(() -> task.exit().complete(ExitResult.code(0)));
    }
    return new TaskHandle(NAME, 1, config, now, ImmutableMap.of());
  }

  @Override
  public void recover(TaskHandle handle) {
    if (!tasks.containsKey(handle.taskId())) {
      throw new DriverException("greeting " + handle.taskId() + " lived in memory and is gone", true, null);
    }
  }

  @Override
  public CompletableFuture<ExitResult> waitTask(String taskId) {
    return task(taskId).exit().copy();
  }

  @Override
  public void stop(String taskId, Duration timeout, String signal) {
    task(taskId).exit().complete(ExitResult.signalled(Signals.number(Signals.orDefault(signal, Signals.SIGTERM))));
  }

  @Override
  public void destroy(String taskId, boolean force) {
    Greeting task = tasks.get(taskId);
    if (task == null) {
      return;
    }
    if (!task.exit().isDone() && !force) {
      throw new DriverException("greeting " + taskId + " still runs; stop it or destroy with force", false, null);
    }
    task.exit().complete(ExitResult.signalled(9));
    tasks.remove(taskId);
  }

  @Override
  public TaskStatus inspect(String taskId) {
    Greeting task = task(taskId);
    ExitResult exit = task.exit().getNow(null);
    return new TaskStatus(taskId, exit == null ? TaskStatus.State.RUNNING : TaskStatus.State.EXITED,
        task.startedAt(), exit == null ? null : clock.instant(), exit, ImmutableMap.of());
  }

  @Override
  public void signal(String taskId, String signal) {
    throw new DriverException("greeting tasks take no signals", false, null);
  }

  @Override
  public ExecResult exec(String taskId, List<String> command, Duration timeout) {
    throw new UnsupportedOperationException("the greeting driver cannot exec commands");
  }

  @Override
  public TaskResourceUsage stats(String taskId) {
    Greeting task = task(taskId);
    return new TaskResourceUsage(clock.instant(), 0, 0, 0, 0, 0, task.exit().isDone() ? 0 : 1);
  }

  private Greeting task(String taskId) {
    Greeting task = tasks.get(taskId);
    if (task == null) {
      throw new TaskNotFoundException(taskId);
    }
    return task;
  }
}
