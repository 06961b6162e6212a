package io.caravan.jobspec.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caravan.hcl.Attribute;
import io.caravan.hcl.Block;
import io.caravan.hcl.Body;
import io.caravan.hcl.Diagnostic;
import io.caravan.hcl.EvalContext;
import io.caravan.hcl.EvalResult;
import java.util.List;

/**
 * Bodies with arbitrary keys: {@code meta}/{@code env}-like blocks become string maps, check
 * {@code header} blocks maps of string lists, and driver {@code config} free-form JSON where nested
 * blocks become lists of objects (jobspec2's BlocksAsAttrs).
 */
final class FreeFormBodies {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private FreeFormBodies() {}

  /** Decodes {@code body} for the free-form schema {@code kind}. */
  static JsonNode decode(Body body, String kind, EvalContext scope, List<Diagnostic> diags) {
    ObjectNode out = JSON.objectNode();
    for (Attribute a : body.attributes()) {
      EvalResult r = a.expression().evaluate(scope);
      diags.addAll(r.diagnostics());
      if (r.hasErrors()) {
        continue;
      }
      JsonNode value = switch (kind) {
        case "config" -> wrapMaps(ValueConversions.any(r.value()));
        case "check_header" -> ValueConversions.toJson(r.value(), ValueKind.STRING_LIST, a, diags);
        default -> ValueConversions.toJson(r.value(), ValueKind.STRING, a, diags);
      };
      if (value != null) {
        out.set(a.name(), value);
      }
    }
    for (Block b : body.blocks()) {
      if (!kind.equals("config")) {
        diags.add(Diagnostic.error("Unexpected \"" + b.type() + "\" block", "Blocks are not allowed here.", b.typeRange()));
        continue;
      }
      JsonNode existing = out.get(b.type());
      ArrayNode list = existing instanceof ArrayNode arr ? arr : out.putArray(b.type());
      JsonNode value = decode(b.body(), "config", scope, diags);
      for (int i = b.labels().size() - 1; i >= 0; i--) {
        ObjectNode wrapper = JSON.objectNode();
        wrapper.putArray(b.labels().get(i)).add(value);
        value = wrapper;
      }
      list.add(value);
    }
    return out;
  }

  /** HCL1 compatibility: a map-valued attribute in a config body becomes a one-element list of maps. */
  private static JsonNode wrapMaps(JsonNode value) {
    if (value instanceof ObjectNode obj) {
      ObjectNode copy = JSON.objectNode();
      obj.fields().forEachRemaining(e -> copy.set(e.getKey(), wrapMaps(e.getValue())));
      ArrayNode list = JSON.arrayNode();
      list.add(copy);
      return list;
    }
    return value;
  }
}
