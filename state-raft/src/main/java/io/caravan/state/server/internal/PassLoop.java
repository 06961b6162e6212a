package io.caravan.state.server.internal;

import io.caravan.state.fsm.Command;
import io.caravan.state.server.Timers;
import io.caravan.state.store.StateSnapshot;
import io.caravan.state.store.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A leader-only loop that reacts to state changes with passes over the whole state (the deployment
 * watcher, the node drainer): one thread per term of leadership runs {@link #pass} whenever a
 * relevant command was applied, or when the time the last pass asked for comes (armed on the
 * injected {@link Timers}, so tests move it by hand). Passes are coalesced: many writes during a
 * pass cause one more pass. A pass that fails is retried a second later.
 */
public abstract class PassLoop implements LeaderServices.Pipeline {
  private static final Logger LOG = LoggerFactory.getLogger(PassLoop.class);
  private static final Duration RETRY = Duration.ofSeconds(1);

  private final String name;
  private final StateStore store;
  private final Timers timers;
  private final Clock clock;
  private final Object lock = new Object();
  private @Nullable Run run;

  protected PassLoop(String name, StateStore store, Timers timers, Clock clock) {
    this.name = name;
    this.store = store;
    this.timers = timers;
    this.clock = clock;
  }

  /** One pass at {@code now} over {@code state}: writes what it decides, returns when the next pass is due (or null). */
  protected abstract @Nullable Instant pass(StateSnapshot state, Instant now);

  /**
   * Whether an applied command may change what a pass decides; never asked about a batch, whose
   * commands {@link #applied} asks about one by one.
   */
  protected abstract boolean relevant(Command command);

  /**
   * The least time between the end of a pass and the start of the next (zero: none). Writes that
   * come meanwhile are coalesced into that next pass, so a loop whose passes read much of the state
   * does not run them back to back under a steady stream of writes.
   */
  protected Duration minGap() {
    return Duration.ZERO;
  }

  /** Whether the command, or any command of a batch, may change what a pass decides. */
  private boolean touches(Command command) {
    if (command instanceof Command.Batch b) {
      return b.commands().stream().anyMatch(this::touches);
    }
    return relevant(command);
  }

  /** Everything one term of leadership started. */
  private final class Run implements Runnable {
    final Thread thread = new Thread(this, name);
    volatile boolean running = true;
    boolean dirty = true;
    Timers.@Nullable Timer wake;
    @Nullable Instant wakeAt;

    void poke() {
      synchronized (this) {
        dirty = true;
        notifyAll();
      }
    }

    @Override
    public void run() {
      while (running) {
        synchronized (this) {
          while (!dirty && running) {
            try {
              wait();
            } catch (InterruptedException e) {
              return;
            }
          }
          dirty = false;
        }
        if (!running) {
          return;
        }
        try {
          arm(pass(store.snapshot(), clock.instant()));
        } catch (RuntimeException e) {
          if (running) {
            LOG.warn("{}: pass failed, retrying in {}: {}", name, RETRY, e.toString());
            arm(clock.instant().plus(RETRY));
          }
        }
        long gapMillis = minGap().toMillis();
        if (gapMillis > 0) {
          try {
            Thread.sleep(gapMillis);
          } catch (InterruptedException e) {
            return; // stopped
          }
        }
      }
    }

    private synchronized void arm(@Nullable Instant at) {
      if (at != null && at.equals(wakeAt) || !running) {
        return;
      }
      if (wake != null) {
        wake.cancel();
        wake = null;
      }
      wakeAt = at;
      if (at != null) {
        if (clock.instant().isBefore(at)) {
          wake = timers.scheduleAt(clock, at, () -> {
            synchronized (this) {
              wakeAt = null;
            }
            poke();
          });
        }
        if (!clock.instant().isBefore(at) && (wake == null || wake.cancel())) {
          // The time has come, while the pass ran or while the timer was being set: pass again now
          // rather than through a timer, which a hand-moved clock (ManualTimers) would only run at
          // its next move.
          wake = null;
          wakeAt = null;
          dirty = true;
          notifyAll();
        }
      }
    }

    void stop() {
      running = false;
      synchronized (this) {
        if (wake != null) {
          wake.cancel();
        }
        notifyAll();
      }
      thread.interrupt();
      try {
        thread.join(Duration.ofSeconds(5).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void start(StateSnapshot state) {
    Run r = new Run();
    r.thread.setDaemon(true);
    Run old;
    synchronized (lock) {
      old = run;
      run = r;
    }
    if (old != null) {
      old.stop();
    }
    r.thread.start();
  }

  @Override
  public void applied(long index, Command command, StateSnapshot after) {
    Run r;
    synchronized (lock) {
      r = run;
    }
    if (r != null && touches(command)) {
      r.poke();
    }
  }

  @Override
  public void stop() {
    Run r;
    synchronized (lock) {
      r = run;
      run = null;
    }
    if (r != null) {
      r.stop();
    }
  }

  /** True while a term's thread runs (for tests). */
  public boolean running() {
    synchronized (lock) {
      return run != null;
    }
  }
}
