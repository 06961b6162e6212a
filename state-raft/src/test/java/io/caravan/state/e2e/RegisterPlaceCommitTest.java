package io.caravan.state.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.cluster.Node;
import io.caravan.model.job.Job;
import io.caravan.model.job.TaskGroup;
import io.caravan.scheduler.placement.GroupRequest;
import io.caravan.scheduler.placement.Placement;
import io.caravan.scheduler.placement.PlacementEngine;
import io.caravan.scheduler.placement.PlacementRequest;
import io.caravan.scheduler.placement.PlacementResult;
import io.caravan.scheduler.snapshot.SchedulerConfiguration;
import io.caravan.scheduler.testing.Jobs;
import io.caravan.scheduler.testing.Nodes;
import io.caravan.state.cluster.LocalRaftCluster;
import io.caravan.state.fsm.Command;
import io.caravan.state.fsm.CommandCodec;
import io.caravan.state.fsm.StateFsm;
import io.caravan.state.raft.RaftNode;
import io.caravan.state.store.Fixtures;
import io.caravan.state.store.StateSnapshot;
import io.caravan.state.store.StateStore;
import io.caravan.state.testing.TestConfigs;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Register a job with its evaluation, run the placement engine on a store snapshot, commit the
 * placements as a plan result: once on a local FSM and once through a 3-server Raft cluster.
 * (The eval broker and the plan applier's fit check come with the server loops.)
 */
class RegisterPlaceCommitTest {

  /** Runs the flow, submitting commands through {@code submit} and reading state through {@code state}. */
  private static void registerPlaceCommit(Consumer<Command> submit, Supplier<StateSnapshot> state) {
    for (Node n : Nodes.mocks(5)) {
      submit.accept(new Command.UpsertNode(n));
    }
    Job job = Jobs.mock("web", 10);
    Evaluation eval = Fixtures.eval("eval-1", "web");
    submit.accept(new Command.RegisterJob(job, eval));

    StateSnapshot snapshot = state.get();
    Job stored = snapshot.jobById("default", "web").orElseThrow();
    assertThat(snapshot.evalsByJob("default", "web")).extracting(Evaluation::id).containsExactly("eval-1");
    List<GroupRequest> groups = new ArrayList<>();
    for (TaskGroup tg : stored.taskGroupsOrEmpty()) {
      groups.add(new GroupRequest(tg.name(), IntStream.range(0, tg.count())
          .mapToObj(i -> "web." + tg.name() + "[" + i + "]").toList()));
    }
    PlacementResult result = new PlacementEngine(snapshot, SchedulerConfiguration.serverDefaults())
        .place(new PlacementRequest(stored, "eval-1", groups, Set.of()));
    assertThat(result.placements()).hasSize(10);

    List<Allocation> allocs = new ArrayList<>();
    for (Placement p : result.placements()) {
      allocs.add(new Allocation(p.allocId(), "default", "eval-1", p.name(), p.node().id(), p.node().name(), "web",
          stored, p.taskGroup(), p.resources(), p.metrics(), "run", "", null, "pending", "", null, "", null, null,
          "", "", "", null, "", 0, 0, 0, 0, 0));
    }
    submit.accept(new Command.ApplyPlanResult(allocs, null, List.of()));

    StateSnapshot after = state.get();
    assertThat(after.allocsByJob("default", "web")).hasSize(10)
        .allSatisfy(a -> assertThat(a.job()).isSameAs(after.jobById("default", "web").orElseThrow()));
    assertThat(after.allocsByEval("eval-1")).hasSize(10);
    long onNodes = after.nodes().stream().mapToLong(n -> after.allocsByNode(n.id()).size()).sum();
    assertThat(onNodes).isEqualTo(10);
  }

  @Test
  void registerPlaceCommitOnTheInMemoryPath() {
    StateFsm fsm = new StateFsm(new StateStore(Clock.systemUTC()));
    long[] index = {0};
    registerPlaceCommit(c -> fsm.apply(++index[0], CommandCodec.encode(c)), () -> fsm.store().snapshot());
  }

  @Test
  void registerPlaceCommitThroughRaftReachesEveryServer() throws Exception {
    try (LocalRaftCluster cluster = LocalRaftCluster.start(3, TestConfigs.smallSnapshots(),
        () -> new StateFsm(new StateStore(Clock.systemUTC())))) {
      cluster.awaitLeader(Duration.ofSeconds(20));
      registerPlaceCommit(c -> {
        try {
          cluster.log().submit(CommandCodec.encode(c)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new AssertionError("submit " + c.getClass().getSimpleName(), e);
        }
      }, () -> ((StateFsm) cluster.awaitLeader(Duration.ofSeconds(10)).fsm()).store().snapshot());
      cluster.awaitConverged(Duration.ofSeconds(10));
      for (RaftNode n : cluster.runningServers()) {
        assertThat(((StateFsm) n.fsm()).store().snapshot().allocsByJob("default", "web")).as(n.id()).hasSize(10);
      }
      assertThat(cluster.runningServers().stream().map(RaftNode::stateDigest).distinct()).hasSize(1);
    }
  }
}
