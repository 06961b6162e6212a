package io.caravan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a plan's {@code Diff} (Nomad's JobDiff JSON) as {@code nomad job plan} prints it, without
 * colour: markers {@code +} (added), {@code -} (deleted), {@code +/-} (edited) and none for context
 * lines; a group's update counts and a task's annotations in parentheses; nested blocks in braces;
 * field values quoted and aligned. Added or deleted groups and tasks are expanded only with
 * {@code verbose}, as in Nomad.
 */
final class PlanDiffFormatter {
  private PlanDiffFormatter() {}

  /** The whole diff, trimmed, without a trailing newline. */
  static String format(JsonNode job, boolean verbose) {
    StringBuilder out = new StringBuilder(marker(job) + "Job: " + quote(job.path("ID").asText()) + "\n");
    int longestField = longestField(job);
    int longestMarker = Math.max(longestMarker(job), longestMarkerOf(job.path("TaskGroups")));
    if (type(job).equals("Edited") || verbose) {
      String fo = fieldsAndObjects(job, 0, longestField, longestMarker);
      out.append(fo);
      if (!fo.isEmpty()) {
        out.append('\n');
      }
    }
    for (JsonNode g : job.path("TaskGroups")) {
      out.append(group(g, longestMarker - marker(g).length(), verbose)).append('\n');
    }
    return out.toString().strip();
  }

  private static String group(JsonNode g, int prefix, boolean verbose) {
    StringBuilder out = new StringBuilder(marker(g) + " ".repeat(prefix) + "Task Group: " + quote(g.path("Name").asText()));
    JsonNode updates = g.path("Updates");
    if (updates.isObject() && !updates.isEmpty()) {
      Map<String, Long> sorted = new TreeMap<>();
      updates.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asLong()));
      List<String> parts = new ArrayList<>();
      sorted.forEach((kind, n) -> parts.add(n + " " + kind));
      out.append(" (").append(String.join(", ", parts)).append(")");
    }
    out.append('\n');
    int longestField = longestField(g);
    int longestMarker = Math.max(longestMarker(g), longestMarkerOf(g.path("Tasks")));
    int sub = prefix + 2;
    if (type(g).equals("Edited") || verbose) {
      String fo = fieldsAndObjects(g, sub, longestField, longestMarker);
      out.append(fo);
      if (!fo.isEmpty()) {
        out.append('\n');
      }
    }
    for (JsonNode t : g.path("Tasks")) {
      out.append(task(t, sub, longestMarker - marker(t).length(), verbose)).append('\n');
    }
    return out.toString();
  }

  private static String task(JsonNode t, int start, int prefix, boolean verbose) {
    StringBuilder out = new StringBuilder(" ".repeat(start) + marker(t) + " ".repeat(prefix) + "Task: "
        + quote(t.path("Name").asText()));
    List<String> annotations = strings(t.path("Annotations"));
    if (!annotations.isEmpty()) {
      out.append(" (").append(String.join(", ", annotations)).append(")");
    }
    String type = type(t);
    if (type.equals("None") || ((type.equals("Added") || type.equals("Deleted")) && !verbose)) {
      return out.toString();
    }
    out.append('\n');
    out.append(fieldsAndObjects(t, start + 2, longestField(t), longestMarker(t)));
    return out.toString();
  }

  private static String object(JsonNode o, int start, int keyPrefix) {
    String marker = marker(o);
    StringBuilder out = new StringBuilder(" ".repeat(start) + marker + " ".repeat(keyPrefix) + o.path("Name").asText() + " {\n");
    out.append(fieldsAndObjects(o, start + keyPrefix + 2, longestField(o), longestMarker(o)));
    return out + "\n" + " ".repeat(start + marker.length() + keyPrefix) + "}";
  }

  private static String field(JsonNode f, int start, int keyPrefix, int valuePrefix) {
    StringBuilder out = new StringBuilder(" ".repeat(start) + marker(f) + " ".repeat(keyPrefix) + f.path("Name").asText()
        + ": " + " ".repeat(valuePrefix));
    String old = f.path("Old").asText("");
    String neu = f.path("New").asText("");
    switch (type(f)) {
      case "Deleted" -> out.append(quote(old));
      case "Edited" -> out.append(quote(old)).append(" => ").append(quote(neu));
      default -> out.append(quote(neu));
    }
    List<String> annotations = strings(f.path("Annotations"));
    if (!annotations.isEmpty()) {
      out.append(" (").append(String.join(", ", annotations)).append(")");
    }
    return out.toString();
  }

  /** Fields then objects, names and values aligned, with no trailing newline. */
  private static String fieldsAndObjects(JsonNode parent, int start, int longestField, int longestMarker) {
    JsonNode fields = parent.path("Fields");
    JsonNode objects = parent.path("Objects");
    int numFields = fields.isArray() ? fields.size() : 0;
    int numObjects = objects.isArray() ? objects.size() : 0;
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < numFields; i++) {
      JsonNode f = fields.get(i);
      out.append(field(f, start, longestMarker - marker(f).length(), longestField - f.path("Name").asText().length()));
      if (i + 1 != numFields || numObjects > 0) {
        out.append('\n');
      }
    }
    for (int i = 0; i < numObjects; i++) {
      JsonNode o = objects.get(i);
      out.append(object(o, start, longestMarker - marker(o).length()));
      if (i + 1 != numObjects) {
        out.append('\n');
      }
    }
    return out.toString();
  }

  private static int longestField(JsonNode parent) {
    int longest = 0;
    for (JsonNode f : parent.path("Fields")) {
      longest = Math.max(longest, f.path("Name").asText().length());
    }
    return longest;
  }

  private static int longestMarker(JsonNode parent) {
    return Math.max(longestMarkerOf(parent.path("Fields")), longestMarkerOf(parent.path("Objects")));
  }

  private static int longestMarkerOf(JsonNode items) {
    int longest = 0;
    for (JsonNode i : items) {
      longest = Math.max(longest, marker(i).length());
    }
    return longest;
  }

  private static String type(JsonNode d) {
    return d.path("Type").asText("None");
  }

  /** The marker of a diff type, with its trailing space; empty for unchanged context. */
  static String marker(JsonNode d) {
    return switch (type(d)) {
      case "Added" -> "+ ";
      case "Deleted" -> "- ";
      case "Edited" -> "+/- ";
      default -> "";
    };
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
      out.add(it.next().asText());
    }
    return out;
  }

  /** A string quoted as Go's {@code %q} does for printable text: backslash escapes for quotes and controls. */
  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
