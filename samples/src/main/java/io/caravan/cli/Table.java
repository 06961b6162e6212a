package io.caravan.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain text table with aligned columns, as Nomad's CLI prints them. */
final class Table {
  private final List<String[]> rows = new ArrayList<>();

  Table(String... headers) {
    rows.add(headers);
  }

  Table row(Object... cells) {
    String[] r = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      r[i] = cells[i] == null ? "" : String.valueOf(cells[i]);
    }
    rows.add(r);
    return this;
  }

  boolean isEmpty() {
    return rows.size() == 1;
  }

  void print(PrintWriter out) {
    int cols = rows.get(0).length;
    int[] width = new int[cols];
    for (String[] r : rows) {
      for (int i = 0; i < cols && i < r.length; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < cols; i++) {
        String cell = i < r.length ? r[i] : "";
        b.append(cell);
        if (i < cols - 1) {
          b.append(" ".repeat(width[i] - cell.length() + 2));
        }
      }
      out.println(b.toString().stripTrailing());
    }
  }

  /** Prints {@code key = value} lines with the keys aligned. */
  static void keyValues(PrintWriter out, Object... pairs) {
    int w = 0;
    for (int i = 0; i < pairs.length; i += 2) {
      w = Math.max(w, String.valueOf(pairs[i]).length());
    }
    for (int i = 0; i < pairs.length; i += 2) {
      String k = String.valueOf(pairs[i]);
      out.println(k + " ".repeat(w - k.length()) + " = " + (pairs[i + 1] == null ? "<none>" : pairs[i + 1]));
    }
  }
}
