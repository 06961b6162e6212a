package io.caravan.runtime.client;

import java.time.Duration;
import java.util.Objects;

/**
 * What the {@link RestartTracker} decided after a task exited or failed to start.
 *
 * @param outcome the kind of decision
 * @param delay how long to delay before restarting (zero unless {@code outcome} is RESTART)
 * @param reason human readable explanation, recorded in the task's events
 */
public record RestartDecision(Outcome outcome, Duration delay, String reason) {

  /** Kinds of restart decisions, mirroring Nomad's task event types. */
  public enum Outcome {
    /** Restart the task after {@link RestartDecision#delay()}. */
    RESTART,
    /** Do not restart: the task failed and the policy is exhausted or the error is fatal. */
    NOT_RESTARTING,
    /** Do not restart: the task completed successfully and does not restart on success. */
    TERMINATED,
    /** Do not restart: the task was killed on purpose. */
    KILLED
  }

  /** Validates the decision. */
  public RestartDecision {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(delay, "delay");
    Objects.requireNonNull(reason, "reason");
  }

  /** True when the task ends in failure (Nomad marks the task state failed). */
  public boolean failed() {
    return outcome == Outcome.NOT_RESTARTING;
  }
}
