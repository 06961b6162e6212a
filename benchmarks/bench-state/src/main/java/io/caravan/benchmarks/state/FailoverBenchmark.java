package io.caravan.benchmarks.state;

import io.caravan.state.cluster.LocalRaftCluster;
import io.caravan.state.config.ServerConfig;
import io.caravan.state.fsm.Command;
import io.caravan.state.fsm.CommandCodec;
import io.caravan.state.fsm.StateFsm;
import io.caravan.state.raft.RaftNode;
import io.caravan.state.store.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Leader failover time of a 3-server in-process cluster with the default configuration: from
 * killing the leader until a write through the new leader is committed. The killed server is
 * restarted (and caught up) before the next measurement, outside the measured time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 8)
public class FailoverBenchmark {
  private LocalRaftCluster cluster;
  private String killed;
  private int writes;

  @Setup(Level.Trial)
  public void setUp() {
    cluster = LocalRaftCluster.start(3, ServerConfig.builder().build(),
        () -> new StateFsm(new StateStore(Clock.systemUTC())));
    cluster.awaitLeader(Duration.ofSeconds(30));
  }

  @Setup(Level.Iteration)
  public void healthyCluster() throws Exception {
    if (killed != null) {
      cluster.restartServer(killed);
      killed = null;
    }
    write();
    cluster.awaitConverged(Duration.ofSeconds(30));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    cluster.close();
  }

  private void write() throws Exception {
    writes++;
    cluster.log().submit(CommandCodec.encode(new Command.UpsertNode(StateData.node(writes))))
        .get(30, TimeUnit.SECONDS);
  }

  /** Kill the leader, then commit one write through whichever server leads next. */
  @Benchmark
  public void killLeaderUntilNextCommittedWrite() throws Exception {
    RaftNode leader = cluster.awaitLeader(Duration.ofSeconds(30));
    killed = leader.id();
    cluster.killServer(killed).get(30, TimeUnit.SECONDS);
    write();
  }
}
