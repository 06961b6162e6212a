package io.caravan.state.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
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

  /**
   * The B-tree's shape: leaves all at one depth, node sizes within bounds, keys ordered and within
   * their separators (checkInvariants), and height at most 1 + log_16(n / 2) (each node but the root
   * holds at least 16 entries, the root at least two children).
   */
  private static void assertBalanced(PersistentSortedMap<?, ?> map) {
    map.checkInvariants();
    double bound = map.size() < 2 ? 1 : 1 + Math.log(map.size() / 2.0) / Math.log(16) + 1e-9;
    assertThat((double) map.height()).as("height of %d entries", map.size()).isLessThanOrEqualTo(bound);
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
    assertBalanced(map);
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
      assertBalanced(map);
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

  /**
   * 20,000 random puts and removes over 5,000 String keys, in batches with or without an edit, grow and
   * shrink phases so nodes split and merge at several levels: after every batch the map agrees with
   * java.util.TreeMap and keeps its shape; at the end every saved version is still exactly what it was.
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {101, 202, 303, 404, 505, 606})
  void manyOperationsAgreeWithTreeMapAndKeepEveryVersion(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<String> universe = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      // random UUIDs, C1M-style node IDs sharing 24 chars, job-style keys sharing "default\0", keys with
      // chars above 254 and NULs (which pack like missing chars) in long shared beginnings, short keys
      universe.add(switch (i % 5) {
        case 0 -> new java.util.UUID(rnd.nextLong(), rnd.nextLong()).toString();
        case 1 -> String.format("00000000-0000-4000-8000-%012d", rnd.nextInt(1_000_000));
        case 2 -> "default\u0000job-" + rnd.nextInt(100_000);
        case 3 -> "ab\u0100\u0000cd".substring(0, rnd.nextInt(7)) + "\u0000".repeat(rnd.nextInt(3)) + Integer.toString(rnd.nextInt(3000), 4);
        default -> Integer.toString(rnd.nextInt(100_000), 7);
      });
    }
    PersistentSortedMap<String, Integer> map = PersistentSortedMap.empty();
    TreeMap<String, Integer> model = new TreeMap<>();
    List<PersistentSortedMap<String, Integer>> versions = new ArrayList<>();
    List<TreeMap<String, Integer>> expected = new ArrayList<>();
    int ops = 0;
    int maxHeight = 0;
    PersistentSortedMap.Edit closed = new PersistentSortedMap.Edit();
    closed.close();
    while (ops < 20_000) {
      // phases of 4,000 operations: mostly puts, then mostly removes
      boolean growing = (ops / 4000) % 2 == 0;
      // a new edit, none, or the last batch's edit, closed (which must copy like none)
      int pick = rnd.nextInt(3);
      PersistentSortedMap.Edit edit = pick == 0 ? new PersistentSortedMap.Edit() : pick == 1 ? null : closed;
      int batch = 1 + rnd.nextInt(400);
      for (int i = 0; i < batch; i++, ops++) {
        String k = universe.get(rnd.nextInt(universe.size()));
        if (rnd.nextInt(10) < (growing ? 2 : 8)) {
          PersistentSortedMap<String, Integer> before = map;
          map = map.remove(k, edit);
          if (model.remove(k) == null) {
            assertThat(map).as("seed %d: removing absent %s", seed, k).isSameAs(before);
          }
        } else {
          Integer v = ops;
          map = map.put(k, v, edit);
          model.put(k, v);
          assertThat(map.put(k, v, edit)).as("seed %d: same value again", seed).isSameAs(map);
        }
      }
      if (edit != null) {
        edit.close();
        closed = edit;
      }
      assertThat(map.size()).as("seed %d after %d ops", seed, ops).isEqualTo(model.size());
      assertBalanced(map);
      maxHeight = Math.max(maxHeight, map.height());
      versions.add(map);
      expected.add(new TreeMap<>(model));
    }
    assertThat(maxHeight).as("seed %d: several levels", seed).isGreaterThanOrEqualTo(3);
    for (int v = 0; v < versions.size(); v++) {
      assertSame(versions.get(v), expected.get(v), "seed " + seed + " version " + v);
    }
  }

  /**
   * 100,000 Integer keys put in random order under edits, then removed in another random order with
   * and without edits, down to empty: splits and merges reach every level and the root grows and
   * shrinks; versions saved on the way keep their contents.
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {7, 8})
  void deepTreeGrowsAndShrinksToEmpty(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int n = 100_000;
    List<Integer> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      keys.add(i);
    }
    java.util.Collections.shuffle(keys, new java.util.Random(seed));
    PersistentSortedMap<Integer, Integer> map = PersistentSortedMap.empty();
    TreeMap<Integer, Integer> model = new TreeMap<>();
    List<PersistentSortedMap<Integer, Integer>> versions = new ArrayList<>();
    List<TreeMap<Integer, Integer>> expected = new ArrayList<>();
    PersistentSortedMap.Edit edit = new PersistentSortedMap.Edit();
    for (int i = 0; i < n; i++) {
      map = map.put(keys.get(i), -keys.get(i), edit);
      model.put(keys.get(i), -keys.get(i));
      if (i % 10_000 == 9_999) {
        edit.close();
        assertBalanced(map);
        versions.add(map);
        expected.add(new TreeMap<>(model));
        edit = new PersistentSortedMap.Edit();
      }
    }
    edit.close();
    assertThat(map.height()).as("seed %d", seed).isGreaterThanOrEqualTo(4);
    java.util.Collections.shuffle(keys, new java.util.Random(seed + 1));
    edit = rnd.nextBoolean() ? new PersistentSortedMap.Edit() : null;
    for (int i = 0; i < n; i++) {
      map = map.remove(keys.get(i), edit);
      model.remove(keys.get(i));
      if (i % 5_000 == 4_999 || i == n - 1) {
        if (edit != null) {
          edit.close();
        }
        assertThat(map.size()).as("seed %d after %d removes", seed, i + 1).isEqualTo(model.size());
        assertBalanced(map);
        versions.add(map);
        expected.add(new TreeMap<>(model));
        edit = rnd.nextBoolean() ? new PersistentSortedMap.Edit() : null;
      }
    }
    assertThat(map.isEmpty()).isTrue();
    assertThat(map.height()).isZero();
    for (int v = 0; v < versions.size(); v++) {
      assertSame(versions.get(v), expected.get(v), "seed " + seed + " version " + v);
    }
  }

  /** {@code map} has exactly {@code model}'s entries, in order, through every read method, and its shape. */
  private static <K extends Comparable<? super K>> void assertSame(PersistentSortedMap<K, Integer> map, TreeMap<K, Integer> model,
      String label) {
    assertThat(map.size()).as(label).isEqualTo(model.size());
    assertThat(map.isEmpty()).as(label).isEqualTo(model.isEmpty());
    assertThat(map.keys()).as(label).isEqualTo(new ArrayList<>(model.keySet()));
    assertThat(map.values()).as(label).isEqualTo(new ArrayList<>(model.values()));
    List<Map.Entry<K, Integer>> iterated = new ArrayList<>();
    for (Map.Entry<K, Integer> e : map) {
      iterated.add(Map.entry(e.getKey(), e.getValue()));
    }
    assertThat(iterated).as(label).isEqualTo(new ArrayList<>(model.entrySet()));
    List<K> visited = new ArrayList<>();
    map.forEach((k, v) -> visited.add(k));
    assertThat(visited).as(label).isEqualTo(new ArrayList<>(model.keySet()));
    for (Map.Entry<K, Integer> e : model.entrySet()) {
      if (!e.getValue().equals(map.get(e.getKey()))) {
        assertThat(map.get(e.getKey())).as("%s: get(%s)", label, e.getKey()).isEqualTo(e.getValue());
      }
    }
    assertBalanced(map);
  }

  @Test
  void iteratorEntriesAreReadOnlyAndEndCleanly() {
    PersistentSortedMap<String, Integer> map = PersistentSortedMap.<String, Integer>empty().put("b", 2).put("a", 1);
    Iterator<Map.Entry<String, Integer>> it = map.iterator();
    Map.Entry<String, Integer> first = it.next();
    assertThat(first.getKey()).isEqualTo("a");
    assertThat(first.toString()).isEqualTo("a=1");
    assertThatThrownBy(() -> first.setValue(5)).isInstanceOf(UnsupportedOperationException.class);
    assertThat(it.next().getKey()).isEqualTo("b");
    assertThat(it.hasNext()).isFalse();
    assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
    assertThat(PersistentSortedMap.<String, Integer>empty().iterator().hasNext()).isFalse();
    assertThat(map.toString()).isEqualTo("{a=1, b=2}");
    assertThatThrownBy(() -> map.put(null, 1)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> map.put("c", null)).isInstanceOf(NullPointerException.class);
  }
}
