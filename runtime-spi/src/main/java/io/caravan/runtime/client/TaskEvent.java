package io.caravan.runtime.client;

import com.google.common.collect.ImmutableMap;
import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened to a task, in Nomad's vocabulary ({@code Received}, {@code Started},
 * {@code Terminated}, {@code Restarting}, {@code Not Restarting}, {@code Killing}, {@code Killed},
 * {@code Driver Failure}, {@code Sibling Task Failed}, …).
 *
 * @param type the event type
 * @param time when it happened
 * @param message a human readable detail
 * @param exitCode the exit code for {@code Terminated}, else 0
 * @param signal the signal for {@code Terminated}, else 0
 */
public record TaskEvent(String type, Instant time, String message, int exitCode, int signal) {

  /** Event types used by the task runner. */
  public static final String RECEIVED = "Received";
  /** The driver started the task. */
  public static final String STARTED = "Started";
  /** The task's process exited. */
  public static final String TERMINATED = "Terminated";
  /** The task will be restarted. */
  public static final String RESTARTING = "Restarting";
  /** The restart policy gave up. */
  public static final String NOT_RESTARTING = "Not Restarting";
  /** The driver failed to start the task. */
  public static final String DRIVER_FAILURE = "Driver Failure";
  /** The task is being killed. */
  public static final String KILLING = "Killing";
  /** The task was killed. */
  public static final String KILLED = "Killed";
  /** Preparing the task's files (artifacts, templates, payload) failed. */
  public static final String SETUP_FAILURE = "Setup Failure";
  /** The task was recovered after a client restart. */
  public static final String RECOVERED = "Recovered";

  /** Validates the event. */
  public TaskEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(message, "message");
  }

  /** The event as the loosely typed map the cluster model's {@code TaskState.events} holds. */
  public ImmutableMap<String, Object> toModel() {
    return ImmutableMap.of(
        "Type", type,
        "Time", time.toEpochMilli() * 1_000_000L,
        "DisplayMessage", message,
        "ExitCode", exitCode,
        "Signal", signal);
  }
}
