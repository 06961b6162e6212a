package io.caravan.runtime.client;

import com.google.common.collect.ImmutableMap;
import io.caravan.runtime.driver.ConfigSchema;
import io.caravan.runtime.driver.DriverCapabilities;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Test driver: each start takes the next scripted outcome (exit at once with a result, fail to
 * start, or run until stopped); it records every call so tests can check what the runner did.
 * Tasks that run until stopped exit with 128+signal when stopped.
 */
final class ScriptedDriver implements TaskDriver {

  /** One scripted start. */
  sealed interface Step permits Exit, StartFails, RunUntilStopped {}

  record Exit(ExitResult result) implements Step {}

  record StartFails(String message, boolean recoverable) implements Step {}

  record RunUntilStopped() implements Step {}

  final Deque<Step> script = new ArrayDeque<>();
  final Map<String, Deque<Step>> perTask = new ConcurrentHashMap<>();
  final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());
  final Map<String, CompletableFuture<ExitResult>> running = new ConcurrentHashMap<>();
  volatile Step fallback = new RunUntilStopped();

  ScriptedDriver then(Step step) {
    script.add(step);
    return this;
  }

  /** Scripts the next start of one task (by task name). */
  ScriptedDriver then(String taskName, Step step) {
    perTask.computeIfAbsent(taskName, t -> new ArrayDeque<>()).add(step);
    return this;
  }

  long starts() {
    return calls.stream().filter(c -> c.startsWith("start")).count();
  }

  @Override
  public String name() {
    return "scripted";
  }

  @Override
  public ConfigSchema configSchema() {
    return ConfigSchema.builder().allowUnknownFields().build();
  }

  private volatile DriverCapabilities.FsIsolation fsIsolation = DriverCapabilities.FsIsolation.NONE;

  /** Reports the given filesystem isolation in its capabilities (the client picks the task's paths by it). */
  ScriptedDriver fsIsolation(DriverCapabilities.FsIsolation isolation) {
    this.fsIsolation = isolation;
    return this;
  }

  @Override
  public DriverCapabilities capabilities() {
    return new DriverCapabilities(true, true, fsIsolation, com.google.common.collect.ImmutableSet.of());
  }

  @Override
  public DriverFingerprint fingerprint() {
    return DriverFingerprint.healthy(Map.of("driver.scripted", "1"), "ok");
  }

  @Override
  public AutoCloseable watchFingerprint(Consumer<DriverFingerprint> listener) {
    listener.accept(fingerprint());
    return () -> {};
  }

  @Override
  public synchronized TaskHandle start(TaskConfig config) {
    calls.add("start " + config.id());
    Deque<Step> own = perTask.get(config.taskName());
    Step step = own != null && !own.isEmpty() ? own.poll()
        : script.isEmpty() ? fallback : script.poll();
    if (step instanceof StartFails f) {
      throw new DriverException(f.message(), f.recoverable(), null);
    }
    CompletableFuture<ExitResult> exit = new CompletableFuture<>();
    if (step instanceof Exit e) {
      exit.complete(e.result());
    }
    running.put(config.id(), exit);
    return new TaskHandle("scripted", 1, config, Instant.EPOCH, ImmutableMap.of("n", "1"));
  }

  @Override
  public void recover(TaskHandle handle) {
    calls.add("recover " + handle.taskId());
    if (!"1".equals(handle.driverState().get("n"))) {
      throw new DriverException("unknown handle", false, null);
    }
    running.putIfAbsent(handle.taskId(), new CompletableFuture<>());
  }

  @Override
  public CompletableFuture<ExitResult> waitTask(String taskId) {
    CompletableFuture<ExitResult> f = running.get(taskId);
    if (f == null) {
      throw new TaskNotFoundException(taskId);
    }
    return f;
  }

  @Override
  public void stop(String taskId, Duration timeout, String signal) {
    calls.add("stop " + taskId + " " + signal + " " + timeout);
    CompletableFuture<ExitResult> f = running.get(taskId);
    if (f != null) {
      f.complete(ExitResult.signalled(Signals.number(signal)));
    }
  }

  @Override
  public void destroy(String taskId, boolean force) {
    calls.add("destroy " + taskId);
    running.remove(taskId);
  }

  @Override
  public TaskStatus inspect(String taskId) {
    throw new UnsupportedOperationException("not needed by the runner");
  }

  @Override
  public void signal(String taskId, String signal) {
    calls.add("signal " + taskId + " " + signal);
  }

  @Override
  public ExecResult exec(String taskId, List<String> command, Duration timeout) {
    calls.add("exec " + taskId + " " + String.join(" ", command));
    if (taskId.equals("missing")) {
      throw new TaskNotFoundException(taskId);
    }
    boolean ok = command.get(0).equals("/bin/true");
    return new ExecResult(ok ? 0 : 1, new byte[0],
        (ok ? "" : "script failed").getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Override
  public TaskResourceUsage stats(String taskId) {
    throw new UnsupportedOperationException("not needed by the runner");
  }
}
