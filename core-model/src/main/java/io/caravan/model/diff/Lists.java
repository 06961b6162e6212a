package io.caravan.model.diff;

import java.util.Comparator;
import java.util.List;

/** Lexicographic comparison of lists, for the deterministic order of diffs. */
final class Lists {
  private Lists() {}

  static <T> Comparator<List<T>> lexicographic(Comparator<? super T> element) {
    return (a, b) -> {
      for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
        int c = element.compare(a.get(i), b.get(i));
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(a.size(), b.size());
    };
  }
}
