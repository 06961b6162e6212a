package io.caravan.state.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.state.server.CaravanServer;
import io.caravan.state.store.StateSnapshot;
import java.time.Duration;
import java.util.function.Predicate;

/** Waiting in tests for a server's state to satisfy a condition. */
public final class AwaitState {
  private AwaitState() {}

  /** Waits up to 30 s for {@code server}'s state to satisfy {@code done}; fails the test otherwise. */
  public static StateSnapshot await(CaravanServer server, Predicate<StateSnapshot> done) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    StateSnapshot s = server.snapshot();
    while (!done.test(s)) {
      assertThat(System.nanoTime() - deadline).as(server.name() + " did not get there in time").isNegative();
      s = server.awaitIndex(s.latestIndex(), Duration.ofMillis(500));
    }
    return s;
  }
}
