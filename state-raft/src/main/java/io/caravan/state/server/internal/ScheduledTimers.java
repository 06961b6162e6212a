package io.caravan.state.server.internal;

import io.caravan.state.server.Timers;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link Timers} on real time backed by a scheduled thread pool of daemon threads. */
public final class ScheduledTimers implements Timers {
  private static final Logger LOG = LoggerFactory.getLogger(ScheduledTimers.class);
  private final ScheduledThreadPoolExecutor executor;

  public ScheduledTimers(String name, int threads) {
    AtomicInteger n = new AtomicInteger();
    executor = new ScheduledThreadPoolExecutor(threads, r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    executor.setRemoveOnCancelPolicy(true);
  }

  @Override
  public Timer schedule(Duration delay, Runnable task) {
    ScheduledFuture<?> f = executor.schedule(() -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.error("timer task failed", e);
      }
    }, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    return () -> f.cancel(false);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
