package io.caravan.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the CSV that {@code java -jar benchmarks.jar -rf csv -rff FILE} writes. */
final class JmhCsv {
  private JmhCsv() {}

  /** Every row of one JMH CSV file. */
  static List<ResultRow> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (lines.isEmpty()) {
      return List.of();
    }
    List<String> header = Csv.split(lines.get(0));
    int benchmark = column(header, "Benchmark", file);
    int samples = column(header, "Samples", file);
    int score = column(header, "Score", file);
    int error = column(header, "Score Error (99.9%)", file);
    int unit = column(header, "Unit", file);
    List<ResultRow> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      List<String> f = Csv.split(lines.get(i));
      StringBuilder params = new StringBuilder();
      for (int c = 0; c < header.size(); c++) {
        if (header.get(c).startsWith("Param: ") && c < f.size() && !f.get(c).isEmpty()) {
          if (params.length() > 0) {
            params.append(';');
          }
          params.append(header.get(c).substring("Param: ".length())).append('=').append(f.get(c));
        }
      }
      rows.add(new ResultRow(f.get(benchmark), params.toString(), number(f.get(score)),
          number(f.get(error)), f.get(unit), (int) number(f.get(samples))));
    }
    return rows;
  }

  private static int column(List<String> header, String name, Path file) {
    int i = header.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException(file + ": no \"" + name + "\" column in " + header);
    }
    return i;
  }

  private static double number(String text) {
    if (text.isEmpty() || text.equals("NaN")) {
      return Double.NaN;
    }
    return Double.parseDouble(text);
  }
}
