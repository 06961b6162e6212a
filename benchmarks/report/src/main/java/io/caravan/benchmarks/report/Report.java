package io.caravan.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Merges the JMH CSV files of one suite into {@code OUT/SUITE.csv} and charts one metric of it into
 * {@code OUT/SUITE.png}. Files whose header starts with {@code peer,scenario,} are read as
 * packing-quality results (metric {@code ratio}).
 *
 * <p>Usage: {@code Report SUITE OUT_DIR METRIC Y_AXIS_LABEL [--log] JMH_CSV...}, where METRIC is the
 * secondary result to chart (e.g. {@code placements}, {@code mb}) or {@code -} for the primary one.
 */
public final class Report {
  private Report() {}

  /** Entry point; exits 2 on a usage error. */
  public static void main(String[] args) throws IOException {
    System.setProperty("java.awt.headless", "true");
    if (args.length < 5) {
      System.err.println("usage: Report SUITE OUT_DIR METRIC Y_AXIS_LABEL [--log] JMH_CSV...");
      System.exit(2);
    }
    String suite = args[0];
    Path out = Paths.get(args[1]);
    String metric = args[2].equals("-") ? "" : args[2];
    String yAxis = args[3];
    int first = 4;
    boolean log = false;
    if (args[first].equals("--log")) {
      log = true;
      first++;
    }
    List<ResultRow> all = new ArrayList<>();
    for (int i = first; i < args.length; i++) {
      Path file = Paths.get(args[i]);
      if (Files.isRegularFile(file)) {
        List<String> head = Files.readAllLines(file, StandardCharsets.UTF_8);
        boolean quality = !head.isEmpty() && QualityCsv.isQualityHeader(head.get(0));
        all.addAll(quality ? QualityCsv.read(file) : JmhCsv.read(file));
      } else {
        System.err.println("skipping missing result file " + file);
      }
    }
    Files.createDirectories(out);
    Path csv = out.resolve(suite + ".csv");
    Files.write(csv, merged(suite, all), StandardCharsets.UTF_8);
    List<ResultRow> charted = all.stream().filter(r -> r.metric().equals(metric)).toList();
    if (charted.isEmpty()) {
      System.err.println("no \"" + (metric.isEmpty() ? "primary" : metric)
          + "\" results to chart for suite " + suite);
      return;
    }
    Path png = out.resolve(suite + ".png");
    SuiteChart.render(suite + " (" + charted.get(0).unit() + ")", yAxis, charted, log, png);
    System.out.println("wrote " + csv + " and " + png);
  }

  /** The merged CSV: one header, one line per result. */
  static List<String> merged(String suite, List<ResultRow> rows) {
    List<String> lines = new ArrayList<>(rows.size() + 1);
    lines.add("suite,benchmark,metric,params,samples,score,error,unit");
    for (ResultRow r : rows) {
      lines.add(String.join(",", Csv.quote(suite), Csv.quote(r.benchmark()), Csv.quote(r.metric()),
          Csv.quote(r.params()), Integer.toString(r.samples()),
          String.format(Locale.ROOT, "%.4f", r.score()),
          Double.isNaN(r.error()) ? "" : String.format(Locale.ROOT, "%.4f", r.error()),
          Csv.quote(r.unit())));
    }
    return lines;
  }
}
