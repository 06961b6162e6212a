package io.caravan.runtime.client;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Waits for a duration unless woken early; injected so that tests can move a fake clock instead
 * of sleeping.
 */
@FunctionalInterface
public interface Sleeper {

  /**
   * Waits up to {@code duration}, returning early when {@code wake} reaches zero.
   *
   * @return true when woken early
   */
  boolean sleep(Duration duration, CountDownLatch wake) throws InterruptedException;

  /** A sleeper that really waits. */
  static Sleeper real() {
    return (duration, wake) -> wake.await(duration.toNanos(), TimeUnit.NANOSECONDS);
  }
}
