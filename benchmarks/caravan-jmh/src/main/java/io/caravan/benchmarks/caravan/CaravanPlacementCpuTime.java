package io.caravan.benchmarks.caravan;

import io.caravan.benchmarks.workload.Scenario;
import io.caravan.benchmarks.workload.WorkloadGenerator;
import io.caravan.scheduler.placement.PlacementEngine;
import io.caravan.scheduler.placement.PlacementResult;
import io.caravan.scheduler.snapshot.SchedulerConfiguration;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * Placements per second of thread CPU time, for comparing builds on a machine too busy for JMH's
 * wall-clock numbers to mean anything: per scenario, {@code RUNS} warm-up passes, then
 * {@code RUNS} timed passes (a fresh {@link PlacementEngine} each, as in
 * {@code CaravanPlacementBenchmark}), printing the median, min and max. CPU time still suffers
 * from cache and memory contention under load, so compare builds run back to back.
 */
public final class CaravanPlacementCpuTime {
  private static final long WARMUP_CPU_NANOS = 3_000_000_000L;

  private CaravanPlacementCpuTime() {}

  /** Usage: {@code CaravanPlacementCpuTime RUNS SCENARIO...}. */
  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: CaravanPlacementCpuTime RUNS SCENARIO... (e.g. 15 NOMAD:10000:1200:75:spread)");
      System.exit(2);
    }
    int runs = Integer.parseInt(args[0]);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    System.out.println("scenario,runs,medianPlacementsPerCpuSecond,min,max");
    for (int k = 1; k < args.length; k++) {
      CaravanWorkloads inputs = CaravanWorkloads.of(WorkloadGenerator.generate(Scenario.parse(args[k])));
      long warmStart = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < runs || mx.getCurrentThreadCpuTime() - warmStart < WARMUP_CPU_NANOS; i++) {
        new PlacementEngine(inputs.cluster(), SchedulerConfiguration.serverDefaults()).place(inputs.request());
      }
      double[] rate = new double[runs];
      for (int i = 0; i < runs; i++) {
        long start = mx.getCurrentThreadCpuTime();
        PlacementResult r = new PlacementEngine(inputs.cluster(), SchedulerConfiguration.serverDefaults())
            .place(inputs.request());
        long cpuNanos = mx.getCurrentThreadCpuTime() - start;
        rate[i] = r.placements().size() / (cpuNanos / 1e9);
      }
      Arrays.sort(rate);
      System.out.printf("%s,%d,%.0f,%.0f,%.0f%n", args[k], runs, rate[runs / 2], rate[0], rate[runs - 1]);
    }
  }
}
