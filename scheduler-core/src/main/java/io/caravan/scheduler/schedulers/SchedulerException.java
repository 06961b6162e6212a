package io.caravan.scheduler.schedulers;

/**
 * A scheduler could not process an evaluation at all (as opposed to placements failing, which is
 * a normal outcome recorded on the evaluation): an unknown scheduler type, a planner that
 * committed part of a plan without a refreshed snapshot, or inconsistent state. The caller (the server's worker) should nack the evaluation.
 */
public class SchedulerException extends RuntimeException {
  /** An error with a message naming the evaluation or job it concerns. */
  public SchedulerException(String message) {
    super(message);
  }

  /** An error caused by {@code cause}. */
  public SchedulerException(String message, Throwable cause) {
    super(message, cause);
  }
}
