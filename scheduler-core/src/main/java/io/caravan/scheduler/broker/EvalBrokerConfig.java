package io.caravan.scheduler.broker;

import java.time.Duration;

/**
 * Timing and delivery limits of an {@link EvalBroker}.
 *
 * @param nackTimeout how long a dequeued evaluation may stay unacknowledged before it is nacked
 * @param initialNackDelay re-enqueue delay after the first nack
 * @param subsequentNackDelay re-enqueue delay per further nack: {@code (deliveries - 1) * this}
 * @param deliveryLimit deliveries after which a nacked evaluation goes to the failed queue
 */
public record EvalBrokerConfig(
    Duration nackTimeout, Duration initialNackDelay, Duration subsequentNackDelay, int deliveryLimit) {

  /** Rejects negative durations and a delivery limit below 1. */
  public EvalBrokerConfig {
    requireNonNegative("nackTimeout", nackTimeout);
    requireNonNegative("initialNackDelay", initialNackDelay);
    requireNonNegative("subsequentNackDelay", subsequentNackDelay);
    if (deliveryLimit < 1) {
      throw new IllegalArgumentException("EvalBrokerConfig.deliveryLimit must be at least 1, got " + deliveryLimit);
    }
  }

  /** Nomad's server defaults: nack timeout 60 s, nack delays 1 s then 20 s steps, 3 deliveries. */
  public static EvalBrokerConfig defaults() {
    return new EvalBrokerConfig(Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofSeconds(20), 3);
  }

  private static void requireNonNegative(String name, Duration d) {
    if (d == null || d.isNegative()) {
      throw new IllegalArgumentException("EvalBrokerConfig." + name + " must be a non-negative duration, got " + d);
    }
  }
}
