package io.caravan.state.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.EvalStatus;
import io.caravan.model.job.Job;
import io.caravan.scheduler.testing.Jobs;
import io.caravan.scheduler.testing.Nodes;
import io.caravan.state.config.ServerConfig;
import io.caravan.state.fsm.Command;
import io.caravan.state.raft.FsmCommandException;
import io.caravan.state.store.Fixtures;
import io.caravan.state.server.testing.AwaitState;
import io.caravan.state.store.StateSnapshot;
import io.caravan.state.testing.TestConfigs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Operator snapshot restore through Raft, and the term fencing of a deposed leader's writes. */
@Timeout(90)
class SnapshotRestoreAndFencingTest {

  private static StateSnapshot awaitState(CaravanServer server, Predicate<StateSnapshot> done) throws InterruptedException {
    return AwaitState.await(server, done);
  }


  @Test
  void aRestoredSnapshotReplacesTheStateOnAllThreeServers() throws Exception {
    try (CaravanCluster cluster = CaravanCluster.builder().servers(3)
        .config(TestConfigs.smallSnapshotsBuilder().numSchedulers(0).build()).seed(11).start()) {
      CaravanServer leader = cluster.awaitLeader(Duration.ofSeconds(20));
      CaravanServer follower = cluster.servers().stream().filter(s -> !s.isLeader()).findFirst().orElseThrow();
      leader.registerJob(Jobs.mock("kept", 1));
      ByteArrayOutputStream saved = new ByteArrayOutputStream();
      awaitState(follower, s -> s.jobById("default", "kept").isPresent());
      follower.saveSnapshot(saved);

      leader.registerJob(Jobs.mock("extra1", 1));
      follower.registerJob(Jobs.mock("extra2", 1));
      long restoredAt = follower.restoreSnapshot(new ByteArrayInputStream(saved.toByteArray()));

      for (CaravanServer s : cluster.servers()) {
        StateSnapshot state = awaitState(s, x -> x.latestIndex() >= restoredAt);
        assertThat(state.jobs()).as(s.name()).extracting(Job::id).containsExactly("kept");
        assertThat(state.tableIndex("jobs")).isEqualTo(restoredAt);
      }
      assertThat(cluster.servers().stream().map(s -> s.raftNode().orElseThrow().stateDigest()).distinct()).hasSize(1);
      JobWriteResult after = leader.registerJob(Jobs.mock("after", 1));
      assertThat(after.index()).isGreaterThan(restoredAt);

      assertThatThrownBy(() -> leader.restoreSnapshot(new ByteArrayInputStream(new byte[] {1, 2, 3})))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a usable Caravan state snapshot");
    }
  }

  @Test
  void theLeaderRestartsItsSchedulingFromTheRestoredState() throws Exception {
    try (CaravanServer server = CaravanServer.builder(ServerConfig.builder().numSchedulers(1).build()).start()) {
      // saved while the job waits for capacity: its evaluation is blocked
      server.registerJob(Jobs.mock("web", 1));
      awaitState(server, s -> s.evalsByJob("default", "web").stream().anyMatch(e -> e.status().equals(EvalStatus.BLOCKED)));
      ByteArrayOutputStream saved = new ByteArrayOutputStream();
      server.saveSnapshot(saved);
      // capacity arrives and the job is placed: the running tracker no longer holds a blocked evaluation
      server.registerNode(Nodes.mock("n1"));
      awaitState(server, s -> s.allocsByJob("default", "web").size() == 1);

      server.restoreSnapshot(new ByteArrayInputStream(saved.toByteArray()));
      assertThat(server.snapshot().allocsByJob("default", "web")).isEmpty();
      assertThat(server.snapshot().nodes()).isEmpty();
      // restoreSnapshot returns once the leader's services run again (a write right away is accepted);
      // only a tracker rebuilt from the restored state holds web's blocked evaluation again, for the node to release
      assertThat(server.isLeader()).as("leader services restarted before restoreSnapshot returned").isTrue();
      server.registerNode(Nodes.mock("n1"));
      awaitState(server, s -> s.allocsByJob("default", "web").size() == 1);
    }
  }

  @Test
  void aDeposedLeadersPlanIsRejectedOnEveryServer() throws Exception {
    try (CaravanCluster cluster = CaravanCluster.builder().servers(3)
        .config(TestConfigs.smallSnapshotsBuilder().numSchedulers(0).build()).seed(13).start()) {
      CaravanServer first = cluster.awaitLeader(Duration.ofSeconds(20));
      long oldTerm = first.raftNode().orElseThrow().currentTerm();
      first.registerNode(Nodes.mock("n1"));
      first.registerJob(Jobs.mock("web", 1));
      Job web = first.job("default", "web").orElseThrow();
      Allocation planned = Fixtures.alloc("a-stale", "n1", "web", "e1", web);

      cluster.killLeader();
      CaravanServer next = cluster.awaitLeader(Duration.ofSeconds(20));
      long newTerm = next.raftNode().orElseThrow().currentTerm();
      assertThat(newTerm).isGreaterThan(oldTerm);

      // the deposed leader's plan, computed in its term, reaches the log only now (forwarded to the new leader)
      Command stale = new Command.LeaderTerm(oldTerm, new Command.ApplyPlanResult(List.of(planned), null, List.of()));
      assertThatThrownBy(() -> next.write(stale)).isInstanceOf(FsmCommandException.class)
          .hasMessageContaining("leader of term " + oldTerm);
      // a plan of the current leader's term commits (retried if yet another election, as under heavy load,
      // moves the term on between reading it and writing)
      Allocation fresh = Fixtures.alloc("a-fresh", "n1", "web", "e1", web);
      long index = -1;
      for (int attempt = 0; index < 0; attempt++) {
        CaravanServer leader = cluster.awaitLeader(Duration.ofSeconds(20));
        long term = leader.raftNode().orElseThrow().currentTerm();
        try {
          index = leader.write(new Command.LeaderTerm(term,
              new Command.ApplyPlanResult(List.of(fresh), null, List.of())));
        } catch (FsmCommandException e) {
          assertThat(attempt).as("term kept moving: " + e.getMessage()).isLessThan(5);
          assertThat(leader.raftNode().orElseThrow().currentTerm()).as(e.getMessage()).isGreaterThan(term);
        }
      }
      long applied = index;
      for (CaravanServer s : cluster.servers()) {
        StateSnapshot state = awaitState(s, x -> x.latestIndex() >= applied);
        assertThat(state.allocById("a-stale")).as(s.name()).isEmpty();
        assertThat(state.allocById("a-fresh")).as(s.name()).isPresent();
      }
    }
  }
}
