package io.caravan.state.raft;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A deterministic state machine replicated by Raft. Every replica applies the same commands in the same
 * order; {@link #apply} must depend only on the current state, the index and the command bytes.
 *
 * <p>{@link #apply}, {@link #snapshot}, {@link #captureState} and {@link #restore} are called from one
 * thread at a time (a captured state's writer may run on another);
 * {@link #query} may run concurrently with them and must read a consistent state.
 */
public interface ReplicatedFsm {

  /**
   * Applies one command committed at Raft {@code index} and returns the reply for the submitter.
   * Throwing {@link FsmCommandException} rejects the command deterministically (no state change);
   * the message is returned to the submitter as the error.
   */
  byte[] apply(long index, byte[] command);

  /**
   * Runs {@code body}, which applies the commands of one Raft entry at {@code index} through
   * {@link #apply}, so that readers of the state see the whole entry at once: no reader may see the
   * entry's index before its last command is applied. The default just runs {@code body} (right for
   * a state machine that publishes nothing between commands).
   */
  default void applyEntry(long index, Runnable body) {
    body.run();
  }

  /**
   * Applies one command committed at {@code index} in a log entry of Raft {@code term} (the term of the
   * leader that appended it). The default ignores the term; an FSM that fences leader writes uses it.
   */
  default byte[] apply(long term, long index, byte[] command) {
    return apply(index, command);
  }

  /** Answers a read-only request from the current state. */
  byte[] query(byte[] request);

  /** Writes the full state (deterministically: equal states give equal bytes). */
  void snapshot(OutputStream out) throws IOException;

  /**
   * Captures the current state for a snapshot that is written later, on another thread, while commands
   * go on being applied (called between entries, as {@link #snapshot}). The default writes the state
   * into memory now; a state machine with immutable states captures one in O(1) instead.
   */
  default StateWriter captureState() throws IOException {
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    snapshot(buf);
    byte[] bytes = buf.toByteArray();
    return out -> out.write(bytes);
  }

  /** A state captured by {@link #captureState}: writes it as {@link #snapshot} would have. */
  @FunctionalInterface
  interface StateWriter {
    void write(OutputStream out) throws IOException;
  }

  /** Replaces the full state with one written by {@link #snapshot}. */
  void restore(InputStream in) throws IOException;
}
