package io.caravan.benchmarks.c1m;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The C1M driver at a tiny scale: every allocation is committed, reported running and replicated. */
@Timeout(90)
class C1mRunTest {

  @Test
  void placesAndRunsEveryAllocationOnThreeServers() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    C1mScale scale = new C1mScale(20, 5, 10, Duration.ofSeconds(60), 2, 4);
    C1mResult r = C1mRun.run(scale, new PrintStream(log, true, StandardCharsets.UTF_8));

    assertThat(r.complete()).as(log.toString(StandardCharsets.UTF_8)).isTrue();
    assertThat(r.committed()).isEqualTo(50);
    assertThat(r.running()).isEqualTo(50);
    assertThat(r.replicatedRunning()).as("running allocations on every server").isEqualTo(50);
    assertThat(r.registerSeconds()).isPositive();
    assertThat(r.committedSeconds()).isGreaterThanOrEqualTo(r.registerSeconds());
    assertThat(r.runningSeconds()).isGreaterThanOrEqualTo(r.committedSeconds());
    assertThat(r.stats()).isNotNull();
    assertThat(r.stats().evalsProcessed()).as("one evaluation per job at least").isGreaterThanOrEqualTo(5);
    assertThat(r.heapAfterBytes()).isPositive();
    assertThat(r.csv().split(",")).hasSize(C1mResult.csvHeader().split(",").length);
    assertThat(r.cpuSeconds()).as("process CPU until committed").isPositive();
    assertThat(r.gcSeconds()).isNotNegative();
    assertThat(r.elections()).isNotNegative();
  }

  @Test
  void rejectsAScaleThatDoesNotFitTheNodes() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new C1mScale(1, 2, C1mWorkload.ALLOCS_PER_NODE, Duration.ofSeconds(1), 2, 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not fit 1 nodes");
  }
}
