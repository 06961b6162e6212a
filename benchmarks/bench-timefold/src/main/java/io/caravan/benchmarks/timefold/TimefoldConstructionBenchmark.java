package io.caravan.benchmarks.timefold;

import ai.timefold.solver.core.api.solver.Solver;
import io.caravan.benchmarks.workload.Scenario;
import io.caravan.benchmarks.workload.Workload;
import io.caravan.benchmarks.workload.WorkloadGenerator;
import java.util.concurrent.TimeUnit;
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

/**
 * How long Timefold's construction heuristic (its greedy first solution) takes to place a whole
 * workload: one shot per iteration, in milliseconds. Divide the task count by it for placements/s.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@State(Scope.Thread)
public class TimefoldConstructionBenchmark {

  /** Workload, as {@code MIX:nodes:tasks} (see {@link Scenario}). */
  @Param({"HARD:300:450", "HARD:1000:1500"})
  public String scenario;

  private Workload workload;
  private Solver<PackingSolution> solver;

  @Setup(Level.Trial)
  public void generate() {
    workload = WorkloadGenerator.generate(Scenario.parse(scenario));
  }

  @Setup(Level.Iteration)
  public void freshSolver() {
    solver = TimefoldPacker.constructionOnly(Scenario.DEFAULT_SEED);
  }

  @Benchmark
  public PackingSolution construct() {
    return solver.solve(TimefoldPacker.problem(workload));
  }
}
