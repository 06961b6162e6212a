package io.caravan.state.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * {@link Timers} on a hand-moved clock: nothing runs until {@link #advance} moves time past a task's
 * deadline, and then the task runs on the calling thread. Its {@link #clock()} reads the same time.
 */
public final class ManualTimers implements Timers {
  private final Object lock = new Object();
  private final PriorityQueue<Entry> queue = new PriorityQueue<>();
  private long nowNanos;
  private long sequence;
  private final Instant epoch;

  private final class Entry implements Comparable<Entry>, Timer {
    final long due;
    final long seq;
    final Runnable task;
    boolean cancelled;

    Entry(long due, long seq, Runnable task) {
      this.due = due;
      this.seq = seq;
      this.task = task;
    }

    @Override
    public int compareTo(Entry o) {
      return due != o.due ? Long.compare(due, o.due) : Long.compare(seq, o.seq);
    }

    @Override
    public boolean cancel() {
      synchronized (lock) {
        if (cancelled || !queue.remove(this)) {
          return false;
        }
        cancelled = true;
        return true;
      }
    }
  }

  /** Starts at {@code start}. */
  public ManualTimers(Instant start) {
    this.epoch = start;
  }

  /** A clock reading this timer's current time. */
  public Clock clock() {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        synchronized (lock) {
          return epoch.plusNanos(nowNanos);
        }
      }
    };
  }

  @Override
  public Timer schedule(Duration delay, Runnable task) {
    synchronized (lock) {
      Entry e = new Entry(nowNanos + Math.max(0, delay.toNanos()), sequence++, task);
      queue.add(e);
      return e;
    }
  }

  /**
   * Runs {@code task} when this timer's time reaches {@code at} ({@code clock} must be this timer's
   * {@link #clock()}); a time already passed falls due at the next {@link #advance}.
   */
  @Override
  public Timer scheduleAt(Clock clock, Instant at, Runnable task) {
    synchronized (lock) {
      Entry e = new Entry(Math.max(nowNanos, Duration.between(epoch, at).toNanos()), sequence++, task);
      queue.add(e);
      return e;
    }
  }

  /**
   * Moves time forward by {@code by}, running every task that falls due, in deadline order, on this
   * thread (a task scheduled by a running task runs too if it falls due). Returns how many ran.
   */
  public int advance(Duration by) {
    long target;
    synchronized (lock) {
      target = nowNanos + by.toNanos();
    }
    int ran = 0;
    while (true) {
      Entry next;
      synchronized (lock) {
        next = queue.peek();
        if (next == null || next.due > target) {
          nowNanos = target;
          return ran;
        }
        queue.poll();
        nowNanos = Math.max(nowNanos, next.due);
      }
      next.task.run();
      ran++;
    }
  }

  /** Delays of the pending tasks from now, soonest first. */
  public List<Duration> pending() {
    synchronized (lock) {
      List<Entry> sorted = new ArrayList<>(queue);
      sorted.sort(null);
      return sorted.stream().map(e -> Duration.ofNanos(e.due - nowNanos)).toList();
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      queue.clear();
    }
  }
}
