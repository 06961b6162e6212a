package io.caravan.benchmarks.caravan;

import io.caravan.benchmarks.workload.Scenario;
import io.caravan.scheduler.placement.PlacementEngine;
import io.caravan.scheduler.placement.PlacementOptions;
import io.caravan.scheduler.placement.PlacementResult;
import io.caravan.scheduler.snapshot.SchedulerConfiguration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import io.caravan.benchmarks.workload.WorkloadGenerator;

/**
 * Caravan placement throughput (binpack, Nomad semantics): one invocation places every ask of a
 * workload with a fresh {@link PlacementEngine} over the same snapshot. The {@code placements}
 * secondary result is placements per second, comparable with {@code FenzoPlacementBenchmark}.
 * {@code candidates} selects Nomad's limit iterator ({@code nomad}) or ranking every feasible
 * node ({@code full-scan}, see {@link PlacementOptions}). Five warm-up iterations: the engine's
 * fast paths are reached only after nodes have been seen once, and with three the JIT was still
 * recompiling the ranking loop in the first measured iterations.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class CaravanPlacementBenchmark {

  /** Workload, as {@code MIX:nodes:tasks[:racks[:spread]]} (see {@link Scenario}). */
  @Param({"EASY:1000:8000", "HARD:1000:1500", "NOMAD:1000:1200:25", "NOMAD:5000:1200:75",
      "NOMAD:10000:1200:75", "NOMAD:1000:1200:25:spread", "NOMAD:5000:1200:75:spread",
      "NOMAD:10000:1200:75:spread"})
  public String scenario;

  /** Which nodes a placement ranks: {@code nomad} (the limit iterator) or {@code full-scan}. */
  @Param({"nomad", "full-scan"})
  public String candidates;

  private CaravanWorkloads inputs;
  private PlacementEngine engine;

  /** Placements made, reported by JMH as placements per second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Placements {
    /** Allocations placed so far in this iteration. */
    public long placements;

    @Setup(Level.Iteration)
    public void reset() {
      placements = 0;
    }
  }

  @Setup(Level.Trial)
  public void generate() {
    inputs = CaravanWorkloads.of(WorkloadGenerator.generate(Scenario.parse(scenario)));
  }

  @Setup(Level.Invocation)
  public void freshEngine() {
    engine = new PlacementEngine(inputs.cluster(), SchedulerConfiguration.serverDefaults(),
        PlacementOptions.parse(candidates));
  }

  @Benchmark
  public PlacementResult place(Placements counter) {
    PlacementResult result = engine.place(inputs.request());
    counter.placements += result.placements().size();
    return result;
  }
}
