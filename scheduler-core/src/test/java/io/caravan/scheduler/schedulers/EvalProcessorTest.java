package io.caravan.scheduler.schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.EvalStatus;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.job.Constraint;
import io.caravan.model.job.Job;
import io.caravan.model.job.TaskGroup;
import io.caravan.scheduler.placement.GroupRequest;
import io.caravan.scheduler.placement.Placement;
import io.caravan.scheduler.placement.PlacementEngine;
import io.caravan.scheduler.placement.PlacementFailure;
import io.caravan.scheduler.placement.PlacementRequest;
import io.caravan.scheduler.placement.PlacementResult;
import io.caravan.scheduler.snapshot.InMemoryCluster;
import io.caravan.scheduler.snapshot.Planner;
import io.caravan.scheduler.snapshot.SchedulerConfiguration;
import io.caravan.scheduler.testing.Jobs;
import io.caravan.scheduler.testing.Nodes;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EvalProcessorTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

  /** A minimal body: place every missing allocation of each group (names [0, count) not live). */
  static final EvalProcessor.AttemptBody PLACE_MISSING = attempt -> {
    Job job = attempt.job().orElseThrow();
    Set<String> live = new HashSet<>();
    for (Allocation a : attempt.snapshot().allocsByJob("default", job.id())) {
      if (!a.terminal()) {
        live.add(a.name());
      }
    }
    List<GroupRequest> groups = new ArrayList<>();
    for (TaskGroup tg : job.taskGroupsOrEmpty()) {
      List<String> names = new ArrayList<>();
      for (int i = 0; i < tg.count(); i++) {
        String n = job.id() + "." + tg.name() + "[" + i + "]";
        if (!live.contains(n)) {
          names.add(n);
        }
      }
      attempt.queue(tg.name(), names.size());
      groups.add(new GroupRequest(tg.name(), names));
    }
    PlacementResult r = new PlacementEngine(new ProposedSnapshot(attempt.snapshot(), attempt.plan()),
        attempt.context().config()).place(new PlacementRequest(job, attempt.eval().id(), groups, Set.of()));
    for (Placement p : r.placements()) {
      attempt.plan().place(p, PlacementDetails.NONE);
      attempt.plan().changes(p.taskGroup()).place(1);
    }
    for (PlacementFailure f : r.failures().values()) {
      attempt.recordFailure(f.taskGroup(), f.metrics());
    }
  };

  static Evaluation eval(Job job, String trigger) {
    return Evaluation.builder().id("0f9b7c1e-2a3d-4e5f-8a9b-0c1d2e3f4a5b").namespace("default")
        .priority(50).type(job.type()).triggeredBy(trigger).jobID(job.id()).status(EvalStatus.PENDING).build();
  }

  static InMemoryCluster cluster(int nodes, Job job) {
    InMemoryCluster c = new InMemoryCluster();
    Nodes.mocks(nodes).forEach(c::upsertNode);
    c.upsertJob(job);
    return c;
  }

  static EvalProcessor processor(InMemoryCluster c, Planner planner, SchedulerPolicy policy) {
    return new EvalProcessor(new SchedulerContext(c, planner, SchedulerConfiguration.serverDefaults(), CLOCK), policy);
  }

  @Test
  void failsAnEvaluationWithATriggerTheSchedulerCannotHandle() {
    Job job = Jobs.mock("j", 1);
    InMemoryCluster c = cluster(1, job);
    processor(c, c, SchedulerPolicy.system()).process(eval(job, EvalTriggers.PERIODIC_JOB), PLACE_MISSING);
    assertThat(c.plans()).isEmpty();
    assertThat(c.updatedEvals()).singleElement().satisfies(e -> {
      assertThat(e.status()).isEqualTo(EvalStatus.FAILED);
      assertThat(e.statusDescription()).isEqualTo("scheduler cannot handle 'periodic-job' evaluation reason");
    });
  }

  @Test
  void completesWithoutSubmittingANoOpPlan() {
    Job job = Jobs.mock("j", 0);
    InMemoryCluster c = cluster(2, job);
    processor(c, c, SchedulerPolicy.service()).process(eval(job, EvalTriggers.JOB_REGISTER), PLACE_MISSING);
    assertThat(c.plans()).isEmpty();
    assertThat(c.updatedEvals()).singleElement().satisfies(e -> {
      assertThat(e.status()).isEqualTo(EvalStatus.COMPLETE);
      assertThat(e.queuedAllocations()).containsEntry("web", 0);
    });
  }

  @Test
  void placesAndCompletesWithNothingQueued() {
    Job job = Jobs.mock("j", 3);
    InMemoryCluster c = cluster(3, job);
    processor(c, c, SchedulerPolicy.service()).process(eval(job, EvalTriggers.JOB_REGISTER), PLACE_MISSING);
    assertThat(c.plans()).hasSize(1);
    assertThat(c.plans().get(0).annotations().desiredTGUpdates().get("web").place()).isEqualTo(3);
    assertThat(c.createdEvals()).isEmpty();
    Evaluation done = c.updatedEvals().get(0);
    assertThat(done.status()).isEqualTo(EvalStatus.COMPLETE);
    assertThat(done.queuedAllocations()).containsEntry("web", 0);
    assertThat(done.failedTGAllocs()).isNull();
    assertThat(done.blockedEval()).isEmpty();
  }

  @Test
  void failedPlacementsCreateOneBlockedEvalWithClassEligibilityAndQueuedCount() {
    TaskGroup tg = Jobs.group(4, 500, 256).build();
    Job job = Jobs.mockBuilder("j", tg).constraint(new Constraint("", "", "distinct_hosts")).build();
    InMemoryCluster c = cluster(2, job);
    processor(c, c, SchedulerPolicy.service()).process(eval(job, EvalTriggers.JOB_REGISTER), PLACE_MISSING);
    assertThat(c.createdEvals()).singleElement().satisfies(b -> {
      assertThat(b.status()).isEqualTo(EvalStatus.BLOCKED);
      assertThat(b.triggeredBy()).isEqualTo(EvalTriggers.QUEUED_ALLOCS);
      assertThat(b.statusDescription()).isEqualTo(Evaluations.BLOCKED_FAILED_PLACEMENTS);
      assertThat(b.previousEval()).isEqualTo("0f9b7c1e-2a3d-4e5f-8a9b-0c1d2e3f4a5b");
      assertThat(b.classEligibility()).containsEntry(Nodes.mock("x").computedClass(), true);
      assertThat(b.escapedComputedClass()).isFalse();
      assertThat(b.failedTGAllocs()).containsKey("web");
      assertThat(b.failedTGAllocs().get("web").coalescedFailures()).isEqualTo(1);
      assertThat(b.createTime()).isEqualTo(Instant.parse("2026-11-25T12:00:00Z").getEpochSecond() * 1_000_000_000L);
    });
    Evaluation done = c.updatedEvals().get(0);
    assertThat(done.status()).isEqualTo(EvalStatus.COMPLETE);
    assertThat(done.blockedEval()).isEqualTo(c.createdEvals().get(0).id());
    assertThat(done.queuedAllocations()).containsEntry("web", 2);
    assertThat(done.failedTGAllocs()).containsKey("web");
  }

  @Test
  void escapedConstraintsBlockWithoutClassEligibility() {
    TaskGroup tg = Jobs.group(1, 500, 256)
        .constraints(List.of(new Constraint("${node.unique.name}", "nowhere", "="))).build();
    Job job = Jobs.mockBuilder("j", tg).build();
    InMemoryCluster c = cluster(2, job);
    processor(c, c, SchedulerPolicy.service()).process(eval(job, EvalTriggers.JOB_REGISTER), PLACE_MISSING);
    assertThat(c.createdEvals()).singleElement().satisfies(b -> {
      assertThat(b.escapedComputedClass()).isTrue();
      assertThat(b.classEligibility()).isNull();
    });
  }

  @Test
  void retriesOnTheRefreshedSnapshotAfterAPartialCommit() {
    Job job = Jobs.mock("j", 4);
    InMemoryCluster c = cluster(4, job);
    ScriptedPlanner planner = new ScriptedPlanner(c, n -> n == 0 ? 1 : Integer.MAX_VALUE, true);
    processor(c, planner, SchedulerPolicy.service()).process(eval(job, EvalTriggers.JOB_REGISTER), PLACE_MISSING);
    assertThat(planner.submitted).hasSize(2);
    assertThat(planner.submitted.get(0).nodeAllocation()).hasSize(4);
    assertThat(planner.submitted.get(1).nodeAllocation().values().stream().mapToInt(List::size).sum())
        .as("the retry places only what the first plan could not commit").isEqualTo(3);
    assertThat(planner.submitted.get(1).snapshotIndex()).isGreaterThan(planner.submitted.get(0).snapshotIndex());
    assertThat(c.allocsByJob("default", "j")).hasSize(4);
    Evaluation done = c.updatedEvals().get(0);
    assertThat(done.status()).isEqualTo(EvalStatus.COMPLETE);
    assertThat(done.queuedAllocations()).containsEntry("web", 0);
  }

  @Test
  void progressResetsTheAttemptCount() {
    Job job = Jobs.mock("j", 4);
    InMemoryCluster c = cluster(4, job);
    ScriptedPlanner planner = new ScriptedPlanner(c, n -> 1, true);
    processor(c, planner, SchedulerPolicy.batch()).process(eval(job, EvalTriggers.JOB_REGISTER), PLACE_MISSING);
    assertThat(planner.submitted).as("4 attempts although batch allows 2: each committed one alloc").hasSize(4);
    assertThat(c.updatedEvals().get(0).status()).isEqualTo(EvalStatus.COMPLETE);
  }

  @Test
  void failsAfterMaxAttemptsWithoutProgressAndBlocksForPlanConflicts() {
    Job job = Jobs.mock("j", 2);
    InMemoryCluster c = cluster(2, job);
    ScriptedPlanner planner = new ScriptedPlanner(c, n -> 0, true);
    processor(c, planner, SchedulerPolicy.service()).process(eval(job, EvalTriggers.JOB_REGISTER), PLACE_MISSING);
    assertThat(planner.submitted).hasSize(5);
    assertThat(c.createdEvals()).singleElement().satisfies(b -> {
      assertThat(b.triggeredBy()).isEqualTo(EvalTriggers.MAX_PLANS);
      assertThat(b.statusDescription()).isEqualTo(Evaluations.BLOCKED_MAX_PLANS);
      assertThat(b.status()).isEqualTo(EvalStatus.BLOCKED);
    });
    Evaluation done = c.updatedEvals().get(0);
    assertThat(done.status()).isEqualTo(EvalStatus.FAILED);
    assertThat(done.statusDescription()).isEqualTo("maximum attempts reached (5)");
    assertThat(done.blockedEval()).isEqualTo(c.createdEvals().get(0).id());
    assertThat(done.queuedAllocations()).containsEntry("web", 2);
  }

  @Test
  void systemPolicyFailsAfterMaxAttemptsWithoutABlockedEval() {
    Job job = Jobs.mockBuilder("j", Jobs.group(1, 500, 256).build()).type("sysbatch").build();
    InMemoryCluster c = cluster(1, job);
    ScriptedPlanner planner = new ScriptedPlanner(c, n -> 0, true);
    processor(c, planner, SchedulerPolicy.sysbatch()).process(eval(job, EvalTriggers.JOB_REGISTER), PLACE_MISSING);
    assertThat(planner.submitted).hasSize(2);
    assertThat(c.createdEvals()).isEmpty();
    assertThat(c.updatedEvals().get(0).statusDescription()).isEqualTo("maximum attempts reached (2)");
  }

  @Test
  void aPartialCommitWithoutRefreshIsAnError() {
    Job job = Jobs.mock("j", 2);
    InMemoryCluster c = cluster(2, job);
    ScriptedPlanner planner = new ScriptedPlanner(c, n -> 1, false);
    assertThatThrownBy(() -> processor(c, planner, SchedulerPolicy.service())
        .process(eval(job, EvalTriggers.JOB_REGISTER), PLACE_MISSING))
        .isInstanceOf(SchedulerException.class)
        .hasMessageContaining("missing state refresh after partial commit (planned 2 allocations, committed 1)");
  }

  @Test
  void reblocksABlockedEvalThatStillCannotPlace() {
    TaskGroup tg = Jobs.group(3, 500, 256).build();
    Job job = Jobs.mockBuilder("j", tg).constraint(new Constraint("", "", "distinct_hosts")).build();
    InMemoryCluster c = cluster(1, job);
    Evaluation blocked = eval(job, EvalTriggers.QUEUED_ALLOCS).toBuilder().status(EvalStatus.BLOCKED).build();
    processor(c, c, SchedulerPolicy.service()).process(blocked, PLACE_MISSING);
    assertThat(c.createdEvals()).isEmpty();
    assertThat(c.updatedEvals()).isEmpty();
    assertThat(c.reblockedEvals()).singleElement().satisfies(e -> {
      assertThat(e.id()).isEqualTo(blocked.id());
      assertThat(e.classEligibility()).containsEntry(Nodes.mock("x").computedClass(), true);
    });
  }

  @Test
  void wrapsUnexpectedErrorsNamingTheEvaluation() {
    Job job = Jobs.mock("j", 1);
    InMemoryCluster c = cluster(1, job);
    assertThatThrownBy(() -> processor(c, c, SchedulerPolicy.service()).process(eval(job, EvalTriggers.JOB_REGISTER),
        a -> {
          throw new IllegalArgumentException("boom");
        }))
        .isInstanceOf(SchedulerException.class)
        .hasMessage("eval 0f9b7c1e-2a3d-4e5f-8a9b-0c1d2e3f4a5b (job \"j\"): boom");
  }
}
