package io.caravan.benchmarks.report;

/**
 * One measured number: which benchmark (JMH name with any {@code :secondary} suffix), its
 * parameters as {@code k=v;k=v}, the score, its error (99.9% half-width, NaN when JMH gave none)
 * and the unit.
 */
record ResultRow(String benchmark, String params, double score, double error, String unit, int samples) {

  /** The part of the benchmark name after the last ':' (the secondary metric), or "" for the primary one. */
  String metric() {
    int colon = benchmark.lastIndexOf(':');
    return colon < 0 ? "" : benchmark.substring(colon + 1);
  }

  /** The benchmark class's simple name, e.g. {@code FenzoPlacementBenchmark}. */
  String benchmarkClass() {
    String name = benchmark.contains(":") ? benchmark.substring(0, benchmark.lastIndexOf(':')) : benchmark;
    String[] parts = name.split("\\.");
    return parts.length >= 2 ? parts[parts.length - 2] : name;
  }
}
