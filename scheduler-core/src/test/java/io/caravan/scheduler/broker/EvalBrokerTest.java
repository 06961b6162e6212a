package io.caravan.scheduler.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caravan.model.cluster.Evaluation;
import io.caravan.scheduler.harness.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EvalBrokerTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final List<String> SERVICE = List.of("service");

  private ManualClock clock;
  private EvalBroker broker;

  @BeforeEach
  void setUp() {
    clock = new ManualClock(T0);
    broker = new EvalBroker(EvalBrokerConfig.defaults(), clock, new SplittableRandom(7));
    broker.setEnabled(true);
  }

  static Evaluation eval(String id, String job, int priority, long createIndex) {
    return Evaluation.builder().id(id).namespace("default").jobID(job).type("service").priority(priority)
        .status("pending").createIndex(createIndex).modifyIndex(createIndex).build();
  }

  private DequeuedEval dequeue() {
    return broker.tryDequeue(SERVICE).orElseThrow(() -> new AssertionError("nothing ready"));
  }

  private List<String> drainIds() {
    List<String> ids = new ArrayList<>();
    for (Optional<DequeuedEval> d = broker.tryDequeue(SERVICE); d.isPresent(); d = broker.tryDequeue(SERVICE)) {
      ids.add(d.get().eval().id());
      broker.ack(d.get().eval().id(), d.get().token());
    }
    return ids;
  }

  @Test
  void deliversHigherPriorityFirstAndFifoWithinAPriority() {
    broker.enqueue(eval("low", "j1", 20, 1));
    broker.enqueue(eval("mid-late", "j2", 50, 5));
    broker.enqueue(eval("high", "j3", 90, 9));
    broker.enqueue(eval("mid-early", "j4", 50, 3));
    broker.enqueue(eval("mid-same-index", "j5", 50, 5));
    assertThat(drainIds()).containsExactly("high", "mid-early", "mid-late", "mid-same-index", "low");
  }

  @Test
  void dequeueAcrossSchedulerTypesTakesTheHighestPriorityHead() {
    broker.enqueue(eval("svc", "j1", 50, 1));
    broker.enqueue(eval("batch", "j2", 70, 2).toBuilder().type("batch").build());
    broker.enqueue(eval("sys", "j3", 60, 3).toBuilder().type("system").build());
    List<String> types = List.of("service", "batch", "system");
    assertThat(broker.tryDequeue(types).orElseThrow().eval().id()).isEqualTo("batch");
    assertThat(broker.tryDequeue(types).orElseThrow().eval().id()).isEqualTo("sys");
    assertThat(broker.tryDequeue(List.of("batch", "system"))).isEmpty();
    assertThat(broker.tryDequeue(types).orElseThrow().eval().id()).isEqualTo("svc");
  }

  @Test
  void holdsLaterEvaluationsOfAJobWhileOneIsInFlight() {
    broker.enqueue(eval("a1", "job-a", 50, 1));
    broker.enqueue(eval("a2", "job-a", 50, 2));
    broker.enqueue(eval("a3", "job-a", 50, 3));
    broker.enqueue(eval("b1", "job-b", 50, 4));

    DequeuedEval first = dequeue();
    assertThat(first.eval().id()).isEqualTo("a1");
    DequeuedEval second = dequeue();
    assertThat(second.eval().id()).as("the other job is not held back").isEqualTo("b1");
    assertThat(broker.tryDequeue(SERVICE)).as("a2 and a3 wait for a1").isEmpty();
    assertThat(broker.stats().totalPending()).isEqualTo(2);

    broker.ack("a1", first.token());
    // Only the newest pending evaluation of the job is enqueued; the older one is superseded.
    DequeuedEval third = dequeue();
    assertThat(third.eval().id()).isEqualTo("a3");
    assertThat(broker.drainCancelable(10)).extracting(Evaluation::id).containsExactly("a2");
    assertThat(broker.stats().totalPending()).isZero();
  }

  @Test
  void sameNamespaceSpellingsShareTheJobSlot() {
    broker.enqueue(eval("a1", "job-a", 50, 1));
    broker.enqueue(eval("a2", "job-a", 50, 2).toBuilder().namespace("").build());
    broker.enqueue(eval("other-ns", "job-a", 50, 3).toBuilder().namespace("prod").build());
    assertThat(drainIdsWithoutAck()).containsExactly("a1", "other-ns");
  }

  private List<String> drainIdsWithoutAck() {
    List<String> ids = new ArrayList<>();
    for (Optional<DequeuedEval> d = broker.tryDequeue(SERVICE); d.isPresent(); d = broker.tryDequeue(SERVICE)) {
      ids.add(d.get().eval().id());
    }
    return ids;
  }

  @Test
  void nackRedeliversWithNomadsDelaysAndFailsAfterTheDeliveryLimit() {
    broker.enqueue(eval("e", "j", 50, 1));

    DequeuedEval d1 = dequeue();
    broker.nack("e", d1.token());
    assertThat(broker.tryDequeue(SERVICE)).as("first nack waits the initial delay").isEmpty();
    assertThat(broker.stats().totalWaiting()).isEqualTo(1);
    assertThat(broker.nextWakeup()).contains(T0.plusSeconds(1));
    clock.advance(Duration.ofMillis(999));
    broker.tick();
    assertThat(broker.tryDequeue(SERVICE)).isEmpty();
    clock.advance(Duration.ofMillis(1));
    broker.tick();

    DequeuedEval d2 = dequeue();
    assertThat(d2.token()).isNotEqualTo(d1.token());
    Instant nacked = clock.instant();
    broker.nack("e", d2.token());
    assertThat(broker.nextWakeup()).as("second nack waits (2 - 1) * 20 s").contains(nacked.plusSeconds(20));
    clock.advance(Duration.ofSeconds(19));
    broker.tick();
    assertThat(broker.tryDequeue(SERVICE)).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    broker.tick();

    DequeuedEval d3 = dequeue();
    broker.nack("e", d3.token());
    // Third delivery nacked: the delivery limit (3) is reached, the eval goes to the failed queue.
    assertThat(broker.tryDequeue(SERVICE)).isEmpty();
    assertThat(broker.stats().totalFailed()).isEqualTo(1);
    DequeuedEval failed = broker.tryDequeue(List.of(EvalBroker.FAILED_QUEUE)).orElseThrow();
    assertThat(failed.eval().id()).isEqualTo("e");
    broker.ack("e", failed.token());
    assertThat(broker.stats().totalFailed()).isZero();
    assertThat(broker.stats().totalReady()).isZero();
  }

  @Test
  void anUnackedEvaluationIsNackedWhenItsTimeoutPasses() {
    broker.enqueue(eval("e", "j", 50, 1));
    DequeuedEval d = dequeue();
    assertThat(broker.nextWakeup()).contains(T0.plusSeconds(60));
    clock.advance(Duration.ofSeconds(59));
    broker.tick();
    assertThat(broker.outstanding("e")).contains(d.token());
    clock.advance(Duration.ofSeconds(1));
    broker.tick();
    assertThat(broker.outstanding("e")).isEmpty();
    assertThatThrownBy(() -> broker.ack("e", d.token()))
        .isInstanceOfSatisfying(EvalBrokerException.class,
            e -> assertThat(e.reason()).isEqualTo(EvalBrokerException.Reason.NOT_OUTSTANDING));
    clock.advance(Duration.ofSeconds(1));
    broker.tick();
    assertThat(dequeue().eval().id()).isEqualTo("e");
  }

  @Test
  void outstandingResetAndPauseMoveTheNackTimeout() {
    broker.enqueue(eval("e", "j", 50, 1));
    DequeuedEval d = dequeue();
    clock.advance(Duration.ofSeconds(50));
    broker.outstandingReset("e", d.token());
    clock.advance(Duration.ofSeconds(50));
    broker.tick();
    assertThat(broker.outstanding("e")).isPresent();
    broker.pauseNackTimeout("e", d.token());
    assertThat(broker.nextWakeup()).isEmpty();
    clock.advance(Duration.ofHours(1));
    broker.tick();
    assertThat(broker.outstanding("e")).isPresent();
    broker.resumeNackTimeout("e", d.token());
    clock.advance(Duration.ofSeconds(60));
    broker.tick();
    assertThat(broker.outstanding("e")).isEmpty();
  }

  @Test
  void ackAndNackRequireTheDequeueToken() {
    broker.enqueue(eval("e", "j", 50, 1));
    DequeuedEval d = dequeue();
    assertThatThrownBy(() -> broker.ack("e", "stale"))
        .isInstanceOfSatisfying(EvalBrokerException.class,
            e -> assertThat(e.reason()).isEqualTo(EvalBrokerException.Reason.TOKEN_MISMATCH))
        .hasMessageContaining("evaluation e");
    assertThatThrownBy(() -> broker.nack("e", "stale")).isInstanceOf(EvalBrokerException.class);
    assertThatThrownBy(() -> broker.ack("unknown", d.token()))
        .isInstanceOfSatisfying(EvalBrokerException.class,
            e -> assertThat(e.reason()).isEqualTo(EvalBrokerException.Reason.NOT_OUTSTANDING));
    broker.ack("e", d.token());
    assertThat(broker.stats().totalUnacked()).isZero();
  }

  @Test
  void delayedEvaluationIsNotDeliveredBeforeWaitUntil() {
    Instant at = T0.plusSeconds(30);
    broker.enqueue(eval("later", "j", 50, 1).toBuilder().waitUntil(at.toString()).build());
    broker.enqueue(eval("zero-time", "k", 50, 2).toBuilder().waitUntil("0001-01-01T00:00:00Z").build());
    assertThat(dequeue().eval().id()).as("Go's zero time means no wait").isEqualTo("zero-time");
    assertThat(broker.tryDequeue(SERVICE)).isEmpty();
    assertThat(broker.stats().delayedEvals()).containsEntry("later", at);
    assertThat(broker.nextWakeup()).contains(at);
    clock.advance(Duration.ofSeconds(29));
    broker.tick();
    assertThat(broker.tryDequeue(SERVICE)).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    broker.tick();
    assertThat(dequeue().eval().id()).isEqualTo("later");
    assertThat(broker.stats().delayedEvals()).isEmpty();
  }

  @Test
  void waitDurationHoldsTheEvaluationFromEnqueueTime() {
    broker.enqueue(eval("w", "j", 50, 1).toBuilder().waitDuration(Duration.ofSeconds(5)).build());
    broker.tick();
    assertThat(broker.tryDequeue(SERVICE)).isEmpty();
    clock.advance(Duration.ofSeconds(5));
    broker.tick();
    assertThat(dequeue().eval().id()).isEqualTo("w");
  }

  @Test
  void duplicateIdsAreIgnored() {
    broker.enqueue(eval("e", "j", 50, 1));
    broker.enqueue(eval("e", "j", 50, 1));
    assertThat(broker.stats().totalReady()).isEqualTo(1);
    assertThat(broker.stats().totalPending()).isZero();
  }

  @Test
  void anEvaluationReblockedUnderItsTokenIsEnqueuedAgainOnAck() {
    Evaluation e = eval("e", "j", 50, 1);
    broker.enqueue(e);
    DequeuedEval d = dequeue();
    Evaluation reblocked = e.toBuilder().status("blocked").build();
    broker.enqueueAll(Map.of(reblocked, "not-the-token"));
    broker.enqueueAll(Map.of(reblocked, d.token()));
    assertThat(broker.stats().totalReady()).isZero();
    broker.ack("e", d.token());
    DequeuedEval again = dequeue();
    assertThat(again.eval().status()).isEqualTo("blocked");
  }

  @Test
  void aNackDropsTheRequeuedEvaluation() {
    Evaluation e = eval("e", "j", 50, 1);
    broker.enqueue(e);
    DequeuedEval d = dequeue();
    broker.enqueueAll(Map.of(e.toBuilder().status("blocked").build(), d.token()));
    broker.nack("e", d.token());
    clock.advance(Duration.ofSeconds(1));
    broker.tick();
    assertThat(dequeue().eval().status()).as("the nacked original comes back, not the requeue").isEqualTo("pending");
  }

  @Test
  void disablingFlushesAndDisabledBrokerDropsWork() {
    broker.enqueue(eval("a", "j1", 50, 1));
    broker.enqueue(eval("b", "j2", 50, 2).toBuilder().waitUntil(T0.plusSeconds(9).toString()).build());
    DequeuedEval d = dequeue();
    broker.setEnabled(false);
    assertThat(broker.stats()).isEqualTo(new EvalBrokerStats(0, 0, 0, 0, 0, 0, Map.of(), Map.of()));
    assertThatThrownBy(() -> broker.tryDequeue(SERVICE))
        .isInstanceOfSatisfying(EvalBrokerException.class,
            e -> assertThat(e.reason()).isEqualTo(EvalBrokerException.Reason.DISABLED));
    assertThatThrownBy(() -> broker.ack("a", d.token())).isInstanceOf(EvalBrokerException.class);
    broker.enqueue(eval("c", "j3", 50, 3));
    broker.setEnabled(true);
    assertThat(broker.tryDequeue(SERVICE)).isEmpty();
  }

  @Test
  void readyListenerFiresWhenSomethingBecomesReady() {
    AtomicInteger calls = new AtomicInteger();
    broker.setReadyListener(calls::incrementAndGet);
    broker.enqueue(eval("later", "j1", 50, 1).toBuilder().waitUntil(T0.plusSeconds(1).toString()).build());
    assertThat(calls).hasValue(0);
    assertThat(broker.hasReady(SERVICE)).isFalse();
    broker.enqueue(eval("now", "j2", 50, 2));
    assertThat(calls).hasValue(1);
    assertThat(broker.hasReady(SERVICE)).isTrue();
    assertThat(broker.hasReady(List.of("batch"))).isFalse();
    clock.advance(Duration.ofSeconds(1));
    broker.tick();
    assertThat(calls).hasValue(2);
  }

  @Test
  void rejectsEvaluationsWithoutTypeOrWithAMalformedWaitUntil() {
    assertThatThrownBy(() -> broker.enqueue(eval("e", "j", 50, 1).toBuilder().type("").build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("evaluation e has no Type");
    assertThatThrownBy(() -> broker.enqueue(eval("e", "j", 50, 1).toBuilder().waitUntil("tomorrow").build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("WaitUntil \"tomorrow\"");
  }

  @Test
  void tokensAreReproducibleFromTheSeed() {
    EvalBroker other = new EvalBroker(EvalBrokerConfig.defaults(), clock, new SplittableRandom(7));
    other.setEnabled(true);
    broker.enqueue(eval("e", "j", 50, 1));
    other.enqueue(eval("e", "j", 50, 1));
    assertThat(dequeue().token()).isEqualTo(other.tryDequeue(SERVICE).orElseThrow().token());
  }

  @Test
  void statsCountPerScheduler() {
    broker.enqueue(eval("a", "j1", 50, 1));
    broker.enqueue(eval("b", "j2", 50, 2));
    broker.enqueue(eval("c", "j3", 50, 3).toBuilder().type("batch").build());
    broker.enqueue(eval("a2", "j1", 50, 4));
    dequeue();
    EvalBrokerStats s = broker.stats();
    assertThat(s.totalReady()).isEqualTo(2);
    assertThat(s.totalUnacked()).isEqualTo(1);
    assertThat(s.totalPending()).isEqualTo(1);
    assertThat(s.byScheduler()).containsEntry("service", new EvalBrokerStats.SchedulerStats(1, 1))
        .containsEntry("batch", new EvalBrokerStats.SchedulerStats(1, 0));
  }
}
