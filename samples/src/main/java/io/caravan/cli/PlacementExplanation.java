package io.caravan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;

/**
 * Why a group could not be placed, from its allocation metrics (an evaluation's
 * {@code FailedTGAllocs} entry), one {@code * } line per reason as Nomad's CLI lists them: no
 * eligible node, empty datacenters, node classes and constraints that filtered nodes, exhausted
 * resources by class and dimension, quota limits.
 */
final class PlacementExplanation {
  private PlacementExplanation() {}

  static void print(PrintWriter out, JsonNode m, String prefix) {
    if (m.path("NodesEvaluated").asLong() == 0) {
      out.println(prefix + "* No nodes were eligible for evaluation");
    }
    sorted(m.path("NodesAvailable")).forEach((dc, n) -> {
      if (n == 0) {
        out.println(prefix + "* No nodes are available in datacenter \"" + dc + "\"");
      }
    });
    sorted(m.path("ClassFiltered")).forEach((c, n) -> out.println(prefix + "* Class \"" + c + "\": " + n + " nodes excluded by filter"));
    sorted(m.path("ConstraintFiltered")).forEach((c, n) ->
        out.println(prefix + "* Constraint \"" + c + "\": " + n + " nodes excluded by filter"));
    long exhausted = m.path("NodesExhausted").asLong();
    if (exhausted > 0) {
      out.println(prefix + "* Resources exhausted on " + exhausted + " nodes");
    }
    sorted(m.path("ClassExhausted")).forEach((c, n) -> out.println(prefix + "* Class \"" + c + "\" exhausted on " + n + " nodes"));
    sorted(m.path("DimensionExhausted")).forEach((d, n) ->
        out.println(prefix + "* Dimension \"" + d + "\" exhausted on " + n + " nodes"));
    for (JsonNode q : m.path("QuotaExhausted")) {
      out.println(prefix + "* Quota limit hit \"" + q.asText() + "\"");
    }
  }

  private static Map<String, Long> sorted(JsonNode counts) {
    Map<String, Long> out = new TreeMap<>();
    if (counts.isObject()) {
      counts.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asLong()));
    }
    return out;
  }
}
