package io.caravan.scheduler.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.RescheduleEvent;
import io.caravan.model.cluster.RescheduleTracker;
import io.caravan.model.cluster.TaskState;
import io.caravan.model.job.ReschedulePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RescheduleTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private static ReschedulePolicy policy(String fn, int delaySec, int maxSec) {
    return ReschedulePolicy.builder().delayFunction(fn).delay(Duration.ofSeconds(delaySec))
        .maxDelay(Duration.ofSeconds(maxSec)).unlimited(true).attempts(0).build();
  }

  /** A tracker whose events have these delays, one minute apart, the last one a minute before NOW. */
  private static RescheduleTracker tracker(int... delaysSec) {
    List<RescheduleEvent> events = new ArrayList<>();
    for (int i = 0; i < delaysSec.length; i++) {
      Instant at = NOW.minus(Duration.ofMinutes(delaysSec.length - i));
      events.add(new RescheduleEvent(Reschedule.nanos(at), "a" + i, "n" + i, Duration.ofSeconds(delaysSec[i])));
    }
    return new RescheduleTracker(events, "");
  }

  @Test
  void firstRescheduleUsesTheBaseDelayForEveryFunction() {
    for (String fn : List.of("constant", "exponential", "fibonacci")) {
      assertThat(Reschedule.nextDelay(policy(fn, 5, 60), null, NOW)).as(fn).isEqualTo(Duration.ofSeconds(5));
    }
  }

  @Test
  void constantDelayNeverGrows() {
    assertThat(Reschedule.nextDelay(policy("constant", 5, 60), tracker(5, 5, 5), NOW)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void exponentialDoublesTheLastDelay() {
    assertThat(Reschedule.nextDelay(policy("exponential", 5, 600), tracker(5), NOW)).isEqualTo(Duration.ofSeconds(10));
    assertThat(Reschedule.nextDelay(policy("exponential", 5, 600), tracker(5, 10, 20), NOW)).isEqualTo(Duration.ofSeconds(40));
  }

  @Test
  void fibonacciAddsTheLastTwoDelays() {
    assertThat(Reschedule.nextDelay(policy("fibonacci", 5, 600), tracker(5), NOW)).isEqualTo(Duration.ofSeconds(5));
    assertThat(Reschedule.nextDelay(policy("fibonacci", 5, 600), tracker(5, 5), NOW)).isEqualTo(Duration.ofSeconds(10));
    assertThat(Reschedule.nextDelay(policy("fibonacci", 5, 600), tracker(5, 5, 10, 15), NOW)).isEqualTo(Duration.ofSeconds(25));
  }

  @Test
  void fibonacciRestartsAfterAReset() {
    // max 60 then back to the base delay 5: the series restarts at 5 instead of 65.
    assertThat(Reschedule.nextDelay(policy("fibonacci", 5, 60), tracker(60, 5), NOW)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void delayIsCappedAtMaxDelay() {
    // Last event one minute ago, cap 100 s: not yet a quiet period, so the cap holds.
    assertThat(Reschedule.nextDelay(policy("exponential", 5, 100), tracker(80), NOW)).isEqualTo(Duration.ofSeconds(100));
  }

  @Test
  void cappedDelayResetsAfterMoreThanTheCapWithoutFailures() {
    // Last reschedule one minute before the failure, cap 30 s: more than the cap has passed, so back to 5 s.
    assertThat(Reschedule.nextDelay(policy("exponential", 5, 30), tracker(20), NOW)).isEqualTo(Duration.ofSeconds(5));
  }

  private static Allocation failed(Instant finishedAt, RescheduleTracker tracker) {
    return Allocation.builder().id("x").nodeID("n").clientStatus("failed").desiredStatus("run")
        .taskStates(Map.of("t", new TaskState("dead", true, 0, null, null, finishedAt.toString(), null)))
        .rescheduleTracker(tracker).build();
  }

  @Test
  void nextRescheduleTimeIsFailureTimePlusDelay() {
    ReschedulePolicy p = ReschedulePolicy.builder().attempts(1).interval(Duration.ofMinutes(15)).delay(Duration.ofSeconds(5))
        .delayFunction("constant").unlimited(false).build();
    Reschedule.Next next = Reschedule.nextRescheduleTime(failed(NOW.minusSeconds(10), null), p);
    assertThat(next.eligible()).isTrue();
    assertThat(next.time()).isEqualTo(NOW.minusSeconds(5));
  }

  @Test
  void attemptsWithinTheIntervalExhaustEligibility() {
    ReschedulePolicy p = ReschedulePolicy.builder().attempts(2).interval(Duration.ofMinutes(15)).delay(Duration.ofSeconds(5))
        .delayFunction("constant").unlimited(false).build();
    assertThat(Reschedule.nextRescheduleTime(failed(NOW, tracker(5)), p).eligible()).isTrue();
    assertThat(Reschedule.nextRescheduleTime(failed(NOW, tracker(5, 5)), p).eligible()).isFalse();
    // Events older than the interval no longer count.
    RescheduleTracker old = new RescheduleTracker(List.of(
        new RescheduleEvent(Reschedule.nanos(NOW.minus(Duration.ofHours(1))), "a", "n", Duration.ofSeconds(5)),
        new RescheduleEvent(Reschedule.nanos(NOW.minus(Duration.ofHours(2))), "b", "n", Duration.ofSeconds(5))), "");
    assertThat(Reschedule.nextRescheduleTime(failed(NOW, old), p).eligible()).isTrue();
  }

  @Test
  void disabledPolicyAndRunningAllocationsAreNeverRescheduled() {
    ReschedulePolicy off = ReschedulePolicy.builder().attempts(0).unlimited(false).build();
    assertThat(Reschedule.nextRescheduleTime(failed(NOW, null), off).eligible()).isFalse();
    Allocation running = Allocation.builder().id("r").clientStatus("running").desiredStatus("run").modifyTime(1).build();
    assertThat(Reschedule.nextRescheduleTime(running, policy("constant", 5, 0)).eligible()).isFalse();
  }

  @Test
  void unlimitedTrackerKeepsTheLastFiveEventsPlusTheNewOne() {
    Allocation prev = failed(NOW, tracker(5, 10, 20, 40, 80, 160, 320));
    RescheduleTracker t = Reschedule.trackerForReplacement(prev, policy("exponential", 5, 3600), NOW);
    assertThat(t.events()).hasSize(6);
    RescheduleEvent last = t.events().get(5);
    assertThat(last.prevAllocID()).isEqualTo("x");
    assertThat(last.prevNodeID()).isEqualTo("n");
    assertThat(last.delay()).isEqualTo(Duration.ofSeconds(640));
    assertThat(last.rescheduleTime()).isEqualTo(Reschedule.nanos(NOW));
  }

  @Test
  void limitedTrackerKeepsOnlyEventsWithinTheInterval() {
    ReschedulePolicy p = ReschedulePolicy.builder().attempts(3).interval(Duration.ofMinutes(2)).delay(Duration.ofSeconds(5))
        .delayFunction("constant").unlimited(false).build();
    RescheduleTracker t = Reschedule.trackerForReplacement(failed(NOW, tracker(5, 5, 5)), p, NOW);
    // Events 3, 2 and 1 minutes ago: only the last two are within 2 minutes.
    assertThat(t.events()).hasSize(3);
  }
}
