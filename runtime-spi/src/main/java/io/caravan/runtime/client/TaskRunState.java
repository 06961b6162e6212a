package io.caravan.runtime.client;

import com.google.common.collect.ImmutableList;
import io.caravan.model.cluster.TaskState;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of a task's state on the client.
 *
 * @param state {@code pending}, {@code running} or {@code dead}
 * @param failed whether the task ended in failure
 * @param restarts how many times the task was restarted
 * @param lastRestart when it was last restarted
 * @param startedAt when it last started
 * @param finishedAt when it became dead
 * @param events the task's events, oldest first
 */
public record TaskRunState(
    String state,
    boolean failed,
    long restarts,
    @Nullable Instant lastRestart,
    @Nullable Instant startedAt,
    @Nullable Instant finishedAt,
    ImmutableList<TaskEvent> events) {

  /** The pending state. */
  public static final String PENDING = "pending";
  /** The running state. */
  public static final String RUNNING = "running";
  /** The dead state. */
  public static final String DEAD = "dead";

  /** Validates and copies. */
  public TaskRunState {
    Objects.requireNonNull(state, "state");
    events = ImmutableList.copyOf(events);
  }

  /** Whether the task is dead. */
  public boolean dead() {
    return DEAD.equals(state);
  }

  /** Converts to the cluster model's task state (times as RFC 3339 strings). */
  public TaskState toModel() {
    return new TaskState(
        state,
        failed,
        restarts,
        lastRestart == null ? null : lastRestart.toString(),
        startedAt == null ? null : startedAt.toString(),
        finishedAt == null ? null : finishedAt.toString(),
        events.stream().map(e -> (java.util.Map<String, Object>) e.toModel()).toList());
  }
}
