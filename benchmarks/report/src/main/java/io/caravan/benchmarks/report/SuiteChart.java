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

/** A grouped bar chart of one metric: one bar group per parameter set, one series per benchmark class. */
final class SuiteChart {
  private SuiteChart() {}

  /** Renders the rows to {@code png} (the ".png" is added by XChart when missing). */
  static void render(String title, String yAxis, List<ResultRow> rows, boolean logarithmic, Path png)
      throws IOException {
    Set<String> categories = new LinkedHashSet<>();
    Map<String, Map<String, ResultRow>> bySeries = new LinkedHashMap<>();
    for (ResultRow r : rows) {
      String category = r.params().isEmpty() ? r.benchmark() : r.params();
      categories.add(category);
      bySeries.computeIfAbsent(r.benchmarkClass(), k -> new LinkedHashMap<>()).put(category, r);
    }
    CategoryChart chart = new CategoryChartBuilder().width(1200).height(700)
        .title(title).xAxisTitle("workload").yAxisTitle(yAxis).build();
    chart.getStyler().setYAxisLogarithmic(logarithmic);
    chart.getStyler().setXAxisLabelRotation(20);
    chart.getStyler().setOverlapped(false);
    chart.getStyler().setErrorBarsColorSeriesColor(true);
    List<String> xs = new ArrayList<>(categories);
    for (Map.Entry<String, Map<String, ResultRow>> series : bySeries.entrySet()) {
      List<Double> ys = new ArrayList<>();
      List<Double> errors = new ArrayList<>();
      for (String x : xs) {
        ResultRow r = series.getValue().get(x);
        ys.add(r == null ? 0.0 : r.score());
        errors.add(r == null || Double.isNaN(r.error()) ? 0.0 : r.error());
      }
      chart.addSeries(series.getKey(), xs, ys, errors);
    }
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
  }
}
