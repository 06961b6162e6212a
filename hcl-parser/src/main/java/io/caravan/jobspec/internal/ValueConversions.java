package io.caravan.jobspec.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caravan.hcl.Attribute;
import io.caravan.hcl.ConversionException;
import io.caravan.hcl.Convert;
import io.caravan.hcl.Diagnostic;
import io.caravan.hcl.SourceRange;
import io.caravan.hcl.Type;
import io.caravan.hcl.Value;
import io.caravan.hcl.functions.GoDurations;
import java.math.BigDecimal;
import java.util.List;

/** Converts evaluated HCL values into API JSON per {@link ValueKind}, with gohcl's error texts. */
final class ValueConversions {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private ValueConversions() {}

  /** The JSON for {@code v}, or null (after adding a diagnostic) when it does not fit; null values give null. */
  static JsonNode toJson(Value v, ValueKind kind, Attribute a, List<Diagnostic> diags) {
    SourceRange where = StartRanges.of(a.expression());
    if (v.isUnknown() || !v.isWhollyKnown()) {
      diags.add(Diagnostic.error("Unsuitable value type", "Unsuitable value: value must be known", where));
      return null;
    }
    if (v.isNull()) {
      return null;
    }
    try {
      return switch (kind) {
        case STRING -> JSON.textNode(Convert.to(v, Type.STRING).asString());
        case BOOL -> JSON.booleanNode(Convert.to(v, Type.BOOL).asBool());
        case INT -> JSON.numberNode(whole(Convert.to(v, Type.NUMBER).asNumber()));
        case FLOAT -> JSON.numberNode(Convert.to(v, Type.NUMBER).asNumber());
        case DURATION -> duration(v, where, diags);
        case STRING_LIST -> {
          ArrayNode arr = JSON.arrayNode();
          for (Value e : Convert.to(v, new Type.ListType(Type.STRING)).elements()) {
            arr.add(e.isNull() ? null : e.asString());
          }
          yield arr;
        }
        case INT_LIST -> {
          ArrayNode arr = JSON.arrayNode();
          for (Value e : Convert.to(v, new Type.ListType(Type.NUMBER)).elements()) {
            arr.add(whole(e.asNumber()));
          }
          yield arr;
        }
        case STRING_MAP -> {
          ObjectNode obj = JSON.objectNode();
          for (var e : Convert.to(v, new Type.MapType(Type.STRING)).attributes().entrySet()) {
            obj.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asString());
          }
          yield obj;
        }
        case STRING_LIST_MAP -> {
          ObjectNode obj = JSON.objectNode();
          for (var e : Convert.to(v, new Type.MapType(new Type.ListType(Type.STRING))).attributes().entrySet()) {
            ArrayNode arr = obj.putArray(e.getKey());
            for (Value s : e.getValue().elements()) {
              arr.add(s.asString());
            }
          }
          yield obj;
        }
        case ANY -> any(v);
      };
    } catch (ConversionException | ArithmeticException e) {
      String msg = e instanceof ArithmeticException ? "a whole number is required" : e.getMessage();
      diags.add(Diagnostic.error("Unsuitable value type", "Unsuitable value: " + msg, where));
      return null;
    }
  }

  private static long whole(BigDecimal n) {
    return n.longValueExact();
  }

  private static JsonNode duration(Value v, SourceRange where, List<Diagnostic> diags) throws ConversionException {
    if (v.type().equals(Type.STRING)) {
      try {
        return JSON.numberNode(GoDurations.parse(v.asString()));
      } catch (IllegalArgumentException e) {
        diags.add(Diagnostic.error("Unsuitable value type", "Unsuitable duration value: " + e.getMessage(), where));
        return null;
      }
    }
    if (!v.type().equals(Type.NUMBER)) {
      diags.add(Diagnostic.error("Unsuitable value type", "Unsuitable value: expected a string but found "
          + v.type().friendlyName(), where));
      return null;
    }
    return JSON.numberNode(whole(v.asNumber()));
  }

  /** Free-form JSON of a value (Go's map[string]interface{} decoding): whole numbers stay integral. */
  static JsonNode any(Value v) {
    if (v.isNull()) {
      return JSON.nullNode();
    }
    Type t = v.type();
    if (t.equals(Type.STRING)) {
      return JSON.textNode(v.asString());
    }
    if (t.equals(Type.BOOL)) {
      return JSON.booleanNode(v.asBool());
    }
    if (t.equals(Type.NUMBER)) {
      BigDecimal n = v.asNumber().stripTrailingZeros();
      if (n.scale() <= 0) {
        try {
          return JSON.numberNode(n.longValueExact());
        } catch (ArithmeticException e) {
          return JSON.numberNode(n);
        }
      }
      return JSON.numberNode(n.doubleValue());
    }
    if (t instanceof Type.MapType || t instanceof Type.ObjectType) {
      ObjectNode obj = JSON.objectNode();
      v.attributes().forEach((k, e) -> obj.set(k, any(e)));
      return obj;
    }
    ArrayNode arr = JSON.arrayNode();
    v.elements().forEach(e -> arr.add(any(e)));
    return arr;
  }
}
