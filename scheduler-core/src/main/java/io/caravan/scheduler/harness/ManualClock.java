package io.caravan.scheduler.harness;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves only when told to, for deterministic tests and simulations. Thread-safe. */
public final class ManualClock extends Clock {
  private volatile Instant now;

  /** A clock standing at {@code start}. */
  public ManualClock(Instant start) {
    this.now = java.util.Objects.requireNonNull(start, "start");
  }

  /** Moves the clock forward by {@code d}. */
  public synchronized void advance(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("ManualClock cannot move backwards by " + d);
    }
    now = now.plus(d);
  }

  /** Sets the clock to {@code t}, which must not be in its past. */
  public synchronized void set(Instant t) {
    if (t.isBefore(now)) {
      throw new IllegalArgumentException("ManualClock cannot move backwards from " + now + " to " + t);
    }
    now = t;
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("ManualClock is always UTC");
  }
}
