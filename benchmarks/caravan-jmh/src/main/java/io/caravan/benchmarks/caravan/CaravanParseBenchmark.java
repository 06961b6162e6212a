package io.caravan.benchmarks.caravan;

import io.caravan.benchmarks.parse.ParseInput;
import io.caravan.benchmarks.parse.ParseInputs;
import io.caravan.hcl.Attribute;
import io.caravan.hcl.Block;
import io.caravan.hcl.Body;
import io.caravan.hcl.EvalContext;
import io.caravan.hcl.Hcl;
import io.caravan.hcl.NomadUnresolvedTraversals;
import io.caravan.hcl.ParseResult;
import io.caravan.hcl.functions.NomadFunctions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Caravan's HCL2 layer, parse and evaluate (every attribute of every block, with Nomad's function
 * table and its unresolved-traversal rule), over the same inputs as {@code Hcl4jParseBenchmark}.
 * The {@code mb} secondary result is megabytes (10^6 bytes of UTF-8) per second; {@code rejected}
 * counts files with parse errors.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class CaravanParseBenchmark {

  /** {@code corpus} or {@code synthetic-BYTES} (see {@link ParseInputs}). */
  @Param({"corpus", "synthetic-65536", "synthetic-262144", "synthetic-1048576", "synthetic-10485760"})
  public String input;

  private List<byte[]> sources;
  private List<String> names;
  private double megabytes;
  private EvalContext context;

  /** Bytes parsed and files rejected, reported per second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Counters {
    /** Megabytes parsed and evaluated in this iteration. */
    public double mb;
    /** Files with parse errors in this iteration. */
    public long rejected;

    @Setup(Level.Iteration)
    public void reset() {
      mb = 0;
      rejected = 0;
    }
  }

  @Setup(Level.Trial)
  public void load() {
    ParseInput parseInput = ParseInputs.load(input);
    sources = new ArrayList<>();
    names = new ArrayList<>();
    for (ParseInput.Source s : parseInput.sources()) {
      sources.add(s.text().getBytes(StandardCharsets.UTF_8));
      names.add(s.fileName());
    }
    megabytes = parseInput.utf8Bytes() / 1e6;
    context = EvalContext.of(Map.of(),
        NomadFunctions.withoutFileSystem(new SplittableRandom(ParseInputs.SYNTHETIC_SEED)),
        NomadUnresolvedTraversals.INSTANCE);
  }

  @Benchmark
  public void parseAndEvaluate(Counters counters, Blackhole sink) {
    for (int i = 0; i < sources.size(); i++) {
      ParseResult result = Hcl.parse(sources.get(i), names.get(i));
      if (result.hasErrors()) {
        counters.rejected++;
      } else {
        evaluate(result.body(), sink);
      }
      sink.consume(result);
    }
    counters.mb += megabytes;
  }

  private void evaluate(Body body, Blackhole sink) {
    for (Object item : body.items()) {
      if (item instanceof Attribute a) {
        sink.consume(a.expression().evaluate(context));
      } else if (item instanceof Block b) {
        evaluate(b.body(), sink);
      }
    }
  }
}
