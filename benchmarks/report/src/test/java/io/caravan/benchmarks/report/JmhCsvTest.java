package io.caravan.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhCsvTest {

  @Test
  void readsJmhCsvWithParamsAndSecondaryResults(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("r.csv");
    Files.writeString(file, String.join("\n",
        "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\",\"Param: batch\",\"Param: scenario\"",
        "\"io.caravan.benchmarks.fenzo.FenzoPlacementBenchmark.place\",\"thrpt\",1,5,1.377000,0.120000,\"ops/s\",200,HARD:1000:1500",
        "\"io.caravan.benchmarks.fenzo.FenzoPlacementBenchmark.place:placements\",\"thrpt\",1,5,2065.5,NaN,\"ops/s\",200,HARD:1000:1500",
        ""));
    List<ResultRow> rows = JmhCsv.read(file);
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).params()).isEqualTo("batch=200;scenario=HARD:1000:1500");
    assertThat(rows.get(0).error()).isEqualTo(0.12);
    assertThat(rows.get(0).metric()).isEmpty();
    assertThat(rows.get(1).metric()).isEqualTo("placements");
    assertThat(rows.get(1).benchmarkClass()).isEqualTo("FenzoPlacementBenchmark");
    assertThat(rows.get(1).error()).isNaN();
    assertThat(Report.merged("placement", rows).get(2))
        .isEqualTo("placement,io.caravan.benchmarks.fenzo.FenzoPlacementBenchmark.place:placements,"
            + "placements,batch=200;scenario=HARD:1000:1500,5,2065.5000,,ops/s");
  }

  @Test
  void splitsQuotedFieldsWithCommasAndQuotes() {
    assertThat(Csv.split("a,\"b,c\",\"d\"\"e\",")).containsExactly("a", "b,c", "d\"e", "");
    assertThat(Csv.quote("x,y")).isEqualTo("\"x,y\"");
  }

  @Test
  void readsQualityLinesAsRatioRowsPerPeer(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("q.csv");
    Files.writeString(file, "peer,scenario,tasks,placed,nodesUsed,lowerBound,ratio\n"
        + "fenzo,HARD:300:450,450,450,216,184,1.1739\n"
        + "peer,scenario,tasks,placed,nodesUsed,lowerBound,ratio,msToFirstFeasible,score\n"
        + "timefold-10s,HARD:300:450,450,450,202,184,1.0978,1675,0hard/-202medium/33soft\n");
    List<ResultRow> rows = QualityCsv.read(file);
    assertThat(rows).extracting(ResultRow::benchmarkClass).containsExactly("fenzo", "timefold-10s");
    assertThat(rows).extracting(ResultRow::score).containsExactly(1.1739, 1.0978);
    assertThat(rows).allSatisfy(r -> assertThat(r.metric()).isEqualTo("ratio"));
  }
}
