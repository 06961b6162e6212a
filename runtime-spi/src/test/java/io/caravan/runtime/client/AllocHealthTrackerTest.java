package io.caravan.runtime.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AllocHealthTrackerTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final AllocHealthTracker tracker =
      new AllocHealthTracker(Duration.ofSeconds(10), Duration.ofMinutes(5), clock);

  @Test
  void healthyOnlyAfterMinHealthyTimeOfContinuousHealth() {
    assertThat(tracker.observe(true, false, true)).isEmpty();
    clock.advance(Duration.ofSeconds(6));
    assertThat(tracker.observe(true, false, false)).isEmpty(); // check failed: window resets
    clock.advance(Duration.ofSeconds(1));
    assertThat(tracker.observe(true, false, true)).isEmpty();
    clock.advance(Duration.ofSeconds(9));
    assertThat(tracker.observe(true, false, true)).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(tracker.observe(true, false, true)).contains(true);
    assertThat(tracker.observe(false, true, false)).contains(true); // final
  }

  @Test
  void failedTaskIsUnhealthyAtOnce() {
    assertThat(tracker.observe(false, true, true)).contains(false);
  }

  @Test
  void missingTheDeadlineIsUnhealthy() {
    assertThat(tracker.observe(false, false, false)).isEmpty();
    clock.advance(Duration.ofMinutes(5).plusSeconds(1));
    assertThat(tracker.observe(false, false, true)).contains(false);
  }
}
