package io.caravan.state.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PersistentSortedMapTest {

  @Test
  void oldVersionIsUnchangedByPutAndRemove() {
    PersistentSortedMap<String, Integer> a = PersistentSortedMap.<String, Integer>empty().put("b", 2).put("a", 1);
    PersistentSortedMap<String, Integer> b = a.put("c", 3).remove("a");
    assertThat(a.keys()).containsExactly("a", "b");
    assertThat(b.keys()).containsExactly("b", "c");
    assertThat(a.get("c")).isNull();
    assertThat(b.get("b")).isEqualTo(2);
  }

  @Test
  void removingAbsentKeyOrPuttingSameValueReturnsSameMap() {
    Integer one = 1;
    PersistentSortedMap<String, Integer> a = PersistentSortedMap.<String, Integer>empty().put("a", one);
    assertThat(a.remove("zzz")).isSameAs(a);
    assertThat(a.put("a", one)).isSameAs(a);
  }

  /** Random puts and removes agree with java.util.TreeMap; every version stays balanced and intact. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void agreesWithTreeMapUnderRandomOperations(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    PersistentSortedMap<Integer, Integer> map = PersistentSortedMap.empty();
    TreeMap<Integer, Integer> model = new TreeMap<>();
    List<PersistentSortedMap<Integer, Integer>> versions = new ArrayList<>();
    List<TreeMap<Integer, Integer>> expected = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      int k = rnd.nextInt(500);
      if (rnd.nextInt(3) == 0) {
        map = map.remove(k);
        model.remove(k);
      } else {
        map = map.put(k, i);
        model.put(k, i);
      }
      if (i % 300 == 0) {
        versions.add(map);
        expected.add(new TreeMap<>(model));
      }
    }
    assertThat(map.size()).as("seed %d", seed).isEqualTo(model.size());
    assertThat(map.keys()).as("seed %d", seed).containsExactlyElementsOf(model.keySet());
    assertThat(map.values()).as("seed %d", seed).containsExactlyElementsOf(model.values());
    List<Integer> iterated = new ArrayList<>();
    for (Map.Entry<Integer, Integer> e : map) {
      iterated.add(e.getKey());
    }
    assertThat(iterated).containsExactlyElementsOf(model.keySet());
    // AVL bound: height <= 1.45 log2(n + 2)
    assertThat((double) map.height()).isLessThanOrEqualTo(1.45 * (Math.log(map.size() + 2) / Math.log(2)) + 1);
    for (int v = 0; v < versions.size(); v++) {
      assertThat(versions.get(v).keys()).as("seed %d version %d", seed, v).containsExactlyElementsOf(expected.get(v).keySet());
    }
  }
}
