package io.caravan.scheduler.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@link ReasonCounts} counts like a sorted map of counters, for few and for many distinct keys. */
class ReasonCountsTest {
  @Test
  void nothingCountedIsNull() {
    assertThat(new ReasonCounts().toSortedMap()).isNull();
  }

  @Test
  void countsMatchASortedMapInKeyOrder() {
    SplittableRandom r = new SplittableRandom(42);
    for (int round = 0; round < 200; round++) {
      int distinct = 1 + r.nextInt(round % 2 == 0 ? 4 : 20);
      List<String> pool = new ArrayList<>();
      for (int i = 0; i < distinct; i++) {
        pool.add("reason-" + r.nextInt(1000));
      }
      ReasonCounts counts = new ReasonCounts();
      TreeMap<String, Integer> expected = new TreeMap<>();
      int adds = 1 + r.nextInt(300);
      for (int i = 0; i < adds; i++) {
        // Equal keys arrive as distinct objects too, as reasons built per node do.
        String key = r.nextBoolean() ? pool.get(r.nextInt(distinct)) : new String(pool.get(r.nextInt(distinct)));
        counts.add(key);
        expected.merge(key, 1, Integer::sum);
      }
      Map<String, Integer> got = counts.toSortedMap();
      assertThat(got).as("round %d", round).isEqualTo(expected);
      assertThat(new ArrayList<>(got.keySet())).as("round %d order", round).isEqualTo(new ArrayList<>(expected.keySet()));
    }
  }
}
