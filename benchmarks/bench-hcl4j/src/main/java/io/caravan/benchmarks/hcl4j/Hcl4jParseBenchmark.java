package io.caravan.benchmarks.hcl4j;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import com.bertramlabs.plugins.hcl4j.HCLParserException;
import io.caravan.benchmarks.parse.ParseInput;
import io.caravan.benchmarks.parse.ParseInputs;
import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * hcl4j parse (and its partial evaluation) over a whole input per invocation. The {@code mb}
 * secondary result is megabytes (10^6 bytes of UTF-8) parsed per second; {@code rejected} counts
 * files hcl4j threw on (per second, so divide by the primary score for a per-pass count).
 *
 * <p>hcl4j is quadratic in input size (peers-notes.md §3.1): a 1 MB file takes tens of seconds, so
 * the synthetic 10 MB input is not in the default parameters.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class Hcl4jParseBenchmark {

  /** {@code corpus} or {@code synthetic-BYTES} (see {@link ParseInputs}). */
  @Param({"corpus", "synthetic-65536", "synthetic-262144", "synthetic-1048576"})
  public String input;

  private ParseInput parseInput;
  private double megabytes;
  private PrintStream realOut;

  /** Bytes parsed and files rejected, reported per second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Counters {
    /** Megabytes parsed in this iteration. */
    public double mb;
    /** Files hcl4j rejected in this iteration. */
    public long rejected;

    @Setup(Level.Iteration)
    public void reset() {
      mb = 0;
      rejected = 0;
    }
  }

  @Setup(Level.Trial)
  public void load() {
    parseInput = ParseInputs.load(input);
    megabytes = parseInput.utf8Bytes() / 1e6;
    // hcl4j prints evaluation traces ("Evaluating Tuple: ...") to stdout; keep JMH's output readable
    realOut = System.out;
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
  }

  @TearDown(Level.Trial)
  public void restoreOut() {
    System.setOut(realOut);
  }

  @Benchmark
  public void parse(Counters counters, Blackhole sink) {
    for (ParseInput.Source source : parseInput.sources()) {
      try {
        sink.consume(new HCLParser().parse(source.text()));
      } catch (HCLParserException | IOException | RuntimeException e) {
        // hcl4j rejects (or crashes on) some corpus files; the work done still counts as parsing
        counters.rejected++;
        sink.consume(e);
      }
    }
    counters.mb += megabytes;
  }
}
