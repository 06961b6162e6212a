package io.caravan.jobspec.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * jobspec2's constraint and affinity decoders: {@code attribute}/{@code value}/{@code operator} plus
 * shorthands ({@code version}, {@code semver}, {@code regexp}, {@code set_contains*},
 * {@code distinct_hosts}, {@code distinct_property}) applied in Nomad's fixed order; operator
 * defaults to {@code =}. Other schemas store values under their Go field directly.
 */
final class ShorthandRules {
  private static final String RAW = "#";

  private ShorthandRules() {}

  /** Stores a decoded argument. */
  static void put(String schema, ObjectNode out, AttributeSpec spec, JsonNode value) {
    if (schema.equals("constraint") || schema.equals("affinity")) {
      out.set(RAW + spec.name(), value);
    } else {
      out.set(spec.goField(), value);
    }
  }

  /** Turns the stored raw arguments of a constraint or affinity into LTarget/RTarget/Operand (and Weight). */
  static void finish(String schema, ObjectNode out) {
    boolean affinity = schema.equals("affinity");
    String lTarget = text(out, "attribute");
    String rTarget = text(out, "value");
    String operand = text(out, "operator");
    List<String> order = affinity
        ? List.of("version", "semver", "regexp", "set_contains_any", "set_contains_all", "set_contains")
        : List.of("version", "semver", "regexp", "set_contains");
    for (String shorthand : order) {
      String v = text(out, shorthand);
      if (!v.isEmpty()) {
        operand = shorthand;
        rTarget = v;
      }
    }
    if (!affinity) {
      JsonNode hosts = out.get(RAW + "distinct_hosts");
      if (hosts != null && !hosts.isNull()) {
        operand = "distinct_hosts";
        rTarget = Boolean.toString(hosts.asBoolean());
      }
      String property = text(out, "distinct_property");
      if (!property.isEmpty()) {
        operand = "distinct_property";
        lTarget = property;
      }
    }
    JsonNode weight = out.get(RAW + "weight");
    for (Iterator<Map.Entry<String, JsonNode>> it = out.fields(); it.hasNext(); ) {
      if (it.next().getKey().startsWith(RAW)) {
        it.remove();
      }
    }
    out.put("LTarget", lTarget);
    out.put("RTarget", rTarget);
    out.put("Operand", operand.isEmpty() ? "=" : operand);
    if (affinity && weight != null) {
      out.put("Weight", (byte) weight.asLong());
    }
  }

  private static String text(ObjectNode out, String name) {
    JsonNode n = out.get(RAW + name);
    return n == null || n.isNull() ? "" : n.asText();
  }
}
