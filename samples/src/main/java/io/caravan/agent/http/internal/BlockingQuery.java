package io.caravan.agent.http.internal;

import io.caravan.state.server.CaravanServer;
import io.caravan.state.store.StateSnapshot;
import java.time.Duration;
import java.util.function.Function;

/**
 * Nomad's blocking query: with {@code ?index=N} the read is answered once its index is above N, or
 * when {@code ?wait} passes (with the unchanged answer); without an index it is answered at once.
 */
public final class BlockingQuery {
  private BlockingQuery() {}

  /** Runs {@code read} on the server's state, again after every change, until its index passes the request's. */
  public static Indexed run(CaravanServer server, ApiRequest request, Function<StateSnapshot, Indexed> read) {
    long minIndex = request.minIndex();
    Duration wait = request.maxWait();
    long deadline = System.nanoTime() + wait.toNanos();
    StateSnapshot s = server.snapshot();
    long firstRaw = -1;
    while (true) {
      Indexed r = read.apply(s);
      // Nomad never reports index 0 (a watcher would spin): an untouched table reports the state's latest
      // index, at least 1. A change of the raw index also ends the wait, so the first write of a fresh
      // store (index 1) is not missed; blocking queries may return early and clients compare indexes.
      Indexed answer = new Indexed(r.value(), Math.max(1, r.index() > 0 ? r.index() : s.latestIndex()));
      if (firstRaw < 0) {
        firstRaw = r.index();
      }
      long left = deadline - System.nanoTime();
      if (minIndex == 0 || answer.index() > minIndex || r.index() != firstRaw || left <= 0) {
        return answer;
      }
      try {
        s = server.awaitIndex(s.latestIndex(), Duration.ofNanos(left));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ApiException(503, "the agent is shutting down");
      }
    }
  }
}
