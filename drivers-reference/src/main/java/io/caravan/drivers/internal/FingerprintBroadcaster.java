package io.caravan.drivers.internal;

import io.caravan.runtime.driver.DriverFingerprint;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Turns a fingerprint probe into a stream: subscribers get the current fingerprint at once, then every change found
 * by re-probing every {@code period} on one daemon thread (started with the first subscriber, stopped by
 * {@link #close()}).
 */
public final class FingerprintBroadcaster implements AutoCloseable {

  private final Supplier<DriverFingerprint> probe;
  private final Duration period;
  private final String threadName;
  private final List<Consumer<DriverFingerprint>> listeners = new CopyOnWriteArrayList<>();
  private ScheduledExecutorService poller;
  private volatile DriverFingerprint last;

  /** A broadcaster re-probing every {@code period}. */
  public FingerprintBroadcaster(Supplier<DriverFingerprint> probe, Duration period, String threadName) {
    this.probe = probe;
    this.period = period;
    this.threadName = threadName;
  }

  /** Subscribes a listener; closing the returned handle unsubscribes it. */
  public synchronized AutoCloseable subscribe(Consumer<DriverFingerprint> listener) {
    DriverFingerprint now = probe.get();
    last = now;
    listeners.add(listener);
    listener.accept(now);
    if (poller == null) {
      poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, threadName);
        t.setDaemon(true);
        return t;
      });
      poller.scheduleWithFixedDelay(this::poll, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }
    return () -> listeners.remove(listener);
  }

  /** Probes now and notifies listeners when the fingerprint changed; returns the current fingerprint. */
  public DriverFingerprint poll() {
    DriverFingerprint now = probe.get();
    if (!Objects.equals(now, last)) {
      last = now;
      listeners.forEach(l -> l.accept(now));
    }
    return now;
  }

  @Override
  public synchronized void close() {
    if (poller != null) {
      poller.shutdownNow();
      poller = null;
    }
    listeners.clear();
  }
}
