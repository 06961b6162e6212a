package io.caravan.runtime.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caravan.model.job.RestartPolicy;
import io.caravan.model.job.TaskLifecycle;
import io.caravan.runtime.driver.ExitResult;
import io.caravan.runtime.client.RestartDecision.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RestartTrackerTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  private RestartTracker tracker(RestartRules rules, String type, TaskLifecycle lifecycle) {
    return new RestartTracker(rules, type, lifecycle, clock, new SplittableRandom(42));
  }

  private static RestartRules rules(int attempts, RestartRules.Mode mode) {
    return new RestartRules(attempts, Duration.ofMinutes(5), Duration.ofSeconds(10), mode);
  }

  @Test
  void failModeGivesUpAfterAttemptsWithinInterval() {
    RestartTracker t = tracker(rules(2, RestartRules.Mode.FAIL), "service", null);
    assertThat(t.exited(ExitResult.code(1)).decide().outcome()).isEqualTo(Outcome.RESTART);
    assertThat(t.exited(ExitResult.code(1)).decide().outcome()).isEqualTo(Outcome.RESTART);
    RestartDecision third = t.exited(ExitResult.code(1)).decide();
    assertThat(third.outcome()).isEqualTo(Outcome.NOT_RESTARTING);
    assertThat(third.failed()).isTrue();
    assertThat(third.reason()).contains("Exceeded allowed attempts 2").contains("\"fail\"");
  }

  @Test
  void delayModeWaitsUntilIntervalEnds() {
    RestartTracker t = tracker(rules(1, RestartRules.Mode.DELAY), "service", null);
    assertThat(t.exited(ExitResult.code(1)).decide().outcome()).isEqualTo(Outcome.RESTART);
    clock.advance(Duration.ofMinutes(1));
    RestartDecision second = t.exited(ExitResult.code(1)).decide();
    assertThat(second.outcome()).isEqualTo(Outcome.RESTART);
    assertThat(second.delay()).isEqualTo(Duration.ofMinutes(4));
    assertThat(second.reason()).contains("\"delay\"");
  }

  @Test
  void newIntervalResetsTheCount() {
    RestartTracker t = tracker(rules(1, RestartRules.Mode.FAIL), "service", null);
    assertThat(t.exited(ExitResult.code(1)).decide().outcome()).isEqualTo(Outcome.RESTART);
    clock.advance(Duration.ofMinutes(6));
    assertThat(t.exited(ExitResult.code(1)).decide().outcome()).isEqualTo(Outcome.RESTART);
    assertThat(t.count()).isEqualTo(1);
    assertThat(t.exited(ExitResult.code(1)).decide().outcome())
        .isEqualTo(Outcome.NOT_RESTARTING);
  }

  @Test
  void restartWaitIsDelayPlusAtMostAQuarterJitter() {
    long seed = 7;
    SplittableRandom random = new SplittableRandom(seed);
    RestartTracker t =
        new RestartTracker(
            new RestartRules(1000, Duration.ofHours(1), Duration.ofSeconds(8),
                RestartRules.Mode.FAIL),
            "service", null, clock, random);
    boolean sawJitter = false;
    for (int i = 0; i < 200; i++) {
      Duration wait = t.exited(ExitResult.code(1)).decide().delay();
      assertThat(wait).as("seed %d iteration %d", seed, i)
          .isGreaterThanOrEqualTo(Duration.ofSeconds(8))
          .isLessThan(Duration.ofSeconds(10));
      sawJitter |= wait.compareTo(Duration.ofMillis(8500)) > 0;
    }
    assertThat(sawJitter).isTrue();
  }

  @Test
  void sameSeedGivesSameWaits() {
    RestartRules r = rules(10, RestartRules.Mode.FAIL);
    RestartTracker a = new RestartTracker(r, "service", null, clock, new SplittableRandom(3));
    RestartTracker b = new RestartTracker(r, "service", null, clock, new SplittableRandom(3));
    for (int i = 0; i < 5; i++) {
      assertThat(a.exited(ExitResult.code(2)).decide())
          .isEqualTo(b.exited(ExitResult.code(2)).decide());
    }
  }

  @Test
  void batchTaskTerminatesOnSuccessButServiceRestarts() {
    RestartRules r = rules(2, RestartRules.Mode.FAIL);
    assertThat(tracker(r, "batch", null).exited(ExitResult.code(0)).decide().outcome())
        .isEqualTo(Outcome.TERMINATED);
    assertThat(tracker(r, "sysbatch", null).exited(ExitResult.code(0)).decide().outcome())
        .isEqualTo(Outcome.TERMINATED);
    assertThat(tracker(r, "service", null).exited(ExitResult.code(0)).decide().outcome())
        .isEqualTo(Outcome.RESTART);
  }

  @Test
  void batchTaskFailureStillRestarts() {
    RestartTracker t = tracker(rules(1, RestartRules.Mode.FAIL), "batch", null);
    assertThat(t.exited(ExitResult.code(3)).decide().outcome()).isEqualTo(Outcome.RESTART);
  }

  @Test
  void lifecycleHooksRestartOnSuccessOnlyAsSidecars() {
    RestartRules r = rules(2, RestartRules.Mode.FAIL);
    assertThat(tracker(r, "service", new TaskLifecycle("prestart", false))
            .exited(ExitResult.code(0)).decide().outcome())
        .isEqualTo(Outcome.TERMINATED);
    assertThat(tracker(r, "service", new TaskLifecycle("prestart", true))
            .exited(ExitResult.code(0)).decide().outcome())
        .isEqualTo(Outcome.RESTART);
    assertThat(tracker(r, "service", new TaskLifecycle("poststart", true))
            .exited(ExitResult.code(0)).decide().outcome())
        .isEqualTo(Outcome.RESTART);
    assertThat(tracker(r, "service", new TaskLifecycle("poststop", true))
            .exited(ExitResult.code(0)).decide().outcome())
        .isEqualTo(Outcome.TERMINATED);
  }

  @Test
  void zeroAttemptsNeverRestarts() {
    RestartRules r = rules(0, RestartRules.Mode.DELAY);
    assertThat(tracker(r, "service", null).exited(ExitResult.code(1)).decide().outcome())
        .isEqualTo(Outcome.NOT_RESTARTING);
    assertThat(tracker(r, "service", null).exited(ExitResult.code(0)).decide().outcome())
        .isEqualTo(Outcome.TERMINATED);
  }

  @Test
  void unrecoverableStartErrorDoesNotRestart() {
    RestartTracker t = tracker(rules(5, RestartRules.Mode.FAIL), "service", null);
    RestartDecision d = t.startFailed(new IllegalStateException("no binary"), false).decide();
    assertThat(d.outcome()).isEqualTo(Outcome.NOT_RESTARTING);
    assertThat(d.reason()).contains("no binary");
    assertThat(t.startFailed(new IllegalStateException("busy"), true).decide().outcome())
        .isEqualTo(Outcome.RESTART);
  }

  @Test
  void killAndManualRestartTakePrecedence() {
    RestartTracker t = tracker(rules(0, RestartRules.Mode.FAIL), "service", null);
    assertThat(t.exited(ExitResult.code(1)).killed().decide().outcome())
        .isEqualTo(Outcome.KILLED);
    RestartDecision manual = t.restartRequested().decide();
    assertThat(manual.outcome()).isEqualTo(Outcome.RESTART);
    assertThat(manual.delay()).isZero();
  }

  @Test
  void signalledOrOomExitIsAFailure() {
    RestartTracker t = tracker(rules(0, RestartRules.Mode.FAIL), "batch", null);
    assertThat(t.exited(ExitResult.signalled(15)).decide().outcome())
        .isEqualTo(Outcome.NOT_RESTARTING);
    assertThat(t.exited(new ExitResult(137, 0, true, "")).decide().outcome())
        .isEqualTo(Outcome.NOT_RESTARTING);
  }

  @Test
  void resolveFillsMissingFieldsFromJobTypeDefaults() {
    RestartRules batch = RestartRules.resolve(RestartPolicy.builder().attempts(7).build(), "batch");
    assertThat(batch).isEqualTo(
        new RestartRules(7, Duration.ofHours(24), Duration.ofSeconds(15), RestartRules.Mode.FAIL));
    RestartRules service = RestartRules.resolve(
        RestartPolicy.builder().mode("delay").build(), "service");
    assertThat(service.mode()).isEqualTo(RestartRules.Mode.DELAY);
    assertThat(service.attempts()).isEqualTo(2);
    assertThat(RestartRules.resolve(null, "system")).isEqualTo(RestartRules.serviceDefaults());
  }

  @Test
  void resolveRejectsUnknownMode() {
    assertThatThrownBy(() ->
            RestartRules.resolve(RestartPolicy.builder().mode("sometimes").build(), "service"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("restart.mode")
        .hasMessageContaining("sometimes");
  }

  @Test
  void decideWithoutEventIsAnError() {
    RestartTracker t = tracker(rules(1, RestartRules.Mode.FAIL), "service", null);
    assertThatThrownBy(t::decide).isInstanceOf(IllegalStateException.class);
  }
}
