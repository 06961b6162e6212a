package io.caravan.runtime.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Decides an allocation's deployment health as Nomad's health watcher does with {@code
 * health_check = "checks"}: healthy once its tasks are running and every check passes, continuously
 * for {@code min_healthy_time}; unhealthy as soon as a task fails, or when {@code
 * healthy_deadline} passes without becoming healthy. The decision, once made, is final.
 */
public final class AllocHealthTracker {

  private final Duration minHealthyTime;
  private final Instant deadline;
  private final Clock clock;
  private @Nullable Instant healthySince;
  private @Nullable Boolean decision;

  /**
   * Creates a tracker starting now.
   *
   * @param minHealthyTime how long everything must stay healthy
   * @param healthyDeadline how long the allocation has to become healthy
   * @param clock time source
   */
  public AllocHealthTracker(Duration minHealthyTime, Duration healthyDeadline, Clock clock) {
    this.minHealthyTime = Objects.requireNonNull(minHealthyTime, "minHealthyTime");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.deadline = clock.instant().plus(Objects.requireNonNull(healthyDeadline));
  }

  /**
   * Feeds the current observation and returns the decision, if made.
   *
   * @param tasksHealthy whether all long-running tasks are running (see {@link
   *     AllocRunner#tasksHealthy()})
   * @param anyTaskFailed whether a task failed
   * @param checksPassing whether every service check currently passes
   */
  public synchronized Optional<Boolean> observe(boolean tasksHealthy, boolean anyTaskFailed, boolean checksPassing) {
    if (decision != null) {
      return Optional.of(decision);
    }
    Instant now = clock.instant();
    if (anyTaskFailed) {
      decision = false;
    } else if (tasksHealthy && checksPassing) {
      if (healthySince == null) {
        healthySince = now;
      }
      if (!now.isBefore(healthySince.plus(minHealthyTime))) {
        decision = true;
      }
    } else {
      healthySince = null;
    }
    if (decision == null && now.isAfter(deadline)) {
      decision = false;
    }
    return Optional.ofNullable(decision);
  }
}
