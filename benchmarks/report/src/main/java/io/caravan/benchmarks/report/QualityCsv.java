package io.caravan.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the packing-quality CSV the peers' quality programs print
 * ({@code peer,scenario,tasks,placed,nodesUsed,lowerBound,ratio,...}) as rows of metric
 * {@code ratio}, one series per peer.
 */
final class QualityCsv {
  private QualityCsv() {}

  /** Whether {@code header} is a quality CSV header. */
  static boolean isQualityHeader(String header) {
    return header.startsWith("peer,scenario,");
  }

  /** Every data row of one quality file (repeated header lines, from concatenated runs, are skipped). */
  static List<ResultRow> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<ResultRow> rows = new ArrayList<>();
    if (lines.isEmpty()) {
      return rows;
    }
    List<String> header = Csv.split(lines.get(0));
    int ratio = header.indexOf("ratio");
    if (ratio < 0) {
      throw new IllegalArgumentException(file + ": no \"ratio\" column in " + header);
    }
    for (String line : lines) {
      if (line.isBlank() || isQualityHeader(line)) {
        continue;
      }
      List<String> f = Csv.split(line);
      rows.add(new ResultRow(f.get(0) + ".packing:ratio", "scenario=" + f.get(1),
          Double.parseDouble(f.get(ratio)), Double.NaN, "nodes used / lower bound", 1));
    }
    return rows;
  }
}
