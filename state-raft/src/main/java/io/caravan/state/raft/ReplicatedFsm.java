package io.caravan.state.raft;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A deterministic state machine replicated by Raft. Every replica applies the same commands in the same
 * order; {@link #apply} must depend only on the current state, the index and the command bytes.
 *
 * <p>{@link #apply}, {@link #snapshot} and {@link #restore} are called from one thread at a time;
 * {@link #query} may run concurrently with them and must read a consistent state.
 */
public interface ReplicatedFsm {

  /**
   * Applies one command committed at Raft {@code index} and returns the reply for the submitter.
   * Throwing {@link FsmCommandException} rejects the command deterministically (no state change);
   * the message is returned to the submitter as the error.
   */
  byte[] apply(long index, byte[] command);

  /** Answers a read-only request from the current state. */
  byte[] query(byte[] request);

  /** Writes the full state (deterministically: equal states give equal bytes). */
  void snapshot(OutputStream out) throws IOException;

  /** Replaces the full state with one written by {@link #snapshot}. */
  void restore(InputStream in) throws IOException;
}
