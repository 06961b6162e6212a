package io.caravan.state.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.state.fsm.Command;
import io.caravan.state.server.ManualTimers;
import io.caravan.state.store.StateSnapshot;
import io.caravan.state.store.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class PassLoopTest {
  private static final Instant START = Instant.parse("2026-12-06T00:00:00Z");
  private final ManualTimers timers = new ManualTimers(START);
  private final List<Instant> passes = new CopyOnWriteArrayList<>();
  private @Nullable PassLoop loop;

  @AfterEach
  void stop() {
    if (loop != null) {
      loop.stop();
    }
  }

  /** A loop whose pass records its time and returns {@code next.apply(passNumber, now)} as its wake time. */
  private PassLoop loop(BiFunction<Integer, Instant, @Nullable Instant> next) {
    return new PassLoop("test-loop", new StateStore(timers.clock()), timers, timers.clock()) {
      @Override
      protected @Nullable Instant pass(StateSnapshot state, Instant now) {
        passes.add(now);
        return next.apply(passes.size(), now);
      }

      @Override
      protected boolean relevant(Command command) {
        return false;
      }
    };
  }

  /** Waits (in real time) until {@code n} passes ran, or fails after 5 s. */
  private void awaitPasses(int n) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (passes.size() < n && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(passes).as("passes").hasSizeGreaterThanOrEqualTo(n);
  }

  @Test
  void aWakeTimeReachedWhileThePassRanStartsTheNextPassAtOnce() throws Exception {
    // The first pass asks to run again in 5 s, but the clock moves 10 s while it runs (a test
    // moving a hand clock, or a slow pass): the second pass must not wait for another clock move.
    loop = loop((n, now) -> {
      if (n == 1) {
        timers.advance(Duration.ofSeconds(10));
        return now.plusSeconds(5);
      }
      return null;
    });
    loop.start(new StateStore(timers.clock()).snapshot());
    awaitPasses(2);
    assertThat(passes.get(1)).isEqualTo(START.plusSeconds(10));
  }

  @Test
  void aWakeTimeAheadWaitsForTheClock() throws Exception {
    loop = loop((n, now) -> n == 1 ? now.plusSeconds(5) : null);
    loop.start(new StateStore(timers.clock()).snapshot());
    awaitPasses(1);
    long until = System.nanoTime() + Duration.ofMillis(200).toNanos();
    while (System.nanoTime() < until && timers.pending().isEmpty()) {
      Thread.sleep(5);
    }
    assertThat(passes).hasSize(1);
    timers.advance(Duration.ofSeconds(5));
    awaitPasses(2);
    assertThat(passes.get(1)).isEqualTo(START.plusSeconds(5));
  }
}
