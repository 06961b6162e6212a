package io.caravan.state.server;

import io.caravan.state.server.internal.ScheduledTimers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Runs delayed tasks for the server (heartbeat timers, nack timeouts, delayed evaluations). Injected so
 * tests can move time by hand with {@link ManualTimers} instead of sleeping.
 */
public interface Timers extends AutoCloseable {

  /** A scheduled task that can still be cancelled. */
  interface Timer {
    /** Cancels the task if it has not run yet; returns true if it was cancelled. */
    boolean cancel();
  }

  /** Runs {@code task} once after {@code delay}. */
  Timer schedule(Duration delay, Runnable task);

  /**
   * Runs {@code task} once when {@code clock} (the clock these timers run on) reaches {@code at}. Here
   * the delay is read from the clock when the task is scheduled; {@link ManualTimers} keeps {@code at}
   * itself, so time moved by hand meanwhile cannot make the task late.
   */
  default Timer scheduleAt(Clock clock, Instant at, Runnable task) {
    return schedule(Duration.between(clock.instant(), at), task);
  }

  /** Stops running tasks; pending ones are dropped. */
  @Override
  void close();

  /** Timers on real time, run by {@code threads} daemon threads named after {@code name}. */
  static Timers system(String name, int threads) {
    return new ScheduledTimers(name, threads);
  }
}
