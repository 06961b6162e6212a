package io.caravan.state.raft;

/** A write or read that Raft could not complete (no leader within the retry budget, server closed, ...). */
public final class ReplicationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ReplicationException(String message, Throwable cause) {
    super(message, cause);
  }

  public ReplicationException(String message) {
    super(message);
  }
}
