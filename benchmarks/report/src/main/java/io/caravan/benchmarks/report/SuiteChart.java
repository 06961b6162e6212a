package io.caravan.benchmarks.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/** A grouped bar chart of one metric: one bar group per workload, one series per benchmark class and variant. */
final class SuiteChart {
  private SuiteChart() {}

  /**
   * The bar group of a row: its workload ({@code scenario} or {@code input} parameter), so peers
   * with extra parameters (Fenzo's {@code batch}) line up with the others; else all parameters.
   */
  static String category(ResultRow r) {
    for (String param : r.params().split(";")) {
      if (param.startsWith("scenario=") || param.startsWith("input=")) {
        return param.substring(param.indexOf('=') + 1);
      }
    }
    return r.params().isEmpty() ? r.benchmark() : r.params();
  }

  /**
   * The series of a row: its benchmark class, followed by its other parameters (Caravan's
   * {@code candidates=full-scan}, Fenzo's {@code batch=200}), so variants of one class measured in
   * one run are drawn as separate series instead of overwriting each other.
   */
  static String series(ResultRow r) {
    StringBuilder name = new StringBuilder(r.benchmarkClass());
    for (String param : r.params().split(";")) {
      if (!param.isEmpty() && !param.startsWith("scenario=") && !param.startsWith("input=")) {
        name.append(' ').append(param);
      }
    }
    return name.toString();
  }

  /** Renders the rows to {@code png} (the ".png" is added by XChart when missing). */
  static void render(String title, String yAxis, List<ResultRow> rows, boolean logarithmic, Path png)
      throws IOException {
    Set<String> categories = new LinkedHashSet<>();
    Map<String, Map<String, ResultRow>> bySeries = new LinkedHashMap<>();
    for (ResultRow r : rows) {
      String category = category(r);
      categories.add(category);
      bySeries.computeIfAbsent(series(r), k -> new LinkedHashMap<>()).put(category, r);
    }
    CategoryChart chart = new CategoryChartBuilder().width(1200).height(700)
        .title(title).xAxisTitle("workload").yAxisTitle(yAxis).build();
    chart.getStyler().setYAxisLogarithmic(logarithmic);
    if (logarithmic) {
      // bars start at the axis minimum, which must be a positive power of ten on a log axis
      double min = rows.stream().mapToDouble(ResultRow::score).filter(v -> v > 0).min().orElse(1);
      double max = rows.stream().mapToDouble(ResultRow::score).filter(v -> v > 0).max().orElse(10);
      chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
      chart.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(max * 1.01))));
    }
    chart.getStyler().setXAxisLabelRotation(20);
    chart.getStyler().setOverlapped(false);
    chart.getStyler().setErrorBarsColorSeriesColor(true);
    List<String> xs = new ArrayList<>(categories);
    for (Map.Entry<String, Map<String, ResultRow>> series : bySeries.entrySet()) {
      List<Double> ys = new ArrayList<>();
      List<Double> errors = new ArrayList<>();
      for (String x : xs) {
        ResultRow r = series.getValue().get(x);
        ys.add(r == null ? (logarithmic ? Double.NaN : 0.0) : r.score());
        // XChart cannot draw a bar whose error bar reaches zero on a log axis: omit error bars there
        errors.add(r == null || Double.isNaN(r.error()) || logarithmic ? 0.0 : r.error());
      }
      if (logarithmic) {
        chart.addSeries(series.getKey(), xs, ys);
      } else {
        chart.addSeries(series.getKey(), xs, ys, errors);
      }
    }
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
  }
}
