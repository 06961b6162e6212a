package io.caravan.hcl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Produces the conformance corpus's "hcl2json/1" structure from a parse, for tree comparison with goldens. */
final class GoldenWalker {
  private static final JsonNodeFactory F = JsonNodeFactory.withExactBigDecimals(true);

  private GoldenWalker() {}

  /** Parses and walks {@code src}, evaluating each attribute with {@code ctx}. */
  static ObjectNode walk(byte[] src, String file, EvalContext ctx) {
    ParseResult pr = Hcl.parse(src, file);
    ObjectNode out = F.objectNode();
    out.put("format", "hcl2json/1");
    out.put("file", file);
    boolean ok = !pr.hasErrors();
    out.put("parse_ok", ok);
    ArrayNode pd = out.putArray("parse_diagnostics");
    for (Diagnostic d : pr.diagnostics()) pd.add(diag(d));
    int[] errs = {0};
    if (ok) {
      out.set("body", body(pr.body(), ctx, errs));
    } else {
      out.putNull("body");
    }
    out.put("eval_error_count", errs[0]);
    return out;
  }

  private static ArrayNode body(Body b, EvalContext ctx, int[] errs) {
    ArrayNode arr = F.arrayNode();
    List<Object> items = new ArrayList<>(b.items());
    items.sort((x, y) -> Integer.compare(start(x), start(y)));
    for (Object it : items) {
      ObjectNode o = arr.addObject();
      if (it instanceof Attribute a) {
        o.put("kind", "attribute");
        o.put("name", a.name());
        o.put("range", a.range().compact());
        o.set("value", value(a, ctx, errs));
      } else {
        Block bl = (Block) it;
        o.put("kind", "block");
        o.put("type", bl.type());
        ArrayNode labels = o.putArray("labels");
        bl.labels().forEach(labels::add);
        o.put("range", bl.range().compact());
        o.set("body", body(bl.body(), ctx, errs));
      }
    }
    return arr;
  }

  private static int start(Object it) {
    return it instanceof Attribute a ? a.range().start().byteOffset() : ((Block) it).range().start().byteOffset();
  }

  private static ObjectNode value(Attribute a, EvalContext ctx, int[] errs) {
    EvalResult r = a.expression().evaluate(ctx);
    ObjectNode o = F.objectNode();
    if (r.hasErrors()) {
      errs[0]++;
      o.put("error", true);
      o.put("source", a.expression().sourceText());
      ArrayNode ds = o.putArray("diagnostics");
      r.diagnostics().forEach(d -> ds.add(diag(d)));
      return o;
    }
    Value v = r.value();
    o.set("type", type(v.type()));
    if (!v.isWhollyKnown()) {
      o.put("unknown", true);
    } else {
      o.set("value", json(v));
    }
    if (!r.diagnostics().isEmpty()) {
      ArrayNode ds = o.putArray("diagnostics");
      r.diagnostics().forEach(d -> ds.add(diag(d)));
    }
    return o;
  }

  static JsonNode type(Type t) {
    if (t instanceof Type.Primitive p) return F.textNode(p.name());
    if (t instanceof Type.Dynamic) return F.textNode("dynamic");
    ArrayNode a = F.arrayNode();
    if (t instanceof Type.ListType l) { a.add("list"); a.add(type(l.element())); }
    else if (t instanceof Type.SetType s) { a.add("set"); a.add(type(s.element())); }
    else if (t instanceof Type.MapType m) { a.add("map"); a.add(type(m.element())); }
    else if (t instanceof Type.TupleType tt) { a.add("tuple"); ArrayNode e = a.addArray(); tt.elements().forEach(x -> e.add(type(x))); }
    else if (t instanceof Type.ObjectType ot) { a.add("object"); ObjectNode e = a.addObject(); ot.attributes().forEach((k, x) -> e.set(k, type(x))); }
    return a;
  }

