package io.caravan.drivers.mock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Timers keyed on a {@link Clock}: due ones run when {@link #runDue()} is called (manual, simulated time), or
 * automatically on one shared scheduler thread when created with an executor. No thread per timer.
 */
final class TimerQueue {

  private record Timer(Instant due, long seq, Runnable action) {}

  private final Clock clock;
  private final ScheduledExecutorService executor;
  private final PriorityQueue<Timer> queue = new PriorityQueue<>((a, b) -> {
    int c = a.due.compareTo(b.due);
    return c != 0 ? c : Long.compare(a.seq, b.seq);
  });
  private long seq;

  /** Timers on {@code clock}; with a non-null executor they fire by themselves. */
  TimerQueue(Clock clock, ScheduledExecutorService executor) {
    this.clock = clock;
    this.executor = executor;
  }

  /** Runs {@code action} once the clock reaches {@code now + delay}. */
  void schedule(Duration delay, Runnable action) {
    Instant due = clock.instant().plus(delay);
    synchronized (this) {
      queue.add(new Timer(due, seq++, action));
    }
    if (executor != null) {
      executor.schedule(this::runDue, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }
  }

  /** Runs every timer that is due at the clock's current time, in due order; returns how many ran. */
  int runDue() {
    int ran = 0;
    while (true) {
      List<Timer> due = new ArrayList<>();
      Instant now = clock.instant();
      synchronized (this) {
        while (!queue.isEmpty() && !queue.peek().due.isAfter(now)) {
          due.add(queue.poll());
        }
      }
      if (due.isEmpty()) {
        return ran;
      }
      for (Timer t : due) {
        t.action.run();
        ran++;
      }
    }
  }

  /** How many timers are pending. */
  synchronized int pending() {
    return queue.size();
  }
}
