package io.caravan.runtime.plugin;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import io.caravan.runtime.driver.ConfigField;
import io.caravan.runtime.driver.ConfigSchema;
import io.caravan.runtime.driver.DriverCapabilities;
import io.caravan.runtime.driver.DriverContext;
import io.caravan.runtime.driver.DriverFingerprint;
import io.caravan.runtime.driver.ExecResult;
import io.caravan.runtime.driver.ExitResult;
import io.caravan.runtime.driver.TaskConfig;
import io.caravan.runtime.driver.TaskDriver;
import io.caravan.runtime.driver.TaskHandle;
import io.caravan.runtime.driver.TaskNotFoundException;
import io.caravan.runtime.driver.TaskResourceUsage;
import io.caravan.runtime.driver.TaskStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A custom driver as a host application would write one: tasks "echo" their {@code message} and exit with
 * {@code exit_code} at once. Listed in {@code src/test/resources/META-INF/services}.
 */
public final class EchoTestDriver implements TaskDriver {

  private final Map<String, CompletableFuture<ExitResult>> exits = new ConcurrentHashMap<>();
  private final Map<String, String> messages = new ConcurrentHashMap<>();
  private Clock clock;

  @Override
  public String name() {
    return "echo_test";
  }

  @Override
  public void init(DriverContext context) {
    this.clock = context.clock();
  }

  /** The message a task echoed. */
  public String message(String taskId) {
    return messages.get(taskId);
  }

  @Override
  public ConfigSchema configSchema() {
    return ConfigSchema.builder()
        .required("message", ConfigField.Type.STRING, "what to echo")
        .optional("exit_code", ConfigField.Type.INT, "the exit code")
        .build();
  }

  @Override
  public DriverCapabilities capabilities() {
    return new DriverCapabilities(false, false, DriverCapabilities.FsIsolation.NONE,
        ImmutableSet.of(DriverCapabilities.NetworkIsolationMode.HOST));
  }

  @Override
  public DriverFingerprint fingerprint() {
    return DriverFingerprint.healthy(Map.of("driver.echo_test", "1"), "ok");
  }

  @Override
  public AutoCloseable watchFingerprint(Consumer<DriverFingerprint> listener) {
    listener.accept(fingerprint());
    return () -> {};
  }

  @Override
  public TaskHandle start(TaskConfig config) {
    validateConfig(config.driverConfig());
    messages.put(config.id(), config.configString("message", ""));
    exits.put(config.id(), CompletableFuture.completedFuture(
        ExitResult.code((int) config.configLong("exit_code", 0))));
    return new TaskHandle(name(), 1, config, clock.instant(), ImmutableMap.of());
  }

  @Override
  public void recover(TaskHandle handle) {
    throw new TaskNotFoundException(handle.taskId());
  }

  @Override
  public CompletableFuture<ExitResult> waitTask(String taskId) {
    CompletableFuture<ExitResult> f = exits.get(taskId);
    if (f == null) {
      throw new TaskNotFoundException(taskId);
    }
    return f;
  }

  @Override
  public void stop(String taskId, Duration timeout, String signal) {
    waitTask(taskId);
  }

  @Override
  public void destroy(String taskId, boolean force) {
    exits.remove(taskId);
  }

  @Override
  public TaskStatus inspect(String taskId) {
    return new TaskStatus(taskId, TaskStatus.State.EXITED, null, null, waitTask(taskId).join(), ImmutableMap.of());
  }

  @Override
  public void signal(String taskId, String signal) {
    throw new UnsupportedOperationException("echo_test cannot signal");
  }

  @Override
  public ExecResult exec(String taskId, List<String> command, Duration timeout) {
    throw new UnsupportedOperationException("echo_test cannot exec");
  }

  @Override
  public TaskResourceUsage stats(String taskId) {
    return new TaskResourceUsage(clock.instant(), 0, 0, 0, 0, 0, 0);
  }
}
