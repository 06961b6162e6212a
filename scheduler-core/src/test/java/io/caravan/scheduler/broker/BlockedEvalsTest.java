package io.caravan.scheduler.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.cluster.EvalStatus;
import io.caravan.model.cluster.Evaluation;
import io.caravan.scheduler.harness.ManualClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BlockedEvalsTest {
  private static final List<String> ALL = List.of("service", "batch", "system", "sysbatch");

  private EvalBroker broker;
  private BlockedEvals blocked;

  @BeforeEach
  void setUp() {
    broker = new EvalBroker(EvalBrokerConfig.defaults(), new ManualClock(Instant.parse("2026-01-01T00:00:00Z")),
        new SplittableRandom(1));
    broker.setEnabled(true);
    blocked = new BlockedEvals(broker);
    blocked.setEnabled(true);
  }

  static Evaluation blockedEval(String id, String job, Map<String, Boolean> classes, long snapshotIndex) {
    return Evaluation.builder().id(id).namespace("default").jobID(job).type("service").priority(50)
        .status(EvalStatus.BLOCKED).classEligibility(classes).snapshotIndex(snapshotIndex)
        .createIndex(snapshotIndex).modifyIndex(snapshotIndex).build();
  }

  private List<String> readyIds() {
    List<String> ids = new ArrayList<>();
    for (Optional<DequeuedEval> d = broker.tryDequeue(ALL); d.isPresent(); d = broker.tryDequeue(ALL)) {
      ids.add(d.get().eval().id());
    }
    return ids;
  }

  @Test
  void unblocksWhenANodeOfAnEligibleClassGainsCapacity() {
    blocked.block(blockedEval("e", "web", Map.of("v1:big", true, "v1:gpu", false), 10));
    assertThat(blocked.stats().totalBlocked()).isEqualTo(1);
    blocked.unblock("v1:big", 11);
    assertThat(readyIds()).containsExactly("e");
    assertThat(blocked.stats().totalBlocked()).isZero();
    assertThat(blocked.blockedEval("default", "web")).isEmpty();
  }

  @Test
  void staysBlockedWhenOnlyAnIneligibleClassChanges() {
    blocked.block(blockedEval("e", "web", Map.of("v1:big", true, "v1:gpu", false), 10));
    blocked.unblock("v1:gpu", 11);
    assertThat(readyIds()).isEmpty();
    assertThat(blocked.blockedEval("default", "web")).map(Evaluation::id).contains("e");
  }

  @Test
  void aClassTheSchedulerNeverSawUnblocks() {
    blocked.block(blockedEval("e", "web", Map.of("v1:gpu", false), 10));
    blocked.unblock("v1:new", 11);
    assertThat(readyIds()).containsExactly("e");
  }

  @Test
  void anEscapedEvaluationUnblocksOnAnyClass() {
    blocked.block(blockedEval("esc", "unique", Map.of("v1:gpu", false), 10).toBuilder()
        .escapedComputedClass(true).build());
    blocked.block(blockedEval("cap", "captured", Map.of("v1:gpu", false), 10));
    assertThat(blocked.stats().totalEscaped()).isEqualTo(1);
    blocked.unblock("v1:gpu", 11);
    assertThat(readyIds()).containsExactly("esc");
    assertThat(blocked.stats().totalBlocked()).isEqualTo(1);
  }

  @Test
  void keepsOneBlockedEvaluationPerJobTheNewerWins() {
    blocked.block(blockedEval("old", "web", Map.of(), 10));
    blocked.block(blockedEval("new", "web", Map.of(), 12));
    assertThat(blocked.blockedEval("default", "web")).map(Evaluation::id).contains("new");
    blocked.block(blockedEval("stale", "web", Map.of(), 11));
    assertThat(blocked.blockedEval("default", "web")).map(Evaluation::id).contains("new");
    assertThat(blocked.stats().totalBlocked()).isEqualTo(1);
    assertThat(blocked.drainDuplicates()).extracting(Evaluation::id).containsExactly("old", "stale");
    assertThat(blocked.drainDuplicates()).isEmpty();
  }

  @Test
  void anEvaluationThatMissedAnUnblockIsEnqueuedAtOnce() {
    blocked.unblock("v1:big", 20);
    // Scheduled on a snapshot at index 15, before the capacity change at 20 on a class it could use.
    blocked.block(blockedEval("missed", "web", Map.of("v1:big", true), 15));
    // Saw the change already: stays blocked.
    blocked.block(blockedEval("current", "api", Map.of("v1:big", true), 25));
    // Older snapshot, but the changed class is ineligible for it: stays blocked.
    blocked.block(blockedEval("ineligible", "db", Map.of("v1:big", false), 15));
    assertThat(readyIds()).containsExactly("missed");
    assertThat(blocked.stats().totalBlocked()).isEqualTo(2);
  }

  @Test
  void untrackDropsTheJobsBlockedEvaluation() {
    blocked.block(blockedEval("e", "web", Map.of(), 10));
    blocked.untrack("", "web");
    blocked.unblock("v1:any", 11);
    assertThat(readyIds()).isEmpty();
    assertThat(blocked.stats().totalBlocked()).isZero();
  }

  @Test
  void unblockNodeReleasesSystemEvaluationsWaitingForThatNode() {
    Evaluation sys = blockedEval("sys", "agent", Map.of("v1:a", false), 10).toBuilder()
        .type("system").nodeID("node-1").build();
    blocked.block(sys);
    assertThat(blocked.stats().totalSystemByNode()).isEqualTo(1);
    blocked.unblockNode("node-2", 11);
    assertThat(readyIds()).isEmpty();
    blocked.unblockNode("node-1", 12);
    assertThat(readyIds()).containsExactly("sys");
    assertThat(blocked.stats()).isEqualTo(new BlockedEvalsStats(0, 0, 0, 0, 0));
  }

  @Test
  void unblockFailedReleasesOnlyMaxPlanAttemptEvaluations() {
    blocked.block(blockedEval("maxplans", "web", Map.of("v1:a", false), 10).toBuilder()
        .triggeredBy(EvalStatus.TRIGGER_MAX_PLANS).build());
    blocked.block(blockedEval("capacity", "api", Map.of("v1:a", false), 10));
    blocked.unblockFailed();
    assertThat(readyIds()).containsExactly("maxplans");
    assertThat(blocked.stats().totalBlocked()).isEqualTo(1);
  }

  @Test
  void quotaUnblockReleasesOnlyEvaluationsWaitingOnThatQuota() {
    blocked.block(blockedEval("q1", "web", Map.of(), 10).toBuilder().quotaLimitReached("team-a").build());
    blocked.block(blockedEval("q2", "api", Map.of(), 10).toBuilder().quotaLimitReached("team-b").build());
    assertThat(blocked.stats().totalQuotaLimit()).isEqualTo(2);
    blocked.unblockQuota("team-a", 11);
    assertThat(readyIds()).containsExactly("q1");
  }

  @Test
  void anEvaluationReblockedWhileOutstandingIsRequeuedAfterTheAck() {
    Evaluation e = blockedEval("e", "web", Map.of("v1:a", true), 10);
    broker.enqueue(e);
    DequeuedEval d = broker.tryDequeue(ALL).orElseThrow();
    blocked.reblock(e.toBuilder().snapshotIndex(11).build(), d.token());
    blocked.unblock("v1:a", 12);
    assertThat(broker.tryDequeue(ALL)).as("still outstanding: held until the ack").isEmpty();
    broker.ack("e", d.token());
    assertThat(readyIds()).containsExactly("e");
  }

  @Test
  void disabledTrackerIgnoresBlocksAndDisablingFlushes() {
    blocked.block(blockedEval("e", "web", Map.of(), 10));
    blocked.setEnabled(false);
    assertThat(blocked.stats().totalBlocked()).isZero();
    blocked.block(blockedEval("f", "api", Map.of(), 10));
    blocked.setEnabled(true);
    blocked.unblock("v1:a", 11);
    assertThat(readyIds()).isEmpty();
  }
}
