package io.caravan.state.lincheck;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Thread-safe recorder of a concurrent history: {@link #invoke} before sending an operation, then
 * {@link Pending#ok} with its output or {@link Pending#unknown} when its outcome cannot be known,
 * and {@link #close} to end the history. Times come from
 * the injected monotonic clock (e.g. {@code System::nanoTime}).
 */
public final class HistoryRecorder<I, O> {
  private final LongSupplier clock;
  private final List<Operation<I, O>> done = new ArrayList<>();
  private final java.util.Set<Pending> open = new java.util.LinkedHashSet<>();
  private boolean closed;

  public HistoryRecorder(LongSupplier clock) {
    this.clock = clock;
  }

  /** An operation in progress. */
  public final class Pending {
    private final int client;
    private final I input;
    private final long call;
    private boolean finished;

    private Pending(int client, I input, long call) {
      this.client = client;
      this.input = input;
      this.call = call;
    }

    /** Records that the operation returned {@code output}. */
    public void ok(O output) {
      long ret = clock.getAsLong();
      finish(Operation.completed(client, input, output, call, Math.max(ret, call)));
    }

    /** Records that the operation may or may not have taken effect. */
    public void unknown() {
      finish(Operation.unknown(client, input, call));
    }

    private void finish(Operation<I, O> op) {
      synchronized (HistoryRecorder.this) {
        if (finished) {
          throw new IllegalStateException("operation " + input + " of client " + client + " finished twice");
        }
        finished = true;
        open.remove(this);
        if (!closed) {
          done.add(op);
        }
      }
    }
  }

  /** Records the call of an operation; after {@link #close} the operation is not recorded. */
  public synchronized Pending invoke(int client, I input) {
    Pending p = new Pending(client, input, clock.getAsLong());
    if (!closed) {
      open.add(p);
    }
    return p;
  }

  /**
   * Ends recording: operations still in progress are recorded with an unknown outcome, and anything
   * finishing later is ignored. Returns the full history.
   */
  public synchronized List<Operation<I, O>> close() {
    if (!closed) {
      closed = true;
      for (Pending p : open) {
        done.add(Operation.unknown(p.client, p.input, p.call));
      }
      open.clear();
    }
    return List.copyOf(done);
  }

  /** How many operations have finished. */
  public synchronized int completed() {
    return done.size();
  }

  /** The operations finished so far (in completion order). */
  public synchronized List<Operation<I, O>> history() {
    return List.copyOf(done);
  }
}
