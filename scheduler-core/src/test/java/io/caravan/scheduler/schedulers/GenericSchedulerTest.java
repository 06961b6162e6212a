package io.caravan.scheduler.schedulers;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.canonical.Canonicalizer;
import io.caravan.model.cluster.AllocStatus;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.EvalStatus;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.Plan;
import io.caravan.model.cluster.TaskState;
import io.caravan.model.job.Constraint;
import io.caravan.model.job.Job;
import io.caravan.model.job.ReschedulePolicy;
import io.caravan.model.job.Task;
import io.caravan.model.job.TaskGroup;
import io.caravan.model.job.UpdateStrategy;
import io.caravan.scheduler.reconcile.ClusterReconciler;
import io.caravan.scheduler.snapshot.InMemoryCluster;
import io.caravan.scheduler.snapshot.Planner;
import io.caravan.scheduler.snapshot.SchedulerConfiguration;
import io.caravan.scheduler.testing.Jobs;
import io.caravan.scheduler.testing.Nodes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GenericSchedulerTest {
  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final SchedulerConfiguration TEST_HARNESS = new SchedulerConfiguration(SchedulerConfiguration.BINPACK, null, false);

  private static Job job(int count, UnaryOperator<TaskGroup.Builder> group) {
    return Canonicalizer.withServerDefaults(Jobs.mockBuilder("web-app", group.apply(Jobs.group(count, 500, 256)).build())
        .version(0L).createIndex(10L).modifyIndex(10L).jobModifyIndex(10L).build());
  }

  private static Job nextVersion(Job job, UnaryOperator<TaskGroup.Builder> group) {
    long v = job.version() + 1;
    TaskGroup g = group.apply(job.taskGroupsOrEmpty().get(0).toBuilder()).build();
    return job.toBuilder().version(v).modifyIndex(10L + v * 10).jobModifyIndex(10L + v * 10).taskGroups(List.of(g)).build();
  }

  private static InMemoryCluster cluster(int nodes) {
    InMemoryCluster c = new InMemoryCluster();
    Nodes.mocks(nodes).forEach(c::upsertNode);
    return c;
  }

  private static Evaluation eval(Job job, String id, String trigger) {
    return Evaluation.builder().id(id).namespace("default").priority(50).type(job.type()).triggeredBy(trigger)
        .jobID(job.id()).status(EvalStatus.PENDING).build();
  }

  private static void process(InMemoryCluster c, Planner planner, Job job, String evalId, String trigger) {
    SchedulerFactory.create(job.type(), c, planner, TEST_HARNESS, CLOCK).process(eval(job, evalId, trigger));
  }

  private static List<Allocation> placed(Plan plan) {
    List<Allocation> out = new ArrayList<>();
    plan.nodeAllocation().values().forEach(out::addAll);
    return out;
  }

  private static List<Allocation> stopped(Plan plan) {
    List<Allocation> out = new ArrayList<>();
    plan.nodeUpdate().values().forEach(out::addAll);
    return out;
  }

  private static List<Allocation> live(InMemoryCluster c, Job job) {
    return c.allocsByJob("default", job.id()).stream().filter(a -> !a.terminal()).toList();
  }

  @Test
  void registerPlacesTenNamedAllocationsAndCompletesTheEvaluation() {
    InMemoryCluster c = cluster(10);
    Job job = job(10, g -> g);
    c.upsertJob(job);
    process(c, c, job, "eval-1", EvalTriggers.JOB_REGISTER);

    assertThat(c.plans()).hasSize(1);
    Plan plan = c.plans().get(0);
    List<String> names = placed(plan).stream().map(Allocation::name).sorted().toList();
    assertThat(names).containsExactlyInAnyOrderElementsOf(
        IntStream.range(0, 10).mapToObj(i -> "web-app.web[" + i + "]").toList());
    assertThat(plan.annotations().desiredTGUpdates().get("web").place()).isEqualTo(10);
    assertThat(plan.deployment()).as("first version of a service job with an update block").isNotNull();
    assertThat(placed(plan)).allSatisfy(a -> assertThat(a.deploymentID()).isEqualTo(plan.deployment().id()));
    assertThat(c.createdEvals()).isEmpty();
    Evaluation done = c.updatedEvals().get(c.updatedEvals().size() - 1);
    assertThat(done.status()).isEqualTo(EvalStatus.COMPLETE);
    assertThat(done.deploymentID()).isEqualTo(plan.deployment().id());
  }

  @Test
  void unplaceableAllocationsCreateOneBlockedEvaluation() {
    InMemoryCluster c = cluster(10);
    Job job = Canonicalizer.withServerDefaults(Jobs.mockBuilder("web-app", Jobs.group(11, 500, 256).build())
        .constraints(List.of(new Constraint("${attr.kernel.name}", "linux", "="), new Constraint("", "", "distinct_hosts")))
        .build());
    c.upsertJob(job);
    process(c, c, job, "eval-1", EvalTriggers.JOB_REGISTER);

    assertThat(placed(c.plans().get(0))).hasSize(10);
    assertThat(c.createdEvals()).hasSize(1);
    assertThat(c.createdEvals().get(0).status()).isEqualTo(EvalStatus.BLOCKED);
    Evaluation done = c.updatedEvals().get(c.updatedEvals().size() - 1);
    assertThat(done.failedTGAllocs()).containsKey("web");
    assertThat(done.blockedEval()).isEqualTo(c.createdEvals().get(0).id());
    assertThat(done.queuedAllocations()).containsEntry("web", 1);
  }

  @Test
  void rollingUpdateWithMaxParallelFourStopsAndReplacesExactlyFour() {
    InMemoryCluster c = cluster(10);
    Job v0 = job(10, g -> g.update(UpdateStrategy.builder().maxParallel(4).build()));
    c.upsertJob(v0);
    process(c, c, v0, "eval-1", EvalTriggers.JOB_REGISTER);
    assertThat(live(c, v0)).hasSize(10);

    Job v1 = nextVersion(v0, g -> g.tasks(List.of(g.build().tasksOrEmpty().get(0).toBuilder()
        .config(Map.of("command", "/bin/v2")).build())));
    c.upsertJob(v1);
    process(c, c, v1, "eval-2", EvalTriggers.JOB_REGISTER);

    Plan plan = c.plans().get(1);
    assertThat(stopped(plan)).hasSize(4)
        .allSatisfy(a -> assertThat(a.desiredDescription()).isEqualTo(ClusterReconciler.ALLOC_UPDATING));
    assertThat(placed(plan)).hasSize(4).allSatisfy(a -> assertThat(a.job().version()).isEqualTo(1L));
    assertThat(placed(plan).stream().map(Allocation::name).toList())
        .containsExactlyInAnyOrderElementsOf(stopped(plan).stream().map(Allocation::name).toList());
    assertThat(plan.deployment()).isNotNull();
    assertThat(plan.deployment().jobVersion()).isEqualTo(1);
    assertThat(plan.annotations().desiredTGUpdates().get("web").destructiveUpdate()).isEqualTo(4);
    assertThat(plan.annotations().desiredTGUpdates().get("web").ignore()).isEqualTo(6);
  }

  @Test
  void inPlaceUpdateKeepsAllocationsOnTheirNodes() {
    InMemoryCluster c = cluster(4);
    Job v0 = job(4, g -> g);
    c.upsertJob(v0);
    process(c, c, v0, "eval-1", EvalTriggers.JOB_REGISTER);
    Map<String, String> nodeOf = new java.util.HashMap<>();
    live(c, v0).forEach(a -> nodeOf.put(a.id(), a.nodeID()));

    Job v1 = nextVersion(v0, g -> g.tasks(List.of(g.build().tasksOrEmpty().get(0).toBuilder()
        .killTimeout(Duration.ofSeconds(20)).build())));
    c.upsertJob(v1);
    process(c, c, v1, "eval-2", EvalTriggers.JOB_REGISTER);

    Plan plan = c.plans().get(1);
    assertThat(stopped(plan)).isEmpty();
    assertThat(placed(plan)).hasSize(4).allSatisfy(a -> {
      assertThat(nodeOf).containsEntry(a.id(), a.nodeID());
      assertThat(a.job().version()).isEqualTo(1L);
      assertThat(a.evalID()).isEqualTo("eval-2");
    });
    assertThat(plan.annotations().desiredTGUpdates().get("web").inPlaceUpdate()).isEqualTo(4);
  }

  @Test
  void lostAllocationsOnADownNodeAreReplacedElsewhere() {
    InMemoryCluster c = cluster(3);
    Job job = job(6, g -> g);
    c.upsertJob(job);
    process(c, c, job, "eval-1", EvalTriggers.JOB_REGISTER);
    Node down = c.nodeById("node-001").orElseThrow().toBuilder().status("down").build();
    c.upsertNode(down);
    long onDown = live(c, job).stream().filter(a -> a.nodeID().equals("node-001")).count();
    assertThat(onDown).isPositive();

    process(c, c, job, "eval-2", EvalTriggers.NODE_UPDATE);

    Plan plan = c.plans().get(1);
    assertThat(stopped(plan)).hasSize((int) onDown).allSatisfy(a -> {
      assertThat(a.clientStatus()).isEqualTo(AllocStatus.CLIENT_LOST);
      assertThat(a.nodeID()).isEqualTo("node-001");
    });
    assertThat(placed(plan)).hasSize((int) onDown).allSatisfy(a -> {
      assertThat(a.nodeID()).isNotEqualTo("node-001");
      assertThat(a.previousAllocation()).isNotEmpty();
    });
    assertThat(live(c, job)).hasSize(6).noneMatch(a -> a.nodeID().equals("node-001"));
  }

  @Test
  void failedAllocationIsRescheduledNowWithATrackerAndPenalisedNode() {
    InMemoryCluster c = cluster(5);
    // No update block, so no deployment: allocations of an active deployment only reschedule when marked.
    Job job = job(2, g -> g.update(UpdateStrategy.builder().maxParallel(0).build()).reschedulePolicy(ReschedulePolicy.builder().attempts(1).interval(Duration.ofMinutes(15))
        .delay(Duration.ofSeconds(5)).delayFunction("constant").unlimited(false).build()));
    c.upsertJob(job);
    process(c, c, job, "eval-1", EvalTriggers.JOB_REGISTER);
    Allocation victim = live(c, job).get(0);
    c.upsertAlloc(victim.toBuilder().clientStatus(AllocStatus.CLIENT_FAILED)
        .taskStates(Map.of("web", new TaskState("dead", true, 0, null, null, NOW.minusSeconds(10).toString(), null)))
        .build());

    process(c, c, job, "eval-2", EvalTriggers.RETRY_FAILED_ALLOC);

    Plan plan = c.plans().get(1);
    assertThat(stopped(plan)).singleElement().satisfies(a -> {
      assertThat(a.id()).isEqualTo(victim.id());
      assertThat(a.desiredDescription()).isEqualTo(ClusterReconciler.ALLOC_RESCHEDULED);
    });
    Allocation replacement = placed(plan).get(0);
    assertThat(placed(plan)).hasSize(1);
    assertThat(replacement.name()).isEqualTo(victim.name());
    assertThat(replacement.previousAllocation()).isEqualTo(victim.id());
    assertThat(replacement.rescheduleTracker().events()).singleElement().satisfies(e -> {
      assertThat(e.prevAllocID()).isEqualTo(victim.id());
      assertThat(e.prevNodeID()).isEqualTo(victim.nodeID());
      assertThat(e.delay()).isEqualTo(Duration.ofSeconds(5));
    });
    assertThat(replacement.nodeID()).as("the failed node is penalised").isNotEqualTo(victim.nodeID());

    // A second failure exhausts the single attempt: nothing is placed.
    c.upsertAlloc(c.allocById(replacement.id()).orElseThrow().toBuilder().clientStatus(AllocStatus.CLIENT_FAILED)
        .taskStates(Map.of("web", new TaskState("dead", true, 0, null, null, NOW.minusSeconds(10).toString(), null)))
        .build());
    int plans = c.plans().size();
    process(c, c, job, "eval-3", EvalTriggers.RETRY_FAILED_ALLOC);
    assertThat(c.plans()).hasSize(plans);
  }

  @Test
  void unplaceableRescheduleOfAFailedAllocationOnADownNodeDoesNotBlockThatNodesLostStops() {
    InMemoryCluster c = cluster(1);
    Job job = job(2, g -> g.update(UpdateStrategy.builder().maxParallel(0).build()).reschedulePolicy(ReschedulePolicy.builder().attempts(1).interval(Duration.ofMinutes(15))
        .delay(Duration.ofSeconds(5)).delayFunction("constant").unlimited(false).build()));
    c.upsertJob(job);
    process(c, c, job, "eval-1", EvalTriggers.JOB_REGISTER);
    List<Allocation> both = live(c, job);
    assertThat(both).hasSize(2);
    Allocation failed = both.get(0);
    Allocation running = both.get(1);
    c.upsertAlloc(failed.toBuilder().clientStatus(AllocStatus.CLIENT_FAILED)
        .taskStates(Map.of("web", new TaskState("dead", true, 0, null, null, NOW.minusSeconds(10).toString(), null)))
        .build());
    c.upsertNode(c.nodeById(failed.nodeID()).orElseThrow().toBuilder().status("down").build());

    // The only node is down: neither the reschedule nor the lost replacement can be placed.
    process(c, c, job, "eval-2", EvalTriggers.NODE_UPDATE);

    assertThat(c.plans()).as("one plan, fully accepted: no retry").hasSize(2);
    Plan plan = c.plans().get(1);
    assertThat(placed(plan)).as("no allocation update on the down node").isEmpty();
    assertThat(c.allocById(running.id()).orElseThrow()).satisfies(a -> {
      assertThat(a.desiredStatus()).isEqualTo(AllocStatus.DESIRED_STOP);
      assertThat(a.clientStatus()).isEqualTo(AllocStatus.CLIENT_LOST);
    });
    assertThat(c.allocById(failed.id()).orElseThrow().desiredStatus()).as("still a reschedule candidate")
        .isEqualTo(AllocStatus.DESIRED_RUN);
    Evaluation done = c.updatedEvals().get(c.updatedEvals().size() - 1);
    assertThat(done.status()).isEqualTo(EvalStatus.COMPLETE);
    assertThat(c.createdEvals()).singleElement().satisfies(e -> assertThat(e.status()).isEqualTo(EvalStatus.BLOCKED));
  }

  @Test
  void rescheduleLaterCreatesABatchedFollowUpAndNoBlockedEvaluation() {
    InMemoryCluster c = cluster(3);
    Job job = job(3, g -> g.update(UpdateStrategy.builder().maxParallel(0).build()).reschedulePolicy(ReschedulePolicy.builder().delay(Duration.ofSeconds(30))
        .delayFunction("constant").unlimited(true).build()));
    c.upsertJob(job);
    process(c, c, job, "eval-1", EvalTriggers.JOB_REGISTER);
    for (Allocation a : live(c, job).subList(0, 2)) {
      c.upsertAlloc(a.toBuilder().clientStatus(AllocStatus.CLIENT_FAILED)
          .taskStates(Map.of("web", new TaskState("dead", true, 0, null, null, NOW.minusSeconds(2).toString(), null)))
          .build());
    }
    process(c, c, job, "eval-2", EvalTriggers.RETRY_FAILED_ALLOC);

    assertThat(c.createdEvals()).singleElement().satisfies(f -> {
      assertThat(f.triggeredBy()).isEqualTo(EvalTriggers.RETRY_FAILED_ALLOC);
      assertThat(f.status()).isEqualTo(EvalStatus.PENDING);
      assertThat(Instant.parse(f.waitUntil())).isEqualTo(NOW.plusSeconds(28));
      assertThat(f.previousEval()).isEqualTo("eval-2");
    });
    Plan plan = c.plans().get(1);
    assertThat(stopped(plan)).isEmpty();
    assertThat(placed(plan)).hasSize(2)
        .allSatisfy(a -> assertThat(a.followupEvalID()).isEqualTo(c.createdEvals().get(0).id()));
  }

  @Test
  void partialCommitIsRetriedOnTheRefreshedSnapshotUntilEverythingIsPlaced() {
    InMemoryCluster c = cluster(5);
    Job job = job(5, g -> g);
    c.upsertJob(job);
    // The first submission commits only one node's allocations; the retry places the rest.
    ScriptedPlanner planner = new ScriptedPlanner(c, n -> n == 0 ? 1 : Integer.MAX_VALUE, true);
    process(c, planner, job, "eval-1", EvalTriggers.JOB_REGISTER);

    assertThat(planner.submitted).hasSize(2);
    assertThat(live(c, job)).hasSize(5);
    assertThat(new HashSet<>(live(c, job).stream().map(Allocation::name).toList())).hasSize(5);
    Evaluation done = c.updatedEvals().get(c.updatedEvals().size() - 1);
    assertThat(done.status()).isEqualTo(EvalStatus.COMPLETE);
  }

  @Test
  void batchJobsDoNotRerunCompletedAllocations() {
    InMemoryCluster c = cluster(3);
    Job job = Canonicalizer.withServerDefaults(Jobs.mockBuilder("report", Jobs.group(3, 500, 256).build()).type("batch").build());
    c.upsertJob(job);
    process(c, c, job, "eval-1", EvalTriggers.JOB_REGISTER);
    for (Allocation a : live(c, job)) {
      c.upsertAlloc(a.toBuilder().clientStatus(AllocStatus.CLIENT_COMPLETE)
          .taskStates(Map.of("web", new TaskState("dead", false, 0, null, null, NOW.minusSeconds(60).toString(), null)))
          .build());
    }
    int plans = c.plans().size();
    process(c, c, job, "eval-2", EvalTriggers.NODE_UPDATE);
    assertThat(c.plans()).hasSize(plans);
    assertThat(c.updatedEvals().get(c.updatedEvals().size() - 1).status()).isEqualTo(EvalStatus.COMPLETE);
  }

  @Test
  void stoppingTheJobStopsEveryAllocation() {
    InMemoryCluster c = cluster(3);
    Job job = job(4, g -> g);
    c.upsertJob(job);
    process(c, c, job, "eval-1", EvalTriggers.JOB_REGISTER);
    Job stoppedJob = job.toBuilder().stop(true).version(1L).jobModifyIndex(20L).build();
    c.upsertJob(stoppedJob);
    process(c, c, stoppedJob, "eval-2", EvalTriggers.JOB_DEREGISTER);
    assertThat(stopped(c.plans().get(1))).hasSize(4);
    assertThat(live(c, job)).isEmpty();
  }

  @Test
  void sameInputsGiveTheSamePlan() {
    List<Plan> plans = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      InMemoryCluster c = cluster(10);
      Job job = job(7, g -> g);
      c.upsertJob(job);
      process(c, c, job, "eval-1", EvalTriggers.JOB_REGISTER);
      plans.add(c.plans().get(0));
    }
    assertThat(plans.get(1)).isEqualTo(plans.get(0));
  }

  @Test
  void canaryPlacementsAreRecordedInTheNewDeployment() {
    InMemoryCluster c = cluster(5);
    Job v0 = job(4, g -> g.update(UpdateStrategy.builder().maxParallel(2).canary(2).build()));
    c.upsertJob(v0);
    process(c, c, v0, "eval-1", EvalTriggers.JOB_REGISTER);
    Task t = v0.taskGroupsOrEmpty().get(0).tasksOrEmpty().get(0);
    Job v1 = nextVersion(v0, g -> g.tasks(List.of(t.toBuilder().config(Map.of("command", "/bin/v2")).build())));
    c.upsertJob(v1);
    process(c, c, v1, "eval-2", EvalTriggers.JOB_REGISTER);

    Plan plan = c.plans().get(1);
    assertThat(stopped(plan)).isEmpty();
    List<Allocation> canaries = placed(plan);
    assertThat(canaries).hasSize(2).allSatisfy(a -> assertThat(a.deploymentStatus().canary()).isTrue());
    Set<String> ids = new HashSet<>(canaries.stream().map(Allocation::id).toList());
    assertThat(new HashSet<>(plan.deployment().taskGroups().get("web").placedCanaries())).isEqualTo(ids);
    assertThat(plan.deployment().statusDescription()).isEqualTo(ClusterReconciler.DEPLOYMENT_NEEDS_PROMOTION);
  }

  @Test
  void disconnectedAllocationsAreReplacedThenTheReconnectedOriginalsWin() {
    InMemoryCluster c = cluster(3);
    Job job = job(3, g -> g.update(UpdateStrategy.builder().maxParallel(0).build()).maxClientDisconnect(Duration.ofHours(1)));
    c.upsertJob(job);
    process(c, c, job, "eval-1", EvalTriggers.JOB_REGISTER);
    String lostNode = live(c, job).get(0).nodeID();
    List<String> originals = live(c, job).stream().filter(a -> a.nodeID().equals(lostNode)).map(Allocation::id).toList();
    for (Allocation a : live(c, job)) {
      c.upsertAlloc(a.toBuilder().clientStatus(AllocStatus.CLIENT_RUNNING).build());
    }
    c.upsertNode(c.nodeById(lostNode).orElseThrow().toBuilder().status("disconnected").build());

    process(c, c, job, "eval-2", EvalTriggers.NODE_UPDATE);
    Plan disconnect = c.plans().get(1);
    assertThat(stopped(disconnect)).isEmpty();
    assertThat(c.createdEvals()).singleElement()
        .satisfies(f -> assertThat(f.triggeredBy()).isEqualTo(EvalTriggers.MAX_DISCONNECT_TIMEOUT));
    for (String id : originals) {
      assertThat(c.allocById(id).orElseThrow().clientStatus()).isEqualTo(AllocStatus.CLIENT_UNKNOWN);
      assertThat(c.allocById(id).orElseThrow().allocStatesOrEmpty()).as("recorded history")
          .containsExactly(io.caravan.model.cluster.AllocState.clientStatus(AllocStatus.CLIENT_UNKNOWN, NOW.toString()));
    }
    List<Allocation> replacements = placed(disconnect).stream().filter(a -> !originals.contains(a.id())).toList();
    assertThat(replacements).hasSize(originals.size())
        .allSatisfy(a -> assertThat(originals).contains(a.previousAllocation()));

    // The node comes back and its client reports the originals running again.
    c.upsertNode(c.nodeById(lostNode).orElseThrow().toBuilder().status("ready").build());
    for (String id : originals) {
      c.upsertAlloc(c.allocById(id).orElseThrow().toBuilder().clientStatus(AllocStatus.CLIENT_RUNNING).build());
    }
    process(c, c, job, "eval-3", EvalTriggers.NODE_UPDATE);
    Plan reconnect = c.plans().get(2);
    assertThat(reconnect.annotations().desiredTGUpdates().get("web").reconnect()).isEqualTo(originals.size());
    assertThat(stopped(reconnect)).hasSize(originals.size()).allSatisfy(a -> {
      assertThat(replacements.stream().map(Allocation::id)).contains(a.id());
      assertThat(a.desiredDescription()).isEqualTo(ClusterReconciler.ALLOC_RECONNECTED);
    });
    assertThat(live(c, job)).hasSize(3).extracting(Allocation::name).doesNotHaveDuplicates();
    for (String id : originals) {
      assertThat(c.allocById(id).orElseThrow().allocStatesOrEmpty()).extracting(io.caravan.model.cluster.AllocState::value)
          .containsExactly(AllocStatus.CLIENT_UNKNOWN, AllocStatus.CLIENT_RUNNING);
    }
  }

  @Test
  void recordedAllocStatesRecogniseAReconnectThatLeftNoReplacementBehind() {
    InMemoryCluster c = cluster(3);
    // replace = false: the servers wait for the disconnected allocation instead of replacing it,
    // so only its recorded history can tell that it is coming back.
    Job job = job(3, g -> g.update(UpdateStrategy.builder().maxParallel(0).build())
        .disconnect(new io.caravan.model.job.DisconnectStrategy(Duration.ofHours(1), null, false, null)));
    c.upsertJob(job);
    process(c, c, job, "eval-1", EvalTriggers.JOB_REGISTER);
    for (Allocation a : live(c, job)) {
      c.upsertAlloc(a.toBuilder().clientStatus(AllocStatus.CLIENT_RUNNING).build());
    }
    String node = live(c, job).get(0).nodeID();
    List<String> onNode = live(c, job).stream().filter(a -> a.nodeID().equals(node)).map(Allocation::id).toList();
    c.upsertNode(c.nodeById(node).orElseThrow().toBuilder().status("disconnected").build());
    process(c, c, job, "eval-2", EvalTriggers.NODE_UPDATE);
    assertThat(placed(c.plans().get(1)).stream().filter(a -> !onNode.contains(a.id()))).as("no replacements").isEmpty();

    c.upsertNode(c.nodeById(node).orElseThrow().toBuilder().status("ready").build());
    for (String id : onNode) {
      c.upsertAlloc(c.allocById(id).orElseThrow().toBuilder().clientStatus(AllocStatus.CLIENT_RUNNING).build());
    }
    process(c, c, job, "eval-3", EvalTriggers.NODE_UPDATE);

    Plan reconnect = c.plans().get(2);
    assertThat(reconnect.annotations().desiredTGUpdates().get("web").reconnect()).isEqualTo(onNode.size());
    assertThat(stopped(reconnect)).isEmpty();
    for (String id : onNode) {
      assertThat(c.allocById(id).orElseThrow().allocStatesOrEmpty()).extracting(io.caravan.model.cluster.AllocState::value)
          .containsExactly(AllocStatus.CLIENT_UNKNOWN, AllocStatus.CLIENT_RUNNING);
    }
  }

  @Test
  void lostReplacementsDuringAnUnpromotedCanaryDeploymentRunTheLastPromotedVersion() {
    InMemoryCluster c = cluster(3);
    Job v0 = job(3, g -> g.update(UpdateStrategy.builder().maxParallel(1).canary(1).build()));
    c.upsertJob(v0);
    process(c, c, v0, "eval-1", EvalTriggers.JOB_REGISTER);
    String d0 = c.plans().get(0).deployment().id();
    Task t = v0.taskGroupsOrEmpty().get(0).tasksOrEmpty().get(0);
    Job v1 = nextVersion(v0, g -> g.tasks(List.of(t.toBuilder().config(Map.of("command", "/bin/v2")).build())));
    c.upsertJob(v1);
    process(c, c, v1, "eval-2", EvalTriggers.JOB_REGISTER);
    assertThat(placed(c.plans().get(1))).singleElement().satisfies(a -> assertThat(a.deploymentStatus().canary()).isTrue());

    Allocation old = live(c, v0).stream().filter(a -> a.job().version() == 0L).findFirst().orElseThrow();
    c.upsertNode(c.nodeById(old.nodeID()).orElseThrow().toBuilder().status("down").build());
    process(c, c, v1, "eval-3", EvalTriggers.NODE_UPDATE);

    Plan plan = c.plans().get(2);
    List<Allocation> replacements = placed(plan).stream().filter(a -> a.previousAllocation().equals(old.id())).toList();
    assertThat(replacements).singleElement().satisfies(a -> {
      assertThat(a.job().version()).as("the promoted version, not the canary's").isEqualTo(0L);
      assertThat(a.deploymentID()).isEqualTo(d0);
      assertThat(a.deploymentStatus()).isNull();
    });
  }
}
