package io.caravan.state.raft;

/**
 * A command the state machine rejected deterministically (for example a job that failed validation).
 * Thrown by {@link ReplicatedFsm#apply} and delivered to the submitter's future.
 */
public final class FsmCommandException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FsmCommandException(String message) {
    super(message);
  }
}
