package io.caravan.hcl.functions;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits text into user-perceived characters (grapheme clusters), as cty's string functions count them. */
final class Graphemes {
  private Graphemes() {}

  /** The grapheme clusters of {@code s}, in order. */
  static List<String> split(String s) {
    BreakIterator it = BreakIterator.getCharacterInstance(Locale.ROOT);
    it.setText(s);
    List<String> out = new ArrayList<>();
    int start = it.first();
    for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
      out.add(s.substring(start, end));
    }
    return out;
  }
}
