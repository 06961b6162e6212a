package io.caravan.state.fsm;

import static io.caravan.state.store.Fixtures.alloc;
import static io.caravan.state.store.Fixtures.deployment;
import static io.caravan.state.store.Fixtures.eval;
import static io.caravan.state.store.Fixtures.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.job.Job;
import io.caravan.scheduler.snapshot.SchedulerConfiguration;
import io.caravan.scheduler.testing.Nodes;
import io.caravan.state.raft.FsmCommandException;
import io.caravan.state.store.NodePool;
import io.caravan.state.store.StateSnapshot;
import io.caravan.state.store.StateStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateFsmTest {
  private final StateFsm fsm = new StateFsm(new StateStore(Clock.systemUTC()));
  private long index;

  private void apply(Command c) {
    fsm.apply(++index, CommandCodec.encode(c));
  }

  private static List<Command> sampleCommands() {
    Job web = job("web");
    return List.of(
        new Command.UpsertNode(Nodes.mock("n1")),
        new Command.UpsertNode(Nodes.mock("n2")),
        new Command.RegisterJob(web, eval("e1", "web")),
        new Command.ApplyPlanResult(List.of(alloc("a1", "n1", "web", "e1", web.toBuilder().version(0L).build()),
            alloc("a2", "n2", "web", "e1", web.toBuilder().version(0L).build())), deployment("d1", "web"), List.of()),
        new Command.UpdateNodeEligibility("n2", "ineligible"),
        new Command.PromoteDeployment("d1", List.of("web")),
        new Command.AllocDesiredTransitions(java.util.Map.of("a1",
            new io.caravan.model.cluster.DesiredTransition(true, null, null, null, null))),
        new Command.DeploymentStatus("d1", "successful", "done", 77L),
        new Command.SetSchedulerConfig(SchedulerConfiguration.serverDefaults()),
        new Command.UpsertNodePool(NodePool.named("gpu")),
        new Command.PeriodicLaunch("default", "web", 42L),
        new Command.Batch(List.of(new Command.UpsertEvals(List.of(eval("e2", "web"))),
            new Command.UpdateNodeStatus("n1", "down", List.of()))));
  }

  @Test
  void deleteDeploymentsRemovesThemFromTheTableAndTheJobIndex() {
    sampleCommands().forEach(this::apply);
    apply(new Command.DeleteDeployments(List.of("d1", "no-such-deployment")));
    StateSnapshot s = fsm.store().snapshot();
    assertThat(s.deploymentById("d1")).isEmpty();
    assertThat(s.deploymentsByJob("default", "web")).isEmpty();
    assertThat(CommandCodec.decode(CommandCodec.encode(new Command.DeleteDeployments(List.of("d1")))))
        .isEqualTo(new Command.DeleteDeployments(List.of("d1")));
  }

  @Test
  void everyCommandSurvivesTheCodec() {
    for (Command c : sampleCommands()) {
      assertThat(CommandCodec.decode(CommandCodec.encode(c))).as(c.getClass().getSimpleName()).isEqualTo(c);
    }
  }

  @Test
  void aPlanResultCarriesEachJobOnceAndItsAllocationsShareItAfterDecoding() {
    Job web = job("web").toBuilder().version(0L).build();
    List<Allocation> many = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      many.add(alloc("a" + i, "n1", "web", "e1", web));
    }
    many.add(alloc("orphan", "n1", "web", "e1", null));
    Command.ApplyPlanResult planned = new Command.ApplyPlanResult(many, null, List.of());
    byte[] withoutJobs = CommandCodec.encode(new Command.ApplyPlanResult(
        many.stream().map(a -> a.toBuilder().job(null).build()).toList(), null, List.of()));
    byte[] jobAlone = CommandCodec.encode(new Command.RegisterJob(web, null));

    byte[] bytes = CommandCodec.encode(planned);
    Command.ApplyPlanResult decoded = (Command.ApplyPlanResult) CommandCodec.decode(bytes);

    assertThat(decoded).isEqualTo(planned);
    assertThat(decoded.allocs().get(0).job()).isSameAs(decoded.allocs().get(199).job());
    assertThat(decoded.allocs().get(200).job()).isNull();
    assertThat(bytes.length).as("200 allocations and their job once").isLessThan(withoutJobs.length + jobAlone.length + 2 * 200);
  }

  @Test
  void rejectsUnknownFormatVersionAndType() {
    byte[] bytes = CommandCodec.encode(new Command.UpsertNode(Nodes.mock("n1")));
    bytes[0] = 9;
    assertThatThrownBy(() -> CommandCodec.decode(bytes)).isInstanceOf(CommandCodecException.class)
        .hasMessageContaining("format version 9");
    assertThatThrownBy(() -> CommandCodec.decode(new byte[] {CommandCodec.VERSION, 100}))
        .hasMessageContaining("unknown command type 100");
  }

  @Test
  void appliesCommandsAsStampedTransactions() {
    sampleCommands().forEach(this::apply);
    StateSnapshot s = fsm.store().snapshot();
    assertThat(s.latestIndex()).isEqualTo(index);
    assertThat(s.jobById("default", "web").orElseThrow().jobModifyIndex()).isEqualTo(3);
    assertThat(s.allocsByNode("n1")).extracting(Allocation::id).containsExactly("a1");
    assertThat(s.allocById("a1").orElseThrow().job()).isSameAs(s.jobById("default", "web").orElseThrow());
    assertThat(s.nodeById("n1").orElseThrow().status()).isEqualTo("down");
    assertThat(s.nodeById("n2").orElseThrow().schedulingEligibility()).isEqualTo("ineligible");
    assertThat(s.deploymentById("d1").orElseThrow().status()).isEqualTo("successful");
    assertThat(s.deploymentById("d1").orElseThrow().modifyTime()).isEqualTo(77L);
    assertThat(s.evalsByJob("default", "web")).hasSize(2);
  }

  @Test
  void clientUpdateChangesOnlyClientFields() {
    sampleCommands().forEach(this::apply);
    Allocation update = new Allocation("a1", "default", "", "", "", "", "web", null, "", null, null, "", "", null,
        "running", "started", null, "", null, null, "", "", "", null, "", 0, 0, 0, 0, 0);
    apply(new Command.ClientAllocUpdates(List.of(update), List.of()));
    Allocation a = fsm.store().snapshot().allocById("a1").orElseThrow();
    assertThat(a.clientStatus()).isEqualTo("running");
    assertThat(a.nodeID()).isEqualTo("n1");
    assertThat(a.desiredStatus()).isEqualTo("run");
    assertThat(a.job()).isNotNull();
  }

  @Test
  void updateOfUnknownNodeIsRejectedWithoutChangingState() {
    apply(new Command.UpsertNode(Nodes.mock("n1")));
    StateSnapshot before = fsm.store().snapshot();
    assertThatThrownBy(() -> apply(new Command.UpdateNodeStatus("nope", "down", List.of())))
        .isInstanceOf(FsmCommandException.class).hasMessageContaining("node \"nope\" not found");
    assertThat(fsm.store().snapshot()).isSameAs(before);
  }

  @Test
  void snapshotRestoresAnEqualStateThatSharesJobs() throws IOException {
    sampleCommands().forEach(this::apply);
    apply(new Command.RegisterJob(job("web"), null)); // version 1; allocs keep version 0
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    fsm.snapshot(first);

    StateFsm other = new StateFsm(new StateStore(Clock.systemUTC()));
    other.restore(new ByteArrayInputStream(first.toByteArray()));
    ByteArrayOutputStream second = new ByteArrayOutputStream();
    other.snapshot(second);
    assertThat(second.toByteArray()).isEqualTo(first.toByteArray());

    StateSnapshot s = other.store().snapshot();
    assertThat(s.latestIndex()).isEqualTo(index);
    assertThat(s.jobById("default", "web").orElseThrow().version()).isEqualTo(1);
    assertThat(s.allocById("a1").orElseThrow().job()).isSameAs(s.jobByIdAndVersion("default", "web", 0).orElseThrow());
    assertThat(s.allocById("a2").orElseThrow().job()).isSameAs(s.allocById("a1").orElseThrow().job());
    assertThat(s.tableIndex("jobs")).isEqualTo(fsm.store().snapshot().tableIndex("jobs"));
  }

  @Test
  void restoreRejectsForeignBytes() {
    assertThatThrownBy(() -> fsm.restore(new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})))
        .isInstanceOf(IOException.class).hasMessageContaining("bad magic");
  }

  @Test
  void batchOfManyAllocationsAppliesAtOneIndex() {
    apply(new Command.RegisterJob(job("web"), null));
    Job web = fsm.store().snapshot().jobById("default", "web").orElseThrow();
    List<Allocation> allocs = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      allocs.add(alloc("a" + i, "n" + (i % 10), "web", "e1", web));
    }
    apply(new Command.ApplyPlanResult(allocs, null, List.of()));
    StateSnapshot s = fsm.store().snapshot();
    assertThat(s.allocCount()).isEqualTo(500);
    assertThat(s.allocsByNode("n3")).hasSize(50).allSatisfy(a -> assertThat(a.createIndex()).isEqualTo(index));
  }
}
