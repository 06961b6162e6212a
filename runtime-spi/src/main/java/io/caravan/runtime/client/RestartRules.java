package io.caravan.runtime.client;

import io.caravan.model.job.RestartPolicy;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A fully resolved restart policy (no missing fields) that the {@link RestartTracker} applies.
 *
 * @param attempts restarts allowed within one interval; 0 means never restart
 * @param interval length of the window in which attempts are counted
 * @param delay base wait before a restart (jitter of up to 25% is added)
 * @param mode what to do once attempts are exhausted within the interval
 */
public record RestartRules(int attempts, Duration interval, Duration delay, Mode mode) {

  /** What happens when a task fails more often than {@code attempts} within one interval. */
  public enum Mode {
    /** Stop restarting; the task is dead and failed. */
    FAIL,
    /** Wait until the current interval ends, then restart with a fresh count. */
    DELAY
  }

  /** Validates the rules. */
  public RestartRules {
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(delay, "delay");
    Objects.requireNonNull(mode, "mode");
    if (attempts < 0) {
      throw new IllegalArgumentException("restart.attempts must be >= 0, was " + attempts);
    }
    if (delay.isNegative()) {
      throw new IllegalArgumentException("restart.delay must not be negative, was " + delay);
    }
    if (interval.isNegative()) {
      throw new IllegalArgumentException("restart.interval must not be negative, was " + interval);
    }
  }

  /** Nomad's default for service and system jobs: 2 attempts in 30 minutes, 15 s delay, fail. */
  public static RestartRules serviceDefaults() {
    return new RestartRules(2, Duration.ofMinutes(30), Duration.ofSeconds(15), Mode.FAIL);
  }

  /** Nomad's default for batch and sysbatch jobs: 3 attempts in 24 hours, 15 s delay, fail. */
  public static RestartRules batchDefaults() {
    return new RestartRules(3, Duration.ofHours(24), Duration.ofSeconds(15), Mode.FAIL);
  }

  /**
   * Resolves a jobspec restart policy, filling missing fields from the job type's defaults.
   *
   * @param policy the task's (already merged with its group's) policy, or null
   * @param jobType {@code service}, {@code batch}, {@code system} or {@code sysbatch}
   */
  public static RestartRules resolve(@Nullable RestartPolicy policy, String jobType) {
    RestartRules base = isBatch(jobType) ? batchDefaults() : serviceDefaults();
    if (policy == null) {
      return base;
    }
    return new RestartRules(
        policy.attempts() != null ? policy.attempts() : base.attempts(),
        policy.interval() != null ? policy.interval() : base.interval(),
        policy.delay() != null ? policy.delay() : base.delay(),
        policy.mode() != null ? parseMode(policy.mode()) : base.mode());
  }

  static boolean isBatch(String jobType) {
    return "batch".equals(jobType) || "sysbatch".equals(jobType);
  }

  private static Mode parseMode(String mode) {
    return switch (mode) {
      case "fail" -> Mode.FAIL;
      case "delay" -> Mode.DELAY;
      default ->
          throw new IllegalArgumentException(
              "restart.mode must be \"fail\" or \"delay\", was \"" + mode + "\"");
    };
  }
}
