package io.caravan.state.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.cluster.EvalStatus;
import io.caravan.model.cluster.Evaluation;
import io.caravan.scheduler.testing.Jobs;
import io.caravan.scheduler.testing.Nodes;
import io.caravan.state.config.ServerConfig;
import io.caravan.state.fsm.Command;
import io.caravan.state.raft.Peer;
import io.caravan.state.server.testing.CountScheduler;
import io.caravan.state.store.StateSnapshot;
import io.caravan.state.testing.TestConfigs;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What a server rebuilds when it becomes leader, and blocked evaluations released by new capacity. */
@Timeout(60)
class LeaderRestoreTest {
  @TempDir Path dir;

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static StateSnapshot awaitState(CaravanServer server, Predicate<StateSnapshot> done) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    StateSnapshot s = server.snapshot();
    while (!done.test(s)) {
      assertThat(System.nanoTime() - deadline).as("state did not get there in time").isNegative();
      s = server.awaitIndex(s.latestIndex(), Duration.ofMillis(500));
    }
    return s;
  }

  private static CaravanServer raftServer(Peer self, Path dir, int schedulers) {
    CaravanServer s = CaravanServer.builder(TestConfigs.smallSnapshotsBuilder().numSchedulers(schedulers).build())
        .schedulers(CountScheduler.provider()).raft(self, List.of(self), dir).start();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!s.isLeader()) {
      assertThat(System.nanoTime() - deadline).as("single Raft server did not lead").isNegative();
      Thread.onSpinWait();
    }
    return s;
  }

  @Test
  void aRestartedSingleRaftServerRestoresPendingEvaluationsIntoItsBroker() throws Exception {
    Peer self = new Peer("solo", "127.0.0.1", freePort());
    String evalId;
    try (CaravanServer first = raftServer(self, dir, 0)) {
      first.registerNode(Nodes.mock("n1"));
      evalId = first.registerJob(Jobs.mock("web", 3)).evalId();
      assertThat(first.snapshot().evalById(evalId).orElseThrow().status()).isEqualTo(EvalStatus.PENDING);
    }
    try (CaravanServer second = raftServer(self, dir, 1)) {
      assertThat(second.raftNode().orElseThrow().recovered()).isTrue();
      StateSnapshot s = awaitState(second, x -> x.evalById(evalId).map(e -> e.status().equals(EvalStatus.COMPLETE))
          .orElse(false));
      assertThat(s.allocsByJob("default", "web")).hasSize(3);
    }
  }

  @Test
  void aBlockedEvaluationIsReleasedWhenANodeBecomesReady() throws Exception {
    try (CaravanServer server = CaravanServer.builder(ServerConfig.builder().numSchedulers(1).build())
        .schedulers(CountScheduler.provider()).start()) {
      String registered = server.registerJob(Jobs.mock("web", 2).toBuilder().type("batch").build()).evalId();
      // its evaluation completes first (placing nothing) and so stops tracking the job's blocked evaluation
      awaitState(server, x -> x.evalById(registered).orElseThrow().status().equals(EvalStatus.COMPLETE));
      // no nodes: the test scheduler places nothing; park a blocked evaluation as a real scheduler would
      Evaluation blocked = Evaluation.builder().id("blocked-1").namespace("default").priority(50).type("batch")
          .triggeredBy(EvalStatus.TRIGGER_QUEUED_ALLOCS).jobID("web").status(EvalStatus.BLOCKED)
          .escapedComputedClass(true).build();
      server.write(new Command.UpsertEvals(List.of(blocked)));
      assertThat(server.snapshot().allocsByJob("default", "web")).isEmpty();

      server.registerNode(Nodes.mock("n1"));
      StateSnapshot s = awaitState(server, x -> x.allocsByJob("default", "web").size() == 2);
      assertThat(s.allocsByJob("default", "web")).allSatisfy(a -> assertThat(a.nodeID()).isEqualTo("n1"));
    }
  }
}
