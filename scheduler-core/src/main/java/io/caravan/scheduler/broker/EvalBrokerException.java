package io.caravan.scheduler.broker;

/** A broker call that names an evaluation the broker does not hold as expected (Nomad's broker errors). */
public final class EvalBrokerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the call failed. */
  public enum Reason {
    /** The evaluation is not outstanding (never dequeued, already acked or nacked, or the broker was flushed). */
    NOT_OUTSTANDING,
    /** The evaluation is outstanding under a different token (a stale worker). */
    TOKEN_MISMATCH,
    /** The broker is disabled (this server is not the leader). */
    DISABLED
  }

  private final Reason reason;
  private final String evalId;

  /** A failure of {@code operation} on evaluation {@code evalId}. */
  public EvalBrokerException(Reason reason, String operation, String evalId) {
    super(operation + (evalId.isEmpty() ? "" : " of evaluation " + evalId) + ": " + switch (reason) {
      case NOT_OUTSTANDING -> "evaluation is not outstanding";
      case TOKEN_MISMATCH -> "token does not match the outstanding evaluation";
      case DISABLED -> "eval broker is disabled";
    });
    this.reason = reason;
    this.evalId = evalId;
  }

  /** Why the call failed. */
  public Reason reason() {
    return reason;
  }

  /** The evaluation the call named. */
  public String evalId() {
    return evalId;
  }
}
