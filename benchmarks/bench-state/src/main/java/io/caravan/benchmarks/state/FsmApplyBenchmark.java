package io.caravan.benchmarks.state;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.job.Job;
import io.caravan.state.fsm.Command;
import io.caravan.state.fsm.CommandCodec;
import io.caravan.state.fsm.StateFsm;
import io.caravan.state.store.StateStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The FSM's apply rate on one server, without Raft: encoded commands decoded and applied to a
 * state store holding 10,000 allocations. One operation is one allocation update (a client status
 * change, as clients send them), either one command per update or 100 updates in one command.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class FsmApplyBenchmark {
  private static final int ALLOCS = 10_000;
  private static final int BATCH = 100;

  private StateFsm fsm;
  private long index;
  private byte[][] singles;
  private byte[][] batches;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    fsm = new StateFsm(new StateStore(Clock.fixed(Instant.parse("2026-11-25T00:00:00Z"), ZoneOffset.UTC)));
    Job job = StateData.job("web", ALLOCS);
    apply(new Command.RegisterJob(job, null));
    for (int i = 0; i < 100; i++) {
      apply(new Command.UpsertNode(StateData.node(i)));
    }
    SplittableRandom random = new SplittableRandom(42);
    List<Allocation> allocs = new ArrayList<>();
    for (int i = 0; i < ALLOCS; i++) {
      allocs.add(StateData.alloc(StateData.uuid(random), job, "eval-1", i, StateData.node(i % 100).id()));
    }
    apply(new Command.ApplyPlanResult(allocs, null, List.of()));
    singles = new byte[ALLOCS][];
    for (int i = 0; i < ALLOCS; i++) {
      singles[i] = CommandCodec.encode(new Command.ClientAllocUpdates(List.of(running(allocs.get(i))), List.of()));
    }
    batches = new byte[ALLOCS / BATCH][];
    for (int b = 0; b < batches.length; b++) {
      List<Allocation> chunk = allocs.subList(b * BATCH, (b + 1) * BATCH).stream().map(FsmApplyBenchmark::running).toList();
      batches[b] = CommandCodec.encode(new Command.ClientAllocUpdates(chunk, List.of()));
    }
  }

  /** What a client sends for an allocation: its ID and the client-side fields, not the job. */
  private static Allocation running(Allocation a) {
    return Allocation.builder().id(a.id()).clientStatus("running").clientDescription("Tasks are running").build();
  }

  private void apply(Command c) {
    fsm.apply(++index, CommandCodec.encode(c));
  }

  /** One client update per command. */
  @Benchmark
  public byte[] oneUpdatePerCommand() {
    byte[] cmd = singles[next];
    next = (next + 1) % singles.length;
    return fsm.apply(++index, cmd);
  }

  /** One hundred client updates per command (a client's batched update). */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public byte[] hundredUpdatesPerCommand() {
    byte[] cmd = batches[next % batches.length];
    next = (next + 1) % singles.length;
    return fsm.apply(++index, cmd);
  }
}
