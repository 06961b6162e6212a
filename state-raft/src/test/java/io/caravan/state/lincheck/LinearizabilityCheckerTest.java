package io.caravan.state.lincheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinearizabilityCheckerTest {
  private final LinearizabilityChecker checker = new LinearizabilityChecker();
  private final KvModel model = new KvModel();

  private static Operation<KvOp, String> put(int client, String key, String value, String previous, long call, long ret) {
    return Operation.completed(client, new KvOp.Put(key, value), previous, call, ret);
  }

  private static Operation<KvOp, String> get(int client, String key, String value, long call, long ret) {
    return Operation.completed(client, new KvOp.Get(key), value, call, ret);
  }

  private CheckResult check(List<Operation<KvOp, String>> history) {
    return checker.check(model, history);
  }

  @Test
  void acceptsSequentialWriteThenRead() {
    assertThat(check(List.of(put(0, "x", "1", "", 0, 1), get(1, "x", "1", 2, 3))).linearizable()).isTrue();
  }

  @Test
  void rejectsStaleReadAfterCompletedWrite() {
    CheckResult r = check(List.of(put(0, "x", "1", "", 0, 1), get(1, "x", "", 2, 3)));
    assertThat(r.verdict()).isEqualTo(CheckResult.Verdict.NOT_LINEARIZABLE);
    assertThat(r.detail()).contains("Get[key=x]");
  }

  @Test
  void acceptsEitherValueForReadOverlappingWrite() {
    assertThat(check(List.of(put(0, "x", "1", "", 0, 10), get(1, "x", "", 2, 3))).linearizable()).isTrue();
    assertThat(check(List.of(put(0, "x", "1", "", 0, 10), get(1, "x", "1", 2, 3))).linearizable()).isTrue();
  }

  @Test
  void rejectsReadsGoingBackInTimeDuringOneWrite() {
    // the write overlaps both reads, but once a read saw "1" a later read cannot see the old value
    CheckResult r = check(List.of(put(0, "x", "1", "", 0, 10), get(1, "x", "1", 1, 2), get(2, "x", "", 3, 4)));
    assertThat(r.verdict()).isEqualTo(CheckResult.Verdict.NOT_LINEARIZABLE);
  }

  @Test
  void rejectsTwoConcurrentWritesThatBothSawTheInitialValue() {
    CheckResult r = check(List.of(put(0, "x", "a", "", 0, 5), put(1, "x", "b", "", 1, 6)));
    assertThat(r.verdict()).isEqualTo(CheckResult.Verdict.NOT_LINEARIZABLE);
  }

  @Test
  void unknownWriteMayTakeEffectLateOrNeverButNotBoth() {
    Operation<KvOp, String> lost = Operation.unknown(0, new KvOp.Put("x", "1"), 0);
    assertThat(check(List.of(lost, get(1, "x", "", 5, 6))).linearizable()).isTrue();
    assertThat(check(List.of(lost, get(1, "x", "1", 5, 6))).linearizable()).isTrue();
    assertThat(check(List.of(lost, get(1, "x", "1", 5, 6), get(1, "x", "", 7, 8))).linearizable()).isFalse();
  }

  @Test
  void checksKeysIndependently() {
    CheckResult r = check(List.of(put(0, "x", "1", "", 0, 1), put(0, "y", "2", "", 2, 3), get(1, "x", "1", 4, 5),
        get(1, "y", "2", 4, 5)));
    assertThat(r.linearizable()).isTrue();
    assertThat(r.partitions()).isEqualTo(2);
  }

  @Test
  void memoisationKeepsManyConcurrentUnknownWritesTractable() {
    List<Operation<KvOp, String>> h = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      h.add(Operation.unknown(i, new KvOp.Put("x", "v" + i), i));
    }
    h.add(get(99, "x", "v3", 100, 101));
    CheckResult r = new LinearizabilityChecker(200_000).check(model, h);
    assertThat(r.verdict()).isEqualTo(CheckResult.Verdict.LINEARIZABLE);
    assertThat(r.statesExplored()).isLessThan(200_000);
  }

  @Test
  void reportsUnknownWhenBudgetIsExhausted() {
    List<Operation<KvOp, String>> h = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      h.add(Operation.unknown(i, new KvOp.Put("x", "v" + i), i));
    }
    h.add(get(99, "x", "nothing-wrote-this", 100, 101));
    assertThat(new LinearizabilityChecker(100).check(model, h).verdict()).isEqualTo(CheckResult.Verdict.UNKNOWN);
  }

  /**
   * Generates histories from a real sequential execution: each operation takes effect at a point
   * inside its [call, ret] interval, so the history is linearizable by construction. Corrupting one
   * read to a value never written must make it non-linearizable.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
  void generatedHistoriesAreAcceptedAndCorruptedOnesRejected(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    TreeMap<String, String> store = new TreeMap<>();
    List<Operation<KvOp, String>> h = new ArrayList<>();
    int readIndex = -1;
    long t = 0;
    for (int i = 0; i < 60; i++) {
      t += 1 + rnd.nextInt(3);
      long effect = t;
      long call = effect - rnd.nextInt(6);
      long ret = effect + rnd.nextInt(6);
      String key = "k" + rnd.nextInt(3);
      String current = store.getOrDefault(key, "");
      int client = rnd.nextInt(1000);
      if (rnd.nextBoolean()) {
        String value = "v" + i;
        store.put(key, value);
        h.add(rnd.nextInt(10) == 0
            ? Operation.unknown(client, new KvOp.Put(key, value), call)
            : put(client, key, value, current, call, ret));
      } else {
        h.add(get(client, key, current, call, ret));
        readIndex = h.size() - 1;
      }
    }
    CheckResult ok = check(h);
    assertThat(ok.linearizable()).as("seed %d: %s", seed, ok.detail()).isTrue();
    if (readIndex >= 0) {
      Operation<KvOp, String> read = h.get(readIndex);
      h.set(readIndex, get(read.client(), read.input().key(), "never-written", read.call(), read.ret()));
      assertThat(check(h).verdict()).as("seed %d corrupted", seed).isEqualTo(CheckResult.Verdict.NOT_LINEARIZABLE);
    }
  }
}
