package io.caravan.state.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caravan.model.cluster.EvalStatus;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.NodeStatus;
import io.caravan.model.job.Job;
import io.caravan.scheduler.testing.Jobs;
import io.caravan.scheduler.testing.Nodes;
import io.caravan.state.config.ServerConfig;
import io.caravan.state.fsm.Command;
import io.caravan.state.store.StateSnapshot;
import io.caravan.state.store.UnknownObjectException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class CaravanServerTest {
  private final ManualTimers timers = new ManualTimers(Instant.parse("2026-01-01T00:00:00Z"));
  private final AtomicInteger nextId = new AtomicInteger();
  private final CaravanServer server = CaravanServer.builder(ServerConfig.builder().numSchedulers(0).build())
      .clock(timers.clock()).timers(timers).random(new SplittableRandom(3))
      .ids(() -> "eval-" + nextId.incrementAndGet()).start();

  @AfterEach
  void close() {
    server.close();
  }

  private static Node initializing(String id) {
    return Nodes.mock(id).toBuilder().status(NodeStatus.INITIALIZING).build();
  }

  @Test
  void aSingleInMemoryServerLeadsAtOnce() {
    assertThat(server.isLeader()).isTrue();
    assertThat(server.raftNode()).isEmpty();
  }

  @Test
  void registeringAJobCreatesItsEvaluationInTheSameWrite() {
    JobWriteResult r = server.registerJob(Jobs.mock("web", 3));
    StateSnapshot s = server.snapshot();
    assertThat(s.latestIndex()).isEqualTo(r.index());
    Job job = s.jobById("default", "web").orElseThrow();
    assertThat(job.version()).isZero();
    assertThat(server.evaluationsOfJob("default", "web")).singleElement().satisfies(e -> {
      assertThat(e.id()).isEqualTo(r.evalId());
      assertThat(e.status()).isEqualTo(EvalStatus.PENDING);
      assertThat(e.triggeredBy()).isEqualTo(EvalStatus.TRIGGER_JOB_REGISTER);
      assertThat(e.type()).isEqualTo("service");
      assertThat(e.priority()).isEqualTo(50);
      assertThat(e.jobModifyIndex()).isEqualTo(r.index());
      assertThat(e.createIndex()).isEqualTo(r.index());
    });
  }

  @Test
  void reRegisteringMakesANewVersion() {
    server.registerJob(Jobs.mock("web", 3));
    server.registerJob(Jobs.mock("web", 5));
    assertThat(server.job("default", "web").orElseThrow().version()).isEqualTo(1);
    assertThat(server.evaluationsOfJob("default", "web")).hasSize(2);
  }

  @Test
  void rejectsAnInvalidJobNamingTheProblem() {
    Job noGroups = Jobs.mock("web", 1).toBuilder().taskGroups(List.of()).build();
    assertThatThrownBy(() -> server.registerJob(noGroups)).isInstanceOf(JobRejectedException.class)
        .satisfies(e -> assertThat(((JobRejectedException) e).problems()).isNotEmpty());
    assertThat(server.snapshot().jobs()).isEmpty();
  }

  @Test
  void deregisterStopsOrPurgesWithAnEvaluation() {
    server.registerJob(Jobs.mock("web", 1));
    JobWriteResult stop = server.deregisterJob("default", "web", false);
    assertThat(server.job("default", "web").orElseThrow().stop()).isTrue();
    assertThat(server.snapshot().evalById(stop.evalId()).orElseThrow().triggeredBy())
        .isEqualTo(EvalStatus.TRIGGER_JOB_DEREGISTER);
    server.deregisterJob("default", "web", true);
    assertThat(server.job("default", "web")).isEmpty();
    assertThatThrownBy(() -> server.deregisterJob("default", "web", true)).isInstanceOf(UnknownObjectException.class);
  }

  @Test
  void dispatchingAParameterizedJobRegistersAChildWithItsPayloadAndMeta() {
    Job parent = Jobs.mock("greet", 1).toBuilder().type("batch")
        .parameterizedJob(new io.caravan.model.job.ParameterizedJobConfig("required", List.of("name"), List.of("lang")))
        .build();
    JobWriteResult registered = server.registerJob(parent);
    assertThat(registered.eval()).as("a parameterized parent gets no evaluation").isEmpty();

    JobWriteResult child = server.dispatchJob("default", "greet", "hi".getBytes(java.nio.charset.StandardCharsets.UTF_8),
        java.util.Map.of("name", "ada"));
    Evaluation eval = server.snapshot().evalById(child.evalId()).orElseThrow();
    Job dispatched = server.job("default", eval.jobID()).orElseThrow();
    assertThat(dispatched.id()).startsWith("greet/dispatch-");
    assertThat(dispatched.parentID()).isEqualTo("greet");
    assertThat(dispatched.dispatched()).isTrue();
    assertThat(dispatched.parameterizedJob()).isNull();
    assertThat(dispatched.meta()).containsEntry("name", "ada");
    assertThat(new String(dispatched.payload().toByteArray(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("hi");
    assertThat(eval.status()).isEqualTo(EvalStatus.PENDING);

    assertThatThrownBy(() -> server.dispatchJob("default", "greet", null, java.util.Map.of("name", "x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requires a payload");
    assertThatThrownBy(() -> server.dispatchJob("default", "greet", new byte[] {1}, java.util.Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"name\"");
    assertThatThrownBy(() -> server.dispatchJob("default", "greet", new byte[] {1},
        java.util.Map.of("name", "x", "colour", "red"))).hasMessageContaining("\"colour\"");
    server.registerJob(Jobs.mock("plain", 1));
    assertThatThrownBy(() -> server.dispatchJob("default", "plain", null, java.util.Map.of()))
        .hasMessageContaining("not parameterized");
  }

  @Test
  void scalingAGroupRegistersTheNextVersionWithAScalingEvaluation() {
    server.registerJob(Jobs.mock("web", 3));
    JobWriteResult r = server.scaleJob("default", "web", "web", 5);
    Job job = server.job("default", "web").orElseThrow();
    assertThat(job.version()).isEqualTo(1);
    assertThat(job.taskGroupsOrEmpty().get(0).count()).isEqualTo(5);
    assertThat(server.snapshot().evalById(r.evalId()).orElseThrow().triggeredBy()).isEqualTo("job-scaling");
    assertThatThrownBy(() -> server.scaleJob("default", "web", "nope", 1)).hasMessageContaining("\"nope\"");
    assertThatThrownBy(() -> server.scaleJob("default", "web", "web", -1)).hasMessageContaining("negative");
  }

  @Test
  void planningAJobShowsWhatWouldBePlacedAndWritesNothing() {
    server.registerNode(Nodes.mock("n1"));
    server.registerNode(Nodes.mock("n2"));
    long index = server.snapshot().latestIndex();
    PlanPreview fits = server.planJob(Jobs.mock("web", 3));
    assertThat(fits.placements().values().stream().mapToInt(List::size).sum()).isEqualTo(3);
    assertThat(fits.eval().failedTGAllocs()).isNullOrEmpty();
    assertThat(fits.plan().annotations()).isNotNull();

    // 27 fit per node: 54 of 60 are placed, the rest fail with their metrics and a blocked evaluation
    PlanPreview tooBig = server.planJob(Jobs.mock("big", 60));
    assertThat(tooBig.placements().values().stream().mapToInt(List::size).sum()).isEqualTo(54);
    assertThat(tooBig.eval().failedTGAllocs()).containsKey("web");
    assertThat(tooBig.createdEvals()).anySatisfy(e -> assertThat(e.status()).isEqualTo(EvalStatus.BLOCKED));

    assertThat(server.snapshot().latestIndex()).isEqualTo(index);
    assertThat(server.snapshot().jobs()).isEmpty();
    assertThat(server.snapshot().evals()).isEmpty();
  }

  @Test
  void operatorCallsSetTheSchedulerConfigListPeersAndSaveARestorableSnapshot() throws Exception {
    server.setSchedulerConfig(new io.caravan.scheduler.snapshot.SchedulerConfiguration("spread", null, true));
    assertThat(server.snapshot().schedulerConfig()).hasValueSatisfying(c -> {
      assertThat(c.spreadAlgorithm()).isTrue();
      assertThat(c.memoryOversubscriptionEnabled()).isTrue();
    });
    assertThatThrownBy(() -> server.setSchedulerConfig(
        new io.caravan.scheduler.snapshot.SchedulerConfiguration("random", null, false))).hasMessageContaining("random");
    assertThat(server.raftPeers()).containsExactly(server.name());

    server.registerJob(Jobs.mock("web", 2));
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    long index = server.saveSnapshot(out);
    io.caravan.state.fsm.StateFsm restored = new io.caravan.state.fsm.StateFsm(
        new io.caravan.state.store.StateStore(java.time.Clock.systemUTC()));
    restored.restore(new java.io.ByteArrayInputStream(out.toByteArray()));
    assertThat(restored.store().snapshot().latestIndex()).isEqualTo(index);
    assertThat(restored.store().snapshot().jobById("default", "web")).isPresent();
  }

  @Test
  void heartbeatOfAnUnknownNodeSaysSo() {
    assertThatThrownBy(() -> server.heartbeat("nope", NodeStatus.READY)).isInstanceOf(UnknownObjectException.class);
  }

  @Test
  void aNodeTurningReadyGetsEvaluationsForTheSystemJobsThatFitIt() {
    server.registerJob(Jobs.mock("sys", 1).toBuilder().type("system").build());
    server.registerJob(Jobs.mock("web", 1));
    Duration ttl = server.registerNode(initializing("n1"));
    assertThat(ttl).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
    assertThat(server.evaluationsOfJob("default", "sys")).hasSize(1);
    server.heartbeat("n1", NodeStatus.READY);
    assertThat(server.snapshot().nodeById("n1").orElseThrow().status()).isEqualTo(NodeStatus.READY);
    List<Evaluation> sys = server.evaluationsOfJob("default", "sys");
    assertThat(sys).hasSize(2).anySatisfy(e -> {
      assertThat(e.triggeredBy()).isEqualTo(EvalStatus.TRIGGER_NODE_UPDATE);
      assertThat(e.nodeID()).isEqualTo("n1");
    });
    assertThat(server.evaluationsOfJob("default", "web")).hasSize(1);
  }

  @Test
  void aNodeThatStopsHeartbeatingIsMarkedDownWithEvaluationsForItsJobs() {
    server.registerJob(Jobs.mock("web", 1));
    server.registerNode(initializing("n1"));
    server.heartbeat("n1", NodeStatus.READY);
    Job job = server.job("default", "web").orElseThrow();
    server.write(new Command.ApplyPlanResult(List.of(io.caravan.model.cluster.Allocation.builder()
        .id("a1").namespace("default").evalID("e").name("web.web[0]").nodeID("n1").jobID("web").job(job)
        .taskGroup("web").desiredStatus("run").clientStatus("running").build()), null, List.of()));
    // keeps heartbeating within the TTL: stays ready
    for (int i = 0; i < 5; i++) {
      timers.advance(Duration.ofSeconds(9));
      server.heartbeat("n1", NodeStatus.READY);
    }
    assertThat(server.snapshot().nodeById("n1").orElseThrow().status()).isEqualTo(NodeStatus.READY);
    // silence past TTL (< 20 s with stagger) + grace 10 s
    timers.advance(Duration.ofSeconds(31));
    StateSnapshot s = server.snapshot();
    assertThat(s.nodeById("n1").orElseThrow().status()).isEqualTo(NodeStatus.DOWN);
    assertThat(s.evalsByJob("default", "web")).anySatisfy(e -> {
      assertThat(e.triggeredBy()).isEqualTo(EvalStatus.TRIGGER_NODE_UPDATE);
      assertThat(e.nodeID()).isEqualTo("n1");
      assertThat(e.status()).isEqualTo(EvalStatus.PENDING);
    });
    // coming back: ready again, with another evaluation
    int before = s.evalsByJob("default", "web").size();
    server.heartbeat("n1", NodeStatus.READY);
    assertThat(server.snapshot().nodeById("n1").orElseThrow().status()).isEqualTo(NodeStatus.READY);
    assertThat(server.evaluationsOfJob("default", "web")).hasSize(before + 1);
  }

  @Test
  void aFailedAllocationGetsARetryEvaluationOnce() {
    server.registerJob(Jobs.mock("web", 1));
    server.registerNode(Nodes.mock("n1"));
    Job job = server.job("default", "web").orElseThrow();
    server.write(new Command.ApplyPlanResult(List.of(io.caravan.model.cluster.Allocation.builder()
        .id("a1").namespace("default").evalID("e").name("web.web[0]").nodeID("n1").jobID("web").job(job)
        .taskGroup("web").desiredStatus("run").clientStatus("running").build()), null, List.of()));
    int before = server.evaluationsOfJob("default", "web").size();
    server.updateAllocations(List.of(server.clientUpdate("a1", "failed", "exit 1", java.util.Map.of(), null)));
    server.updateAllocations(List.of(server.clientUpdate("a1", "failed", "exit 1", java.util.Map.of(), null)));
    assertThat(server.snapshot().allocById("a1").orElseThrow().clientStatus()).isEqualTo("failed");
    assertThat(server.evaluationsOfJob("default", "web")).hasSize(before + 1)
        .anySatisfy(e -> assertThat(e.triggeredBy()).isEqualTo("alloc-failure"));
    // an update for an allocation that is gone (collected) is dropped
    long index = server.snapshot().latestIndex();
    assertThat(server.updateAllocations(List.of(server.clientUpdate("gone", "running", "", java.util.Map.of(), null))))
        .isEqualTo(index);
  }

  @Test
  void startingADrainCreatesNodeDrainEvaluations() {
    server.registerJob(Jobs.mock("sys", 1).toBuilder().type("system").build());
    server.registerNode(Nodes.mock("n1"));
    server.updateNodeDrain("n1", new io.caravan.model.cluster.DrainStrategy(
        new io.caravan.model.cluster.DrainSpec(Duration.ofMinutes(1), false), null, null), false);
    assertThat(server.evaluationsOfJob("default", "sys")).anySatisfy(e -> {
      assertThat(e.triggeredBy()).isEqualTo("node-drain");
      assertThat(e.nodeID()).isEqualTo("n1");
    });
  }

  @Test
  void eligibilityAndDrainAreRecorded() throws InterruptedException {
    server.registerNode(Nodes.mock("n1"));
    server.updateNodeEligibility("n1", NodeStatus.INELIGIBLE);
    assertThat(server.snapshot().nodeById("n1").orElseThrow().schedulingEligibility()).isEqualTo(NodeStatus.INELIGIBLE);
    assertThatThrownBy(() -> server.updateNodeEligibility("n1", "maybe")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maybe");
    server.updateNodeDrain("n1", new io.caravan.model.cluster.DrainStrategy(
        new io.caravan.model.cluster.DrainSpec(Duration.ofMinutes(1), false), null, null), false);
    // n1 runs nothing, so the node drainer finishes the drain at once; the node stays ineligible
    StateSnapshot s = server.snapshot();
    for (int i = 0; i < 100 && s.nodeById("n1").orElseThrow().drain(); i++) {
      s = server.awaitIndex(s.latestIndex(), Duration.ofMillis(100));
    }
    assertThat(s.nodeById("n1").orElseThrow().drain()).isFalse();
    assertThat(s.nodeById("n1").orElseThrow().schedulingEligibility()).isEqualTo(NodeStatus.INELIGIBLE);
    server.updateNodeDrain("n1", new io.caravan.model.cluster.DrainStrategy(
        new io.caravan.model.cluster.DrainSpec(Duration.ofMinutes(1), false), null, null), false);
    server.updateNodeDrain("n1", null, true);
    Node n = server.snapshot().nodeById("n1").orElseThrow();
    assertThat(n.drain()).isFalse();
    assertThat(n.schedulingEligibility()).isEqualTo(NodeStatus.ELIGIBLE);
  }

  @Test
  void aBlockingReadWakesOnTheNextWrite() throws Exception {
    long index = server.snapshot().latestIndex();
    CompletableFuture<StateSnapshot> waiting = CompletableFuture.supplyAsync(() -> {
      try {
        return server.awaitIndex(index, Duration.ofSeconds(20));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    server.registerJob(Jobs.mock("web", 1));
    assertThat(waiting.get().latestIndex()).isGreaterThan(index);
    assertThat(waiting.get().jobById("default", "web")).isPresent();
  }

  @Test
  void aClosedServerRefusesLeaderCalls() {
    server.close();
    assertThat(server.isLeader()).isFalse();
    assertThatThrownBy(() -> server.registerNode(Nodes.mock("n1"))).isInstanceOf(NotLeaderException.class);
  }
}
