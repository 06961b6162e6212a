package io.caravan.samples;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/** Draws a {@link SimulationReport}'s CPU and memory utilisation per node as a PNG bar chart (XChart). */
final class UtilisationChart {
  private UtilisationChart() {}

  /** Writes the chart to {@code file}. */
  static void write(SimulationReport report, Path file) throws IOException {
    SimulationSettings s = report.settings();
    SimulationReport.Summary sum = report.summary();
    CategoryChart chart = new CategoryChartBuilder().width(Math.max(800, 40 * report.nodes().size())).height(500)
        .title(String.format(java.util.Locale.ROOT, "%s, seed %d: %d of %d nodes used, %d of %d placed",
            s.algorithm(), s.seed(), sum.nodesUsed(), sum.nodes(), sum.placementsMade(), sum.placementsAsked()))
        .xAxisTitle("node").yAxisTitle("allocated share").build();
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(1.0);
    chart.getStyler().setXAxisLabelRotation(60);
    chart.getStyler().setOverlapped(false);
    List<String> ids = report.nodes().stream().map(SimulationReport.NodeRow::nodeId).toList();
    chart.addSeries("cpu", ids, report.nodes().stream().map(SimulationReport.NodeRow::cpuUtilisation).toList());
    chart.addSeries("memory", ids,
        report.nodes().stream().map(SimulationReport.NodeRow::memoryUtilisation).toList());
    try (OutputStream out = Files.newOutputStream(file)) {
      BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
    }
  }
}