  static JsonNode json(Value v) {
    if (v.isNull()) return F.nullNode();
    Type t = v.type();
    if (t.equals(Type.STRING)) return F.textNode(v.asString());
    if (t.equals(Type.NUMBER)) return F.numberNode(v.asNumber());
    if (t.equals(Type.BOOL)) return F.booleanNode(v.asBool());
    if (t instanceof Type.MapType || t instanceof Type.ObjectType) {
      ObjectNode o = F.objectNode();
      v.attributes().forEach((k, x) -> o.set(k, json(x)));
      return o;
    }
    ArrayNode a = F.arrayNode();
    v.elements().forEach(x -> a.add(json(x)));
    return a;
  }

  static ObjectNode diag(Diagnostic d) {
    ObjectNode o = F.objectNode();
    o.put("severity", d.severity() == Severity.ERROR ? "error" : "warning");
    o.put("summary", d.summary());
    o.put("detail", d.detail());
    o.set("subject", range(d.subject()));
    o.set("context", range(d.context()));
    return o;
  }

  private static JsonNode range(SourceRange r) {
    if (r == null) return F.nullNode();
    ObjectNode o = F.objectNode();
    o.put("filename", r.filename());
    o.set("start", pos(r.start()));
    o.set("end", pos(r.end()));
    return o;
  }

  private static ObjectNode pos(Pos p) {
    ObjectNode o = F.objectNode();
    o.put("line", p.line());
    o.put("column", p.column());
    o.put("byte", p.byteOffset());
    return o;
  }

  /** Converts a vars.json tree to cty values with ctyjson.ImpliedType semantics. */
  static Value fromJson(JsonNode n) {
    if (n.isNull()) return Value.NULL_DYNAMIC;
    if (n.isTextual()) return Value.string(n.asText());
    if (n.isBoolean()) return Value.bool(n.asBoolean());
    if (n.isNumber()) return Value.number(n.decimalValue());
    if (n.isArray()) {
      List<Value> l = new ArrayList<>();
      n.forEach(x -> l.add(fromJson(x)));
      return Value.tuple(l);
    }
    Map<String, Value> m = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      var e = it.next();
      m.put(e.getKey(), fromJson(e.getValue()));
    }
    return Value.object(m);
  }

  /** Appends human-readable differences between expected and actual trees to {@code out}. */
  static void diff(String path, JsonNode want, JsonNode got, List<String> out) {
    if (out.size() > 20) return;
    if (want == null || got == null) {
      if (want != got) out.add(path + ": want " + want + " got " + got);
      return;
    }
    if (want.isNumber() && got.isNumber()) {
      BigDecimal a = want.decimalValue(), b = got.decimalValue();
      if (a.compareTo(b) != 0) out.add(path + ": want " + a.toPlainString() + " got " + b.toPlainString());
      return;
    }
    if (want.isObject() && got.isObject()) {
      List<String> keys = new ArrayList<>();
      want.fieldNames().forEachRemaining(keys::add);
      got.fieldNames().forEachRemaining(k -> { if (!keys.contains(k)) keys.add(k); });
      for (String k : keys) {
        if (k.equals("engine")) continue;
        diff(path + "." + k, want.get(k), got.get(k), out);
      }
      return;
    }
    if (want.isArray() && got.isArray()) {
      if (want.size() != got.size()) {
        out.add(path + ": want " + want.size() + " elements got " + got.size() + "; want " + abbreviate(want) + " got " + abbreviate(got));
        return;
      }
      for (int i = 0; i < want.size(); i++) diff(path + "[" + i + "]", want.get(i), got.get(i), out);
      return;
    }
    if (!want.equals(got)) out.add(path + ": want " + abbreviate(want) + " got " + abbreviate(got));
  }

  private static String abbreviate(JsonNode n) {
    String s = n.toString();
    return s.length() > 400 ? s.substring(0, 400) + "..." : s;
  }
}
