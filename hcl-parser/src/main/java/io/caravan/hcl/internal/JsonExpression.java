package io.caravan.hcl.internal;

import com.google.common.collect.ImmutableList;
import io.caravan.hcl.ConversionException;
import io.caravan.hcl.Convert;
import io.caravan.hcl.Diagnostic;
import io.caravan.hcl.EvalContext;
import io.caravan.hcl.EvalResult;
import io.caravan.hcl.Expression;
import io.caravan.hcl.Pos;
import io.caravan.hcl.SourceRange;
import io.caravan.hcl.Traversal;
import io.caravan.hcl.Type;
import io.caravan.hcl.Value;
import io.caravan.hcl.internal.JsonSyntax.JArr;
import io.caravan.hcl.internal.JsonSyntax.JBool;
import io.caravan.hcl.internal.JsonSyntax.JNode;
import io.caravan.hcl.internal.JsonSyntax.JNull;
import io.caravan.hcl.internal.JsonSyntax.JNum;
import io.caravan.hcl.internal.JsonSyntax.JObj;
import io.caravan.hcl.internal.JsonSyntax.JProp;
import io.caravan.hcl.internal.JsonSyntax.JStr;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An attribute value in HCL's JSON syntax, evaluated in hcl's "expression mode": a string is a
 * template (its {@code ${}} and {@code %{}} sequences are evaluated; with no context it is the
 * literal string), an array a tuple, an object an object whose keys are templates too, and
 * numbers, booleans and null themselves.
 */
final class JsonExpression implements Expression {
  private final JsonSyntax.Doc doc;
  private final JNode node;

  JsonExpression(JsonSyntax.Doc doc, JNode node) {
    this.doc = doc;
    this.node = node;
  }

  @Override
  public EvalResult evaluate(EvalContext ctx) {
    List<Diagnostic> d = new ArrayList<>();
    Value v = value(node, ctx, d);
    return new EvalResult(v, ImmutableList.copyOf(d));
  }

  @Override
  public SourceRange range() {
    return doc.range(node.start(), node.end());
  }

  @Override
  public ImmutableList<Traversal> variables() {
    List<Traversal> out = new ArrayList<>();
    collect(node, out);
    return ImmutableList.copyOf(out);
  }

  @Override
  public String sourceText() {
    return new String(doc.src, node.start(), node.end() - node.start(), StandardCharsets.UTF_8);
  }

  /** A JSON string's content (hcl reads keywords and type expressions from it); otherwise the source text. */
  @Override
  public String keywordText() {
    return node instanceof JStr s ? s.value() : sourceText();
  }

  private Value value(JNode n, EvalContext ctx, List<Diagnostic> d) {
    if (n instanceof JStr s) {
      return string(s, s.value(), ctx, d);
    }
    if (n instanceof JNum num) {
      return Value.number(num.value());
    }
    if (n instanceof JBool bool) {
      return Value.bool(bool.value());
    }
    if (n instanceof JNull) {
      return Value.NULL_DYNAMIC;
    }
    if (n instanceof JArr arr) {
      List<Value> values = new ArrayList<>(arr.values().size());
      for (JNode e : arr.values()) {
        values.add(value(e, ctx, d));
      }
      return Value.tuple(values);
    }
    JObj obj = (JObj) n;
    Map<String, Value> attrs = new LinkedHashMap<>();
    Map<String, SourceRange> defined = new LinkedHashMap<>();
    boolean known = true;
    for (JProp prop : obj.props()) {
      SourceRange nameRange = doc.range(prop.name().start(), prop.name().end());
      Value name = string(prop.name(), prop.name().value(), ctx, d);
      Value val = value(prop.value(), ctx, d);
      try {
        name = Convert.to(name, Type.STRING);
      } catch (ConversionException e) {
        d.add(Diagnostic.error("Invalid object key expression", "Cannot use this expression as an object key: "
            + e.getMessage() + ".", nameRange));
        continue;
      }
      if (name.isNull()) {
        d.add(Diagnostic.error("Invalid object key expression", "Cannot use null value as an object key.", nameRange));
        continue;
      }
      if (name.isUnknown()) {
        known = false;
        continue;
      }
      String key = name.asString();
      SourceRange previous = defined.get(key);
      if (previous != null) {
        d.add(Diagnostic.error("Duplicate object attribute", "An attribute named \"" + key + "\" was already defined at "
            + previous + ".", nameRange));
        continue;
      }
      attrs.put(key, val);
      defined.put(key, nameRange);
    }
    return known ? Value.object(attrs) : Value.UNKNOWN_DYNAMIC;
  }

  /** A string in expression mode: its text parsed as a template and evaluated, or the text itself without a context. */
  private Value string(JStr s, String text, EvalContext ctx, List<Diagnostic> d) {
    if (ctx == null || isPlainText(text)) {
      return Value.string(text);
    }
    Parser.Template t = template(s, text);
    d.addAll(t.diagnostics());
    if (t.expression() == null || t.diagnostics().stream().anyMatch(Diagnostic::isError)) {
      return Value.UNKNOWN_DYNAMIC;
    }
    EvalResult r = t.expression().evaluate(ctx);
    d.addAll(r.diagnostics());
    return r.value();
  }

  private Parser.Template template(JStr s, String text) {
    Pos at = doc.range(s.start(), s.start()).start();
    // as hcl: the template's positions start just after the opening quote
    return Parser.parseTemplate(text.getBytes(StandardCharsets.UTF_8), doc.file, doc.src, at.line(), at.column() + 1,
        at.byteOffset() + 1);
  }

  /**
   * True when the template of {@code text} is {@code text} itself: no dollar-brace or percent-brace
   * sequence (nor their escapes) and nothing NFC normalization would change.
   */
  private static boolean isPlainText(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x300 || ((c == '$' || c == '%') && i + 1 < text.length() && text.charAt(i + 1) == '{')) {
        return false;
      }
    }
    return true;
  }

  private void collect(JNode n, List<Traversal> out) {
    if (n instanceof JStr s) {
      collectString(s, s.value(), out);
    } else if (n instanceof JArr arr) {
      arr.values().forEach(e -> collect(e, out));
    } else if (n instanceof JObj obj) {
      for (JProp prop : obj.props()) {
        collectString(prop.name(), prop.name().value(), out);
        collect(prop.value(), out);
      }
    }
  }

  private void collectString(JStr s, String text, List<Traversal> out) {
    if (isPlainText(text)) {
      return;
    }
    Parser.Template t = template(s, text);
    if (t.expression() != null) {
      out.addAll(t.expression().variables());
    }
  }
}
