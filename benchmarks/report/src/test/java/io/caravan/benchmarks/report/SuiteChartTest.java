package io.caravan.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SuiteChartTest {
  private static ResultRow row(String benchmark, String params) {
    return new ResultRow(benchmark, params, 1.0, 0.1, "ops/s", 5);
  }

  @Test
  void variantsOfOneBenchmarkClassAreSeparateSeriesOnTheSameWorkload() {
    ResultRow nomad = row("io.caravan.benchmarks.caravan.CaravanPlacementBenchmark.place:placements",
        "candidates=nomad;scenario=HARD:1000:1500");
    ResultRow fullScan = row("io.caravan.benchmarks.caravan.CaravanPlacementBenchmark.place:placements",
        "candidates=full-scan;scenario=HARD:1000:1500");
    assertThat(SuiteChart.category(nomad)).isEqualTo("HARD:1000:1500").isEqualTo(SuiteChart.category(fullScan));
    assertThat(SuiteChart.series(nomad)).isEqualTo("CaravanPlacementBenchmark candidates=nomad");
    assertThat(SuiteChart.series(fullScan)).isEqualTo("CaravanPlacementBenchmark candidates=full-scan");
  }

  @Test
  void aRowWithOnlyItsWorkloadIsNamedByItsClass() {
    assertThat(SuiteChart.series(row("io.caravan.benchmarks.caravan.CaravanParseBenchmark.parseAndEvaluate:mb",
        "input=corpus"))).isEqualTo("CaravanParseBenchmark");
  }
}
