package io.caravan.state.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.state.config.ServerConfig;
import io.caravan.state.lincheck.CheckResult;
import io.caravan.state.lincheck.HistoryRecorder;
import io.caravan.state.lincheck.KvModel;
import io.caravan.state.lincheck.KvOp;
import io.caravan.state.lincheck.LinearizabilityChecker;
import io.caravan.state.lincheck.Operation;
import io.caravan.state.raft.RaftNode;
import io.caravan.state.raft.ReplicatedLog;
import io.caravan.state.testing.KvFsm;
import io.caravan.state.testing.TestConfigs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Records concurrent puts and linearizable gets from several clients against a 3-server cluster while
 * the leader is killed at a seeded moment in every round, and checks each round's history for
 * linearizability. CI runs 20 rounds; {@code -Dcaravan.lincheck.rounds=N} runs more.
 */
class LinearizableClusterTest {
  private static final int CLIENTS = 3;
  /** Operations that must complete under the new leader before a round ends. */
  private static final int OPS_AFTER_FAILOVER = 10;
  private static final long CLIENT_GRACE_MILLIS = 200;
  /** Short client request timeout: a request stuck on the killed leader is retried elsewhere sooner. */
  private static final ServerConfig CONFIG = TestConfigs.smallSnapshotsBuilder().set("raft.request_timeout", "1s").build();
  private static LocalRaftCluster cluster;
  private static final List<ReplicatedLog> clients = new ArrayList<>();

  @BeforeAll
  static void start() {
    cluster = LocalRaftCluster.start(3, CONFIG, KvFsm::new);
    cluster.awaitLeader(Duration.ofSeconds(20));
    List<io.caravan.state.raft.Peer> peers = cluster.runningServers().stream().map(RaftNode::peer).toList();
    for (int c = 0; c < CLIENTS; c++) {
      clients.add(ReplicatedLog.connect(peers, CONFIG));
    }
    for (ReplicatedLog c : clients) { // connect and warm up before the first recorded round
      c.submit(KvFsm.put("warm-up", "x")).join();
      c.query(KvFsm.get("warm-up")).join();
    }
  }

  @AfterAll
  static void stop() {
    clients.forEach(ReplicatedLog::close);
    cluster.close();
  }

  @Test
  void historiesWithLeaderKillsAreLinearizable() throws Exception {
    int rounds = Integer.getInteger("caravan.lincheck.rounds", 20);
    long baseSeed = Long.getLong("caravan.lincheck.seed", 7L);
    LinearizabilityChecker checker = new LinearizabilityChecker(2_000_000);
    int totalOps = 0;
    for (int round = 0; round < rounds; round++) {
      long seed = baseSeed * 1_000_003L + round;
      List<Operation<KvOp, String>> history = runRound(round, seed);
      CheckResult result = checker.check(new KvModel(), history);
      assertThat(result.verdict())
          .as("round %d seed %d (rerun with -Dcaravan.lincheck.seed=%d): %s", round, seed, baseSeed, result.detail())
          .isEqualTo(CheckResult.Verdict.LINEARIZABLE);
      assertThat(history.stream().filter(Operation::outcomeKnown).count())
          .as("round %d completed operations of %d: %s", round, history.size(), history.stream().limit(10).toList())
          .isGreaterThanOrEqualTo(10);
      totalOps += history.size();
    }
    assertThat(totalOps).isGreaterThanOrEqualTo(rounds * 10);
  }

  private static List<Operation<KvOp, String>> runRound(int round, long seed) throws Exception {
    SplittableRandom rnd = new SplittableRandom(seed);
    HistoryRecorder<KvOp, String> recorder = new HistoryRecorder<>(System::nanoTime);
    long killAfter = 50 + rnd.nextInt(250);
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      int client = c;
      long clientSeed = rnd.nextLong();
      Thread t = new Thread(() -> runClient(round, client, clientSeed, stop, recorder), "lin-client-" + c);
      t.start();
      threads.add(t);
    }
    cluster.awaitLeader(Duration.ofSeconds(20));
    long t0 = System.nanoTime();
    Thread.sleep(killAfter);
    RaftNode leader = cluster.awaitLeader(Duration.ofSeconds(20));
    CompletableFuture<Void> closed = cluster.killServer(leader.id());
    cluster.awaitLeader(Duration.ofSeconds(20));
    long t1 = System.nanoTime();
    int before = recorder.completed();
    LocalRaftCluster.awaitCondition(() -> recorder.completed() >= before + OPS_AFTER_FAILOVER, Duration.ofSeconds(20),
        "operations did not resume after failover in round " + round);
    long t2 = System.nanoTime();
    stop.set(true);
    // clients stuck on a request to the killed leader are not waited for: their operations count as unknown
    long joinDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLIENT_GRACE_MILLIS);
    for (Thread t : threads) {
      t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(joinDeadline - System.nanoTime())));
    }
    closed.join();
    List<Operation<KvOp, String>> history = recorder.close();
    long t3 = System.nanoTime();
    cluster.restartServer(leader.id());
    System.out.printf("round %d: kill at %d ms, leader after %d ms, resumed after %d ms, clients done after %d ms, restart %d ms%n",
        round, killAfter, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, (System.nanoTime() - t3) / 1_000_000);
    return history;
  }

  private static void runClient(int round, int client, long seed, AtomicBoolean stop, HistoryRecorder<KvOp, String> recorder) {
    SplittableRandom rnd = new SplittableRandom(seed);
    ReplicatedLog log = clients.get(client);
    int n = 0;
    while (!stop.get()) {
      String key = "r" + round + "-k" + rnd.nextInt(2);
      if (rnd.nextInt(5) < 2) {
        String value = "c" + client + "-" + n++;
        HistoryRecorder<KvOp, String>.Pending op = recorder.invoke(client, new KvOp.Put(key, value));
        try {
          op.ok(KvFsm.text(log.submit(KvFsm.put(key, value)).get(10, TimeUnit.SECONDS)));
        } catch (ExecutionException | TimeoutException e) {
          op.unknown();
        } catch (InterruptedException e) {
          op.unknown();
          Thread.currentThread().interrupt();
          return;
        }
      } else {
        HistoryRecorder<KvOp, String>.Pending op = recorder.invoke(client, new KvOp.Get(key));
        try {
          op.ok(KvFsm.text(log.query(KvFsm.get(key)).get(10, TimeUnit.SECONDS)));
        } catch (ExecutionException | TimeoutException e) {
          op.unknown();
        } catch (InterruptedException e) {
          op.unknown();
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
