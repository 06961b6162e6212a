package io.caravan.state.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.state.config.HeartbeatSettings;
import io.caravan.state.server.ManualTimers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HeartbeatTimersTest {
  private static final HeartbeatSettings NOMAD = new HeartbeatSettings(
      Duration.ofSeconds(10), Duration.ofSeconds(10), 50.0, Duration.ofSeconds(300));

  private final ManualTimers timers = new ManualTimers(Instant.parse("2026-01-01T00:00:00Z"));
  private final List<String> expired = new ArrayList<>();
  private final HeartbeatTimers heartbeats = new HeartbeatTimers(timers, NOMAD, new SplittableRandom(7), expired::add);

  @Test
  void ttlIsTheMinimumUntilTheNodeCountOutgrowsTheRate() {
    assertThat(HeartbeatTimers.rateScaledTtl(Duration.ofSeconds(10), 50, 10)).isEqualTo(Duration.ofSeconds(10));
    assertThat(HeartbeatTimers.rateScaledTtl(Duration.ofSeconds(10), 50, 500)).isEqualTo(Duration.ofSeconds(10));
    assertThat(HeartbeatTimers.rateScaledTtl(Duration.ofSeconds(10), 50, 1000)).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void handsOutTheTtlPlusAStaggerBelowIt() {
    for (int i = 0; i < 50; i++) {
      Duration ttl = heartbeats.reset("n" + i);
      assertThat(ttl).isGreaterThanOrEqualTo(Duration.ofSeconds(10)).isLessThan(Duration.ofSeconds(20));
    }
  }

  @Test
  void expiresANodeOnlyAfterTtlPlusGrace() {
    Duration ttl = heartbeats.reset("n1");
    timers.advance(ttl.plus(Duration.ofSeconds(10)).minusMillis(1));
    assertThat(expired).isEmpty();
    timers.advance(Duration.ofMillis(1));
    assertThat(expired).containsExactly("n1");
    assertThat(heartbeats.tracked("n1")).isFalse();
  }

  @Test
  void aHeartbeatPushesTheDeadlineBack() {
    heartbeats.reset("n1");
    for (int i = 0; i < 10; i++) {
      timers.advance(Duration.ofSeconds(15));
      heartbeats.reset("n1");
    }
    assertThat(expired).isEmpty();
    timers.advance(Duration.ofSeconds(30));
    assertThat(expired).containsExactly("n1");
  }

  @Test
  void failoverGivesEveryNodeTheLongTtl() {
    heartbeats.resetAllForFailover(List.of("a", "b"));
    timers.advance(Duration.ofSeconds(299));
    assertThat(expired).isEmpty();
    timers.advance(Duration.ofSeconds(1));
    assertThat(expired).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void clearCancelsEveryTimer() {
    heartbeats.reset("a");
    heartbeats.reset("b");
    heartbeats.clear();
    timers.advance(Duration.ofMinutes(10));
    assertThat(expired).isEmpty();
    assertThat(heartbeats.size()).isZero();
  }
}
