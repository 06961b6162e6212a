package io.caravan.runtime.driver;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A task driver: runs tasks of one kind (processes, JVMs, containers, simulations) for the client.
 *
 * <p>Implementations need a public no-argument constructor to be found by {@link java.util.ServiceLoader}; the client
 * calls {@link #init(DriverContext)} once before any other method. Every method taking a task id throws
 * {@link TaskNotFoundException} when the driver does not know the task. Methods are safe to call from several threads.
 */
public interface TaskDriver extends AutoCloseable {

  /** The driver name used in a task's {@code driver} field, e.g. {@code raw_exec}. */
  String name();

  /** Gives the driver its clock and plugin configuration; called once before anything else. */
  default void init(DriverContext context) {}

  /** The schema of the task's {@code config} block. */
  ConfigSchema configSchema();

  /**
   * Checks a task's {@code config} block; the default checks it against {@link #configSchema()}.
   *
   * @throws DriverConfigException naming the offending field
   */
  default void validateConfig(Map<String, Object> config) {
    configSchema().validate(config);
  }

  /** What the driver supports. */
  DriverCapabilities capabilities();

  /** The driver's current fingerprint (attributes such as {@code driver.docker.version} and health). */
  DriverFingerprint fingerprint();

  /**
   * Subscribes to fingerprint updates. The listener gets the current fingerprint at once, then every change.
   *
   * @return a handle whose {@code close()} ends the subscription
   */
  AutoCloseable watchFingerprint(Consumer<DriverFingerprint> listener);

  /**
   * Starts a task. The returned handle carries everything needed to {@link #recover(TaskHandle)} the task after a
   * client restart and must be persisted by the client.
   *
   * @throws DriverConfigException when the config block is invalid
   * @throws DriverException when the task cannot be started
   */
  TaskHandle start(TaskConfig config);

  /**
   * Re-attaches to a task started by an earlier instance of this driver (e.g. before a client restart).
   *
   * @throws DriverException when the task no longer exists (the client then treats it as lost and may restart it)
   */
  void recover(TaskHandle handle);

  /** Completes with the task's exit result once it has exited; completes at once for an exited task. */
  CompletableFuture<ExitResult> waitTask(String taskId);

  /**
   * Stops a task: sends {@code signal} (a name such as {@code SIGTERM}; null or empty means the driver's default),
   * waits up to {@code timeout}, then kills it forcefully. Returns once the task is dead.
   */
  void stop(String taskId, Duration timeout, String signal);

  /** Forgets an exited task and frees its resources; with {@code force} a running task is killed first. */
  void destroy(String taskId, boolean force);

  /** The task's current status. */
  TaskStatus inspect(String taskId);

  /** Sends a signal (a name such as {@code SIGHUP}) to the task. */
  void signal(String taskId, String signal);

  /**
   * Runs a command inside the task's environment and isolation and waits for it.
   *
   * @throws UnsupportedOperationException when {@link DriverCapabilities#exec()} is false
   */
  ExecResult exec(String taskId, List<String> command, Duration timeout);

  /** The task's current resource usage. */
  TaskResourceUsage stats(String taskId);

  /** Releases driver-wide resources (threads, connections). Running tasks are left running, to be recovered. */
  @Override
  default void close() {}
}
