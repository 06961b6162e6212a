package io.caravan.benchmarks.fenzo;

import io.caravan.benchmarks.workload.Scenario;
import io.caravan.benchmarks.workload.Workload;
import io.caravan.benchmarks.workload.WorkloadGenerator;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Fenzo placement throughput: one invocation places a whole workload on a fresh scheduler. The
 * {@code placements} secondary result is placements per second (the number to compare); the primary
 * result counts whole workloads per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class FenzoPlacementBenchmark {

  /** Workload, as {@code MIX:nodes:tasks[:racks]} (see {@link Scenario}). */
  @Param({"EASY:1000:8000", "HARD:1000:1500", "NOMAD:1000:1200:25", "NOMAD:5000:1200:75",
      "NOMAD:10000:1200:75"})
  public String scenario;

  /** Asks per {@code scheduleOnce} call (Fenzo's own test uses 200). */
  @Param({"200"})
  public int batch;

  private Workload workload;
  private FenzoPlacer placer;

  /** Placements made, reported by JMH as placements per second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Placements {
    /** Asks placed so far in this iteration. */
    public long placements;

    @Setup(Level.Iteration)
    public void reset() {
      placements = 0;
    }
  }

  @Setup(Level.Trial)
  public void generate() {
    workload = WorkloadGenerator.generate(Scenario.parse(scenario));
  }

  @Setup(Level.Invocation)
  public void freshScheduler() {
    placer = FenzoPlacer.prepare(workload, batch);
  }

  @TearDown(Level.Invocation)
  public void stopScheduler() {
    placer.shutdown();
  }

  @Benchmark
  public int[] place(Placements counter) {
    int[] nodeOfTask = placer.placeAll();
    for (int n : nodeOfTask) {
      if (n >= 0) {
        counter.placements++;
      }
    }
    return nodeOfTask;
  }
}
