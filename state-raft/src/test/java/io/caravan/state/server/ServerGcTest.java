package io.caravan.state.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.cluster.EvalStatus;
import io.caravan.scheduler.testing.Jobs;
import io.caravan.scheduler.testing.Nodes;
import io.caravan.state.config.ServerConfig;
import io.caravan.state.server.testing.CountScheduler;
import io.caravan.state.store.StateSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The leader's periodic garbage collection, on hand-moved time. */
@Timeout(30)
class ServerGcTest {

  private static StateSnapshot awaitState(CaravanServer server, Predicate<StateSnapshot> done) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    StateSnapshot s = server.snapshot();
    while (!done.test(s)) {
      assertThat(System.nanoTime() - deadline).as("state did not get there in time").isNegative();
      s = server.awaitIndex(s.latestIndex(), Duration.ofMillis(500));
    }
    return s;
  }

  @Test
  void aStoppedJobIsPurgedWithItsEvaluationsAndAllocationsOnceOldEnough() throws Exception {
    ManualTimers timers = new ManualTimers(Instant.parse("2026-01-01T00:00:00Z"));
    try (CaravanServer server = CaravanServer.builder(ServerConfig.builder().numSchedulers(1).build())
        .clock(timers.clock()).timers(timers).schedulers(CountScheduler.provider()).start()) {
      server.registerNode(Nodes.mock("n1"));
      String placed = server.registerJob(Jobs.mock("web", 2)).evalId();
      awaitState(server, s -> s.evalById(placed).orElseThrow().status().equals(EvalStatus.COMPLETE));
      String stopped = server.deregisterJob("default", "web", false).evalId();
      StateSnapshot s = awaitState(server, x -> x.evalById(stopped).orElseThrow().status().equals(EvalStatus.COMPLETE));
      assertThat(s.allocsByJob("default", "web")).hasSize(2).allSatisfy(a -> assertThat(a.desiredStatus()).isEqualTo("stop"));

      timers.advance(Duration.ofHours(3));
      assertThat(server.job("default", "web")).as("younger than job_gc_threshold (4h)").isPresent();
      timers.advance(Duration.ofHours(2));
      StateSnapshot after = server.snapshot();
      assertThat(after.jobById("default", "web")).isEmpty();
      assertThat(after.evalsByJob("default", "web")).isEmpty();
      assertThat(after.allocsByJob("default", "web")).isEmpty();
      assertThat(after.nodeById("n1")).isPresent();
    }
  }
}
