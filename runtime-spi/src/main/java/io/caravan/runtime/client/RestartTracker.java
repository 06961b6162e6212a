package io.caravan.runtime.client;

import io.caravan.model.job.TaskLifecycle;
import io.caravan.runtime.driver.ExitResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether and when a task restarts, following Nomad's restart tracker: attempts are
 * counted per interval, {@code fail} mode gives up once they are exhausted and {@code delay} mode
 * waits for the interval to end; batch tasks and non-sidecar lifecycle hooks do not restart after
 * a successful exit. Each restart waits {@code delay} plus up to 25% jitter from a seeded source.
 *
 * <p>Feed it one event ({@link #exited}, {@link #startFailed}, {@link #killed} or {@link
 * #restartRequested}) and then call {@link #decide()}. Not thread-safe; a task runner owns one.
 */
public final class RestartTracker {

  /** Fraction of the delay added at most as random jitter. */
  static final double JITTER = 0.25;

  private final RestartRules rules;
  private final boolean restartOnSuccess;
  private final Clock clock;
  private final RandomGenerator random;

  private Instant intervalStart;
  private int count;

  private @Nullable ExitResult exit;
  private @Nullable Throwable startError;
  private boolean startErrorRecoverable;
  private boolean killed;
  private boolean restartRequested;

  /**
   * Creates a tracker.
   *
   * @param rules the resolved restart policy
   * @param jobType the job's type; batch and sysbatch tasks do not restart on success
   * @param lifecycle the task's lifecycle block, or null for a main task
   * @param clock time source
   * @param random seeded source of jitter
   */
  public RestartTracker(
      RestartRules rules,
      String jobType,
      @Nullable TaskLifecycle lifecycle,
      Clock clock,
      RandomGenerator random) {
    this.rules = Objects.requireNonNull(rules, "rules");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    this.restartOnSuccess = restartsOnSuccess(jobType, lifecycle);
    this.intervalStart = clock.instant();
  }

  /**
   * Whether a task restarts after exiting successfully: not for batch jobs; prestart and poststart
   * tasks only when they are sidecars; poststop tasks never.
   */
  static boolean restartsOnSuccess(String jobType, @Nullable TaskLifecycle lifecycle) {
    boolean onSuccess = !RestartRules.isBatch(jobType);
    if (lifecycle != null && lifecycle.hook() != null) {
      switch (lifecycle.hook()) {
        case "prestart", "poststart" -> onSuccess = lifecycle.sidecar();
        case "poststop" -> onSuccess = false;
        default -> {}
      }
    }
    return onSuccess;
  }

  /** Records that the task exited with this status. */
  public RestartTracker exited(ExitResult status) {
    this.exit = Objects.requireNonNull(status, "status");
    return this;
  }

  /** Records that the driver failed to start the task. */
  public RestartTracker startFailed(Throwable error, boolean recoverable) {
    this.startError = Objects.requireNonNull(error, "error");
    this.startErrorRecoverable = recoverable;
    return this;
  }

  /** Records that the task was killed on purpose (it will not restart). */
  public RestartTracker killed() {
    this.killed = true;
    return this;
  }

  /** Records a manual restart request (restarts immediately, not counted as a failure). */
  public RestartTracker restartRequested() {
    this.restartRequested = true;
    return this;
  }

  /** The number of restarts counted in the current interval. */
  public int count() {
    return count;
  }

  /** Decides what happens next from the recorded event, then clears the event. */
  public RestartDecision decide() {
    try {
      return evaluate();
    } finally {
      exit = null;
      startError = null;
      startErrorRecoverable = false;
      killed = false;
      restartRequested = false;
    }
  }

  private RestartDecision evaluate() {
    if (killed) {
      return new RestartDecision(RestartDecision.Outcome.KILLED, Duration.ZERO, "Task killed");
    }
    if (restartRequested) {
      return new RestartDecision(
          RestartDecision.Outcome.RESTART, Duration.ZERO, "User requested restart");
    }
    boolean success = exit != null && exit.successful() && startError == null;
    if (rules.attempts() == 0) {
      if (success) {
        return terminated();
      }
      return new RestartDecision(
          RestartDecision.Outcome.NOT_RESTARTING,
          Duration.ZERO,
          "Policy allows no restarts");
    }
    Instant now = clock.instant();
    Instant end = intervalStart.plus(rules.interval());
    if (now.isAfter(end)) {
      count = 0;
      intervalStart = now;
      end = now.plus(rules.interval());
    }
    count++;
    if (startError != null) {
      if (!startErrorRecoverable) {
        return new RestartDecision(
            RestartDecision.Outcome.NOT_RESTARTING,
            Duration.ZERO,
            "Error was unrecoverable: " + startError.getMessage());
      }
      return restartOrGiveUp(now, end);
    }
    if (exit == null) {
      throw new IllegalStateException("decide() called without an exit, start error or kill");
    }
    if (success && !restartOnSuccess) {
      return terminated();
    }
    return restartOrGiveUp(now, end);
  }

  private RestartDecision terminated() {
    return new RestartDecision(
        RestartDecision.Outcome.TERMINATED, Duration.ZERO, "Task completed successfully");
  }

  private RestartDecision restartOrGiveUp(Instant now, Instant end) {
    if (count > rules.attempts()) {
      String exceeded =
          "Exceeded allowed attempts " + rules.attempts() + " in interval " + rules.interval();
      if (rules.mode() == RestartRules.Mode.FAIL) {
        return new RestartDecision(
            RestartDecision.Outcome.NOT_RESTARTING,
            Duration.ZERO,
            exceeded + " and mode is \"fail\"");
      }
      return new RestartDecision(
          RestartDecision.Outcome.RESTART,
          Duration.between(now, end),
          exceeded + " and mode is \"delay\"");
    }
    return new RestartDecision(
        RestartDecision.Outcome.RESTART, jittered(), "Restart within policy");
  }

  private Duration jittered() {
    long delay = rules.delay().toNanos();
    if (delay <= 0) {
      return Duration.ZERO;
    }
    long extra = (long) (random.nextLong(delay) * JITTER);
    return Duration.ofNanos(delay + extra);
  }
}
