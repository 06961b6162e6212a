package io.caravan.runtime.driver;

import com.google.common.collect.ImmutableMap;
import java.time.Instant;
import java.util.Optional;

/**
 * A task's state as its driver sees it.
 *
 * @param taskId the task id
 * @param state running or exited
 * @param startedAt when it started
 * @param completedAt when it exited, null while running
 * @param exitResult the exit result once exited, null while running
 * @param attributes driver-specific details (pid, container id, ...)
 */
public record TaskStatus(
    String taskId,
    State state,
    Instant startedAt,
    Instant completedAt,
    ExitResult exitResult,
    ImmutableMap<String, String> attributes) {

  public TaskStatus {
    attributes = attributes == null ? ImmutableMap.of() : attributes;
  }

  /** The exit result, present once the task exited. */
  public Optional<ExitResult> exit() {
    return Optional.ofNullable(exitResult);
  }

  /** A task's run state. */
  public enum State {
    /** The task is running. */
    RUNNING,
    /** The task has exited. */
    EXITED
  }
}
