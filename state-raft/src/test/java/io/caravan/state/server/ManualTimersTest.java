package io.caravan.state.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ManualTimersTest {
  private static final Instant START = Instant.parse("2026-12-06T00:00:00Z");

  @Test
  void aTaskScheduledAtATimeRunsThenEvenIfTheClockMovedWhileItWasBeingSet() {
    ManualTimers timers = new ManualTimers(START);
    AtomicInteger ran = new AtomicInteger();
    Instant at = START.plusSeconds(10);
    timers.advance(Duration.ofSeconds(3)); // time moves after the caller computed its delay from START
    timers.scheduleAt(timers.clock(), at, ran::incrementAndGet);
    timers.advance(Duration.ofSeconds(6));
    assertThat(ran).as("before its time").hasValue(0);
    timers.advance(Duration.ofSeconds(1));
    assertThat(ran).as("at its time").hasValue(1);
  }

  @Test
  void aTaskScheduledForATimeAlreadyPassedRunsAtTheNextMove() {
    ManualTimers timers = new ManualTimers(START);
    AtomicInteger ran = new AtomicInteger();
    timers.advance(Duration.ofSeconds(5));
    timers.scheduleAt(timers.clock(), START.plusSeconds(1), ran::incrementAndGet);
    assertThat(ran).hasValue(0);
    timers.advance(Duration.ZERO);
    assertThat(ran).hasValue(1);
  }
}
