package io.caravan.model.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * Compares two JSON trees the way the conformance goldens are compared: an absent field equals an
 * explicit {@code null}, numbers compare by value ({@code 1} equals {@code 1.0}), everything else
 * exactly. Returns one line per difference, each starting with its JSON path.
 */
public final class JsonTreeDiff {
  private JsonTreeDiff() {}

  /** Lists the differences between {@code expected} and {@code actual}; empty when equal. */
  public static List<String> diff(JsonNode expected, JsonNode actual) {
    List<String> out = new ArrayList<>();
    walk("", expected, actual, out);
    return out;
  }

  private static void walk(String path, JsonNode expected, JsonNode actual, List<String> out) {
    boolean expNull = expected == null || expected.isNull() || expected.isMissingNode();
    boolean actNull = actual == null || actual.isNull() || actual.isMissingNode();
    if (expNull || actNull) {
      if (expNull != actNull) {
        out.add(at(path) + "expected " + show(expected) + " but was " + show(actual));
      }
      return;
    }
    if (expected.isNumber() && actual.isNumber()) {
      if (expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
        out.add(at(path) + "expected " + expected + " but was " + actual);
      }
      return;
    }
    if (expected.isObject() && actual.isObject()) {
      TreeSet<String> keys = new TreeSet<>();
      expected.fieldNames().forEachRemaining(keys::add);
      actual.fieldNames().forEachRemaining(keys::add);
      for (String key : keys) {
        walk(path.isEmpty() ? key : path + "." + key, expected.get(key), actual.get(key), out);
      }
      return;
    }
    if (expected.isArray() && actual.isArray()) {
      if (expected.size() != actual.size()) {
        out.add(at(path) + "expected " + expected.size() + " elements but was " + actual.size()
            + ": expected " + show(expected) + " but was " + show(actual));
        return;
      }
      Iterator<JsonNode> e = expected.elements();
      Iterator<JsonNode> a = actual.elements();
      int i = 0;
      while (e.hasNext()) {
        walk(path + "[" + i++ + "]", e.next(), a.next(), out);
      }
      return;
    }
    if (!expected.equals(actual)) {
      out.add(at(path) + "expected " + show(expected) + " but was " + show(actual));
    }
  }

  private static String at(String path) {
    return (path.isEmpty() ? "<root>" : path) + ": ";
  }

  private static String show(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "<absent>";
    }
    String text = node.toString();
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }
}
