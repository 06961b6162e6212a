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

  /**
   * Batches of puts and removes under one edit each agree with java.util.TreeMap, stay balanced, and
   * never change a version published before the batch (nor, once the edit is closed, after it).
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void editsChangeOnlyTheirOwnNodes(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    PersistentSortedMap<String, Integer> map = PersistentSortedMap.empty();
    TreeMap<String, Integer> model = new TreeMap<>();
    List<PersistentSortedMap<String, Integer>> versions = new ArrayList<>();
    List<TreeMap<String, Integer>> expected = new ArrayList<>();
    for (int batch = 0; batch < 60; batch++) {
      PersistentSortedMap.Edit edit = new PersistentSortedMap.Edit();
      int ops = 1 + rnd.nextInt(120);
      for (int i = 0; i < ops; i++) {
        // keys share prefixes of every length, so the packed-prefix comparison and the fallback both run
        String k = (rnd.nextBoolean() ? "" : "abcdef") + Integer.toString(rnd.nextInt(400), 3);
        if (rnd.nextInt(3) == 0) {
          map = map.remove(k, edit);
          model.remove(k);
        } else {
          map = map.put(k, batch * 1000 + i, edit);
          model.put(k, batch * 1000 + i);
        }
      }
      edit.close();
      assertThat(map.keys()).as("seed %d batch %d", seed, batch).containsExactlyElementsOf(model.keySet());
      assertThat(map.values()).as("seed %d batch %d", seed, batch).containsExactlyElementsOf(model.values());
      assertThat(map.size()).isEqualTo(model.size());
      assertThat((double) map.height()).isLessThanOrEqualTo(1.45 * (Math.log(map.size() + 2) / Math.log(2)) + 1);
      versions.add(map);
      expected.add(new TreeMap<>(model));
    }
    // a closed edit no longer changes anything in place
    PersistentSortedMap.Edit closed = new PersistentSortedMap.Edit();
    PersistentSortedMap<String, Integer> owned = PersistentSortedMap.<String, Integer>empty().put("a", 1, closed).put("b", 2, closed);
    closed.close();
    PersistentSortedMap<String, Integer> later = owned.put("c", 3, closed).remove("a", closed);
    assertThat(owned.keys()).containsExactly("a", "b");
    assertThat(later.keys()).containsExactly("b", "c");
    for (int v = 0; v < versions.size(); v++) {
      assertThat(versions.get(v).keys()).as("seed %d version %d", seed, v).containsExactlyElementsOf(expected.get(v).keySet());
      assertThat(versions.get(v).values()).as("seed %d version %d", seed, v).containsExactlyElementsOf(expected.get(v).values());
      for (String k : expected.get(v).keySet()) {
        assertThat(versions.get(v).get(k)).isEqualTo(expected.get(v).get(k));
      }
    }
  }

  /** Keys ordered by their packed first chars and by String order agree, short and non-Latin keys included. */
  @Test
  void stringKeysKeepStringOrder() {
    List<String> keys = List.of("", "a", "a\u0000", "a\u0000b", "ab", "abc", "abcd", "abcde", "abce", "b", "\u00ff", "\u0100",
        "\uffff", "\uffffa", "Z", "zz\u4e2d",
        "abcdefgh", "abcdefghi", "abcdefgi", "abcdefg", "abcdefg\u00fe", "abcdefg\u00ff", "abcdefg\u0100", "ab\u00ffz",
        "ab\u0100a", "ab\u0101", "ab\u0100", "abcdefghijk", "abcdefghijj");
    PersistentSortedMap<String, Integer> map = PersistentSortedMap.empty();
    for (int i = 0; i < keys.size(); i++) {
      map = map.put(keys.get(i), i);
    }
    assertThat(map.keys()).containsExactlyElementsOf(new java.util.TreeSet<>(keys));
    for (int i = 0; i < keys.size(); i++) {
      assertThat(map.get(keys.get(i))).isEqualTo(i);
    }
    assertThat(map.get("abcdf")).isNull();
    assertThat(map.get("a\u0000a")).isNull();
  }
}
