package io.caravan.state.store;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/**
 * The cluster state: one current {@link StateSnapshot}, replaced atomically by each write transaction.
 * Reads take a snapshot in O(1); blocking queries wait until the state passes an index.
 * Writes are serialised (the FSM applies one command at a time); reads never block writes.
 */
public final class StateStore {
  private final Clock clock;
  private final Object monitor = new Object();
  private volatile StateSnapshot current = StateSnapshot.EMPTY;
  /** While {@link #writeEntry} runs: the state its writes built so far, not yet published. */
  private StateSnapshot staged;

  /** A store whose blocking-query deadlines are measured with {@code clock}. */
  public StateStore(Clock clock) {
    this.clock = clock;
  }

  /** The state the next write builds on: inside {@link #writeEntry}, the entry's unpublished state. */
  public StateSnapshot staged() {
    synchronized (monitor) {
      return staged != null ? staged : current;
    }
  }

  /** The current state (O(1), immutable). */
  public StateSnapshot snapshot() {
    return current;
  }

  /**
   * Runs {@code body} as one transaction stamped with {@code index} and publishes the result. If
   * {@code body} throws, nothing changes. Indexes must not go backwards (several commands of one
   * group-commit batch share an index).
   */
  public <T> T write(long index, Function<Txn, T> body) {
    synchronized (monitor) {
      StateSnapshot before = staged != null ? staged : current;
      if (index < before.index) {
        throw new IllegalArgumentException("write at index " + index + " after index " + before.index);
      }
      Txn txn = new Txn(before, index);
      T result = body.apply(txn);
      if (staged != null) {
        staged = txn.commit();
      } else {
        current = txn.commit();
        monitor.notifyAll();
      }
      return result;
    }
  }

  /**
   * Runs {@code body}, whose {@link #write}s (the commands of one Raft entry) each commit or fail on
   * their own but are published together when it returns (or throws): readers see all of them or
   * none, never some of an index's writes. Only the writing thread may call {@link #write} meanwhile.
   */
  public void writeEntry(Runnable body) {
    synchronized (monitor) {
      if (staged != null) {
        throw new IllegalStateException("writeEntry is not reentrant");
      }
      staged = current;
      try {
        body.run();
      } finally {
        current = staged;
        staged = null;
        monitor.notifyAll();
      }
    }
  }

  /** Replaces the whole state (snapshot restore); inside {@link #writeEntry}, published with the entry. */
  public void reset(StateSnapshot state) {
    synchronized (monitor) {
      if (staged != null) {
        staged = state;
        return;
      }
      current = state;
      monitor.notifyAll();
    }
  }

  /** Replaces the whole state with one rebuilt by {@code body} at {@code index} (snapshot restore). */
  public void restore(long index, java.util.function.Consumer<StateRestore> body) {
    StateRestore r = new StateRestore(index);
    body.accept(r);
    reset(r.build());
  }

  /** Empties the store. */
  public void clear() {
    reset(StateSnapshot.EMPTY);
  }

  /**
   * Blocking query: waits until the state's index is greater than {@code index} or {@code timeout}
   * passes (as measured by the store's clock), then returns the current snapshot, which the caller
   * compares with {@code index} to tell the two apart.
   */
  public StateSnapshot awaitIndexAbove(long index, Duration timeout) throws InterruptedException {
    long deadline = clock.millis() + timeout.toMillis();
    synchronized (monitor) {
      while (current.index <= index) {
        long remaining = deadline - clock.millis();
        if (remaining <= 0) {
          break;
        }
        monitor.wait(Math.min(remaining, 100));
      }
      return current;
    }
  }
}
