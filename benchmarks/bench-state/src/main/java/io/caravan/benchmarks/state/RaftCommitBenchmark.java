package io.caravan.benchmarks.state;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.job.Job;
import io.caravan.state.cluster.LocalRaftCluster;
import io.caravan.state.config.ServerConfig;
import io.caravan.state.fsm.Command;
import io.caravan.state.fsm.CommandCodec;
import io.caravan.state.fsm.StateFsm;
import io.caravan.state.store.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Committed allocation updates per second through a 3-server in-process Ratis cluster (gRPC on
 * loopback, group commit on): each invocation submits a window of 2,000 client updates, one
 * command each as clients send them, and waits until every one is committed and applied on the
 * leader. Issue #6's target is at least 20,000 allocation updates per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
public class RaftCommitBenchmark {
  private static final int ALLOCS = 10_000;
  private static final int WINDOW = 2_000;

  private LocalRaftCluster cluster;
  private byte[][] updates;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    cluster = LocalRaftCluster.start(3, ServerConfig.builder().build(),
        () -> new StateFsm(new StateStore(Clock.systemUTC())));
    cluster.awaitLeader(Duration.ofSeconds(30));
    Job job = StateData.job("web", ALLOCS);
    submit(new Command.RegisterJob(job, null)).get(30, TimeUnit.SECONDS);
    List<CompletableFuture<byte[]>> nodes = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      nodes.add(submit(new Command.UpsertNode(StateData.node(i))));
    }
    CompletableFuture.allOf(nodes.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    SplittableRandom random = new SplittableRandom(7);
    List<Allocation> allocs = new ArrayList<>();
    for (int i = 0; i < ALLOCS; i++) {
      allocs.add(StateData.alloc(StateData.uuid(random), job, "eval-1", i, StateData.node(i % 100).id()));
    }
    for (int from = 0; from < ALLOCS; from += 1_000) {
      submit(new Command.ApplyPlanResult(allocs.subList(from, from + 1_000), null, List.of())).get(30, TimeUnit.SECONDS);
    }
    updates = new byte[ALLOCS][];
    for (int i = 0; i < ALLOCS; i++) {
      // what a client sends: the allocation's ID and client-side fields, not the job
      Allocation a = Allocation.builder().id(allocs.get(i).id()).clientStatus(i % 2 == 0 ? "running" : "pending")
          .clientDescription("Tasks are running").build();
      updates[i] = CommandCodec.encode(new Command.ClientAllocUpdates(List.of(a), List.of()));
    }
  }

  private CompletableFuture<byte[]> submit(Command c) {
    return cluster.log().submit(CommandCodec.encode(c));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    cluster.close();
  }

  /** A window of client updates, all in flight at once, until all are committed. */
  @Benchmark
  @OperationsPerInvocation(WINDOW)
  public void commitWindowOfClientUpdates() throws Exception {
    CompletableFuture<?>[] pending = new CompletableFuture<?>[WINDOW];
    for (int i = 0; i < WINDOW; i++) {
      pending[i] = cluster.log().submit(updates[next]);
      next = (next + 1) % updates.length;
    }
    CompletableFuture.allOf(pending).get(60, TimeUnit.SECONDS);
  }
}
