package io.caravan.scheduler.broker;

import java.time.Instant;
import java.util.Map;

/**
 * A point-in-time count of what an {@link EvalBroker} holds (Nomad's {@code BrokerStats}).
 *
 * @param totalReady evaluations in ready queues (the failed queue included)
 * @param totalUnacked evaluations dequeued and not yet acked or nacked
 * @param totalPending evaluations held back because their job already has one ready or in flight
 * @param totalWaiting evaluations waiting for a delay (WaitUntil, Wait or a nack delay)
 * @param totalFailed evaluations in the failed queue (delivery limit reached), ready or unacked
 * @param totalCancelable superseded evaluations waiting to be marked canceled
 * @param byScheduler ready and unacked counts per scheduler type ({@value EvalBroker#FAILED_QUEUE} for the failed queue)
 * @param delayedEvals evaluation ID to the instant it becomes ready, for evaluations with WaitUntil
 */
public record EvalBrokerStats(
    int totalReady, int totalUnacked, int totalPending, int totalWaiting, int totalFailed,
    int totalCancelable, Map<String, SchedulerStats> byScheduler, Map<String, Instant> delayedEvals) {

  /** Copies the maps. */
  public EvalBrokerStats {
    byScheduler = Map.copyOf(byScheduler);
    delayedEvals = Map.copyOf(delayedEvals);
  }

  /** Ready and unacked counts of one scheduler type. */
  public record SchedulerStats(int ready, int unacked) {}
}
