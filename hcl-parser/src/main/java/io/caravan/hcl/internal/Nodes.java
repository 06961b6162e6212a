package io.caravan.hcl.internal;

import com.google.common.collect.ImmutableList;
import io.caravan.hcl.ConversionException;
import io.caravan.hcl.Convert;
import io.caravan.hcl.Diagnostic;
import io.caravan.hcl.EvalContext;
import io.caravan.hcl.Function;
import io.caravan.hcl.FunctionException;
import io.caravan.hcl.Numbers;
import io.caravan.hcl.Parameter;
import io.caravan.hcl.SourceRange;
import io.caravan.hcl.Traversal;
import io.caravan.hcl.Type;
import io.caravan.hcl.Value;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The expression node kinds of HCL native syntax and their evaluation with cty semantics. */
final class Nodes {
  private Nodes() {}

  static final Value ERR = Value.UNKNOWN_DYNAMIC;
  private static final Value EMPTY_STRING = Value.string("");

  static boolean failed(List<Diagnostic> d, int mark) {
    for (int i = mark; i < d.size(); i++) if (d.get(i).isError()) return true;
    return false;
  }

  /** A literal value. */
  static final class Literal extends Node {
    final Value value;
    Literal(Value v, SourceRange r, Source s) { super(r, s); value = v; }
    Literal(Value v, int start, int end, Source s) { super(start, end, s); value = v; }
    Value eval(EvalContext ctx, List<Diagnostic> d) { return value; }
    void collectTraversals(List<Traversal> out) {}
  }

  /** A variable traversal like a.b[0]. */
  static final class ScopeTraversal extends Node {
    final Traversal traversal;
    final SourceRange rootRange;
    ScopeTraversal(Traversal t, SourceRange rootRange, Source s) { super(t.range(), s); traversal = t; this.rootRange = rootRange; }
    void collectTraversals(List<Traversal> out) { out.add(traversal); }
    Value eval(EvalContext ctx, List<Diagnostic> d) {
      Value v = ctx == null ? null : ctx.lookup(traversal.rootName());
      if (v == null) {
        if (ctx != null && ctx.undefinedVariable() != null) {
          Value h = ctx.undefinedVariable().onUndefined(traversal);
          if (h != null) return h;
        }
        if (ctx == null) {
          d.add(Diagnostic.error("Variables not allowed", "Variables may not be used here.", rootRange));
        } else {
          d.add(Diagnostic.error("Unknown variable", "There is no variable named \"" + traversal.rootName() + "\".", rootRange));
        }
        return ERR;
      }
      for (Traversal.Step st : traversal.steps()) {
        if (st instanceof Traversal.GetAttr ga) v = Ops.getAttr(v, ga.name(), st.range(), null, d);
        else v = Ops.index(v, ((Traversal.Index) st).key(), st.range(), null, d);
        if (v == ERR) return ERR;
      }
      return v;
    }
  }

  /** A relative traversal on any expression: .name. */
  static final class GetAttrNode extends Node {
    final Node source; final String name; final SourceRange nameRange;
    GetAttrNode(Node source, String name, SourceRange nameRange, SourceRange r, Source s) { super(r, s); this.source = source; this.name = name; this.nameRange = nameRange; }
    SourceRange startRange() { return source.startRange(); }
    void collectTraversals(List<Traversal> out) { source.collectTraversals(out); }
    Value eval(EvalContext ctx, List<Diagnostic> d) {
      int m = d.size();
      Value v = source.eval(ctx, d);
      if (failed(d, m)) return ERR;
      return Ops.getAttr(v, name, nameRange, null, d);
    }
  }

  /** An index operation src[key]. */
  static final class IndexNode extends Node {
    final Node source; final Node key; final SourceRange bracketRange;
    IndexNode(Node source, Node key, SourceRange bracketRange, SourceRange r, Source s) { super(r, s); this.source = source; this.key = key; this.bracketRange = bracketRange; }
    SourceRange startRange() { return source.startRange(); }
    void collectTraversals(List<Traversal> out) { source.collectTraversals(out); key.collectTraversals(out); }
    Value eval(EvalContext ctx, List<Diagnostic> d) {
      int m = d.size();
      Value v = source.eval(ctx, d);
      Value k = key.eval(ctx, d);
      if (failed(d, m)) return ERR;
      return Ops.index(v, k, bracketRange, null, d);
    }
  }

  /** A splat: source.*.x or source[*].x; each is evaluated against the anonymous symbol. */
  static final class Splat extends Node {
    final Node source; final Node each; final AnonSymbol item;
    Splat(Node source, Node each, AnonSymbol item, SourceRange r, Source s) { super(r, s); this.source = source; this.each = each; this.item = item; }
    SourceRange startRange() { return source.startRange(); }
    void collectTraversals(List<Traversal> out) { source.collectTraversals(out); }
    Value eval(EvalContext ctx, List<Diagnostic> d) {
      int m = d.size();
      Value v = source.eval(ctx, d);
      if (failed(d, m)) return ERR;
      if (v.isNull()) return Value.EMPTY_TUPLE;
      if (v.isUnknown()) return Value.UNKNOWN_DYNAMIC;
      boolean auto = false;
      List<Value> elems;
      Type t = v.type();
      if (t instanceof Type.ListType || t instanceof Type.SetType || t instanceof Type.TupleType) elems = v.elements();
      else { elems = List.of(v); auto = true; }
      List<Value> out = new ArrayList<>();
      for (Value e : elems) {
        item.current = e;
        Value r = each.eval(ctx, d);
        out.add(r);
      }
      item.current = null;
      if (failed(d, m)) return ERR;
      if (auto) return Value.tuple(out);
      if (t instanceof Type.ListType) {
        Type et = Convert.unify(out.stream().map(Value::type).toList());
        if (out.isEmpty()) return Value.list(Type.DYNAMIC, out);
        try { return Value.list(et, Convert.convertAll(out, et)); } catch (ConversionException e) { return Value.tuple(out); }
      }
      return Value.tuple(out);
    }
  }

  /** The anonymous symbol a splat's "each" expression starts from. */
  static final class AnonSymbol extends Node {
    Value current;
    AnonSymbol(SourceRange r, Source s) { super(r, s); }
    void collectTraversals(List<Traversal> out) {}
    Value eval(EvalContext ctx, List<Diagnostic> d) { return current == null ? ERR : current; }
  }

  /** Parenthesised expression. */
  static final class Parens extends Node {
    final Node inner;
    Parens(Node inner, SourceRange r, Source s) { super(r, s); this.inner = inner; }
    void collectTraversals(List<Traversal> out) { inner.collectTraversals(out); }
    Value eval(EvalContext ctx, List<Diagnostic> d) { return inner.eval(ctx, d); }
  }

  /** A tuple constructor. */
  static final class TupleCons extends Node {
    final List<Node> elems;
    TupleCons(List<Node> elems, SourceRange r, Source s) { super(r, s); this.elems = List.copyOf(elems); }
    TupleCons(List<Node> elems, int start, int end, Source s) { super(start, end, s); this.elems = elems instanceof ImmutableList<Node> l ? l : List.copyOf(elems); }
    SourceRange startRange() { return new SourceRange(range().filename(), range().start(), new io.caravan.hcl.Pos(range().start().line(), range().start().column() + 1, range().start().byteOffset() + 1)); }
    void collectTraversals(List<Traversal> out) { for (Node n : elems) n.collectTraversals(out); }
    Value eval(EvalContext ctx, List<Diagnostic> d) {
      int m = d.size();
      ImmutableList.Builder<Value> vs = ImmutableList.builderWithExpectedSize(elems.size());
      for (int i = 0; i < elems.size(); i++) vs.add(elems.get(i).eval(ctx, d));
      if (failed(d, m)) return ERR;
      return Value.tuple(vs.build()); // an ImmutableList: Value.tuple keeps it without a copy
    }
  }

  /** An object constructor. Keys that are bare identifiers are held as literal strings. */
  static final class ObjectCons extends Node {
    final List<Node> keys; final List<Node> values;
    ObjectCons(List<Node> keys, List<Node> values, SourceRange r, Source s) { super(r, s); this.keys = List.copyOf(keys); this.values = List.copyOf(values); }
    SourceRange startRange() { return new SourceRange(range().filename(), range().start(), new io.caravan.hcl.Pos(range().start().line(), range().start().column() + 1, range().start().byteOffset() + 1)); }
    void collectTraversals(List<Traversal> out) { for (int i = 0; i < keys.size(); i++) { keys.get(i).collectTraversals(out); values.get(i).collectTraversals(out); } }
    Value eval(EvalContext ctx, List<Diagnostic> d) {
      int m = d.size();
      Map<String, Value> attrs = new LinkedHashMap<>();
      for (int i = 0; i < keys.size(); i++) {
        int km = d.size();
        Value k = keys.get(i).eval(ctx, d);
        Value v = values.get(i).eval(ctx, d);
        if (failed(d, km)) continue;
        if (k.isNull()) {
          d.add(Diagnostic.error("Null value as key", "Can't use a null value as a key.", keys.get(i).range(), range()));
          continue;
        }
        Value ks;
        try { ks = Convert.to(k, Type.STRING); } catch (ConversionException e) {
          d.add(Diagnostic.error("Incorrect key type", "Can't use this value as a key: " + e.getMessage() + ".", keys.get(i).range(), range()));
          continue;
        }
        if (ks.isUnknown()) return Value.UNKNOWN_DYNAMIC;
        attrs.remove(ks.asString());
        attrs.put(ks.asString(), v);
      }
      if (failed(d, m)) return ERR;
      return Value.object(attrs);
    }
  }

  /** A bare identifier used as an object key (also usable as a traversal when parenthesised by the user). */
  static final class ObjectKey extends Node {
    final Node wrapped; final boolean forceString;
    ObjectKey(Node wrapped, boolean forceString, Source s) { super(wrapped.range(), s); this.wrapped = wrapped; this.forceString = forceString; }
    void collectTraversals(List<Traversal> out) { if (!forceString) wrapped.collectTraversals(out); }
    Value eval(EvalContext ctx, List<Diagnostic> d) {
      if (forceString && wrapped instanceof ScopeTraversal st) return Value.string(st.traversal.rootName());
      return wrapped.eval(ctx, d);
    }
  }

  /** A function call. */
  static final class Call extends Node {
    final String name; final SourceRange nameRange; final List<Node> args; final boolean expandFinal; final SourceRange openParen;
    Call(String name, SourceRange nameRange, List<Node> args, boolean expandFinal, SourceRange openParen, SourceRange r, Source s) {
      super(r, s); this.name = name; this.nameRange = nameRange; this.args = List.copyOf(args); this.expandFinal = expandFinal; this.openParen = openParen;
    }
    SourceRange startRange() { return SourceRange.between(nameRange, openParen); }
    void collectTraversals(List<Traversal> out) { for (Node n : args) n.collectTraversals(out); }
    Value eval(EvalContext ctx, List<Diagnostic> d) {
      Function f = ctx == null ? null : ctx.functions().get(name);
      if (f == null && ctx != null && !ctx.functions().functions().isEmpty() && EvaluatorFunctions.handles(name)) {
        return EvaluatorFunctions.call(this, ctx, d);
      }
      if (f == null) {
        if (ctx == null || ctx.functions().functions().isEmpty()) {
          d.add(Diagnostic.error("Function calls not allowed", "Functions may not be called here.", range()));
        } else {
          d.add(Diagnostic.error("Call to unknown function", "There is no function named \"" + name + "\".", nameRange, range()));
        }
        return ERR;
      }
      int m = d.size();
      List<Value> vals = new ArrayList<>();
      List<Node> argNodes = new ArrayList<>();
      for (int i = 0; i < args.size(); i++) {
        Value v = args.get(i).eval(ctx, d);
        if (expandFinal && i == args.size() - 1) {
          if (failed(d, m)) break;
          Type t = v.type();
          if (v.isNull()) {
            d.add(Diagnostic.error("Invalid expanding argument value", "The expanding argument (indicated by ...) must not be null.", args.get(i).range(), range()));
            return ERR;
          }
          if (t instanceof Type.ListType || t instanceof Type.SetType || t instanceof Type.TupleType) {
            for (Value e : v.elements()) { vals.add(e); argNodes.add(args.get(i)); }
          } else {
            d.add(Diagnostic.error("Invalid expanding argument value", "The expanding argument (indicated by ...) must be of a tuple, list, or set type.", args.get(i).range(), range()));
            return ERR;
          }
        } else {
          vals.add(v);
          argNodes.add(args.get(i));
        }
      }
      List<Parameter> params = f.params();
      Parameter vp = f.varParam();
      if (vals.size() < params.size()) {
        SourceRange close = new SourceRange(range().filename(), new io.caravan.hcl.Pos(range().end().line(), range().end().column() - 1, range().end().byteOffset() - 1), range().end());
        d.add(Diagnostic.error("Not enough function arguments", "Function \"" + name + "\" expects " + params.size() + " argument(s). Missing value for \"" + params.get(vals.size()).name() + "\".", close, range()));
        return ERR;
      }
      if (vp == null && vals.size() > params.size()) {
        d.add(Diagnostic.error("Too many function arguments", "Function \"" + name + "\" expects only " + params.size() + " argument(s).", argNodes.get(params.size()).startRange(), range()));
        return ERR;
      }
      if (failed(d, m)) return ERR;
      List<Value> conv = new ArrayList<>();
      for (int i = 0; i < vals.size(); i++) {
        Parameter p = i < params.size() ? params.get(i) : vp;
        Value v = vals.get(i);
        if (v.isNull() && !p.allowNull()) {
          d.add(Diagnostic.error("Invalid function argument", "Invalid value for \"" + p.name() + "\" parameter: argument must not be null.", argNodes.get(i).startRange(), range()));
          return ERR;
        }
        try {
          conv.add(Convert.to(v, p.type()));
        } catch (ConversionException e) {
          d.add(Diagnostic.error("Invalid function argument", "Invalid value for \"" + p.name() + "\" parameter: " + e.getMessage() + ".", argNodes.get(i).startRange(), range()));
          return ERR;
        }
      }
      try {
        Type rt = f.returnType(conv);
        Value r = f.call(conv);
        return rt instanceof Type.Dynamic ? r : Convert.to(r, rt);
      } catch (FunctionException e) {
        if (e.argIndex() >= 0 && e.argIndex() < conv.size()) {
          Parameter p = e.argIndex() < params.size() ? params.get(e.argIndex()) : vp;
          d.add(Diagnostic.error("Invalid function argument", "Invalid value for \"" + p.name() + "\" parameter: " + e.getMessage() + ".", argNodes.get(e.argIndex()).startRange(), range()));
        } else {
          d.add(Diagnostic.error("Error in function call", "Call to function \"" + name + "\" failed: " + e.getMessage() + ".", startRange(), range()));
        }
        return ERR;
      } catch (ConversionException e) {
        d.add(Diagnostic.error("Error in function call", "Call to function \"" + name + "\" failed: " + e.getMessage() + ".", startRange(), range()));
        return ERR;
      }
    }
  }

  /** cond ? a : b. */
  static final class Conditional extends Node {
    final Node cond, t, f;
    Conditional(Node c, Node t, Node f, SourceRange r, Source s) { super(r, s); cond = c; this.t = t; this.f = f; }
    SourceRange startRange() { return cond.startRange(); }
    void collectTraversals(List<Traversal> out) { cond.collectTraversals(out); t.collectTraversals(out); f.collectTraversals(out); }
    Value eval(EvalContext ctx, List<Diagnostic> d) {
      int m = d.size();
      Value c = cond.eval(ctx, d);
      Value tv = t.eval(ctx, d);
      Value fv = f.eval(ctx, d);
      if (failed(d, m)) return ERR;
      Type rt = tv.isNull() && tv.type() instanceof Type.Dynamic ? fv.type()
          : fv.isNull() && fv.type() instanceof Type.Dynamic ? tv.type() : Convert.unify(List.of(tv.type(), fv.type()));
      if (rt == null) {
        d.add(Diagnostic.error("Inconsistent conditional result types", "The true and false result expressions must have consistent types. The 'true' value is " + tv.type().friendlyName() + ", but the 'false' value is " + fv.type().friendlyName() + ".", SourceRange.between(t.range(), f.range()), range()));
        return ERR;
      }
      if (c.isNull()) {
        d.add(Diagnostic.error("Null condition", "The condition value is null. Conditions must either be true or false.", cond.range(), range()));
        return ERR;
      }
      Value cb;
      try { cb = Convert.to(c, Type.BOOL); } catch (ConversionException e) {
        d.add(Diagnostic.error("Incorrect condition type", "The condition expression must be of type bool.", cond.range(), range()));
        return ERR;
      }
      if (cb.isUnknown()) return Value.unknown(rt);
      Value r = cb.asBool() ? tv : fv;
      try { return Convert.to(r, rt); } catch (ConversionException e) { return r; }
    }
  }

  /** Unary ! or -. */
  static final class Unary extends Node {
    final char op; final Node operand;
    Unary(char op, Node operand, SourceRange r, Source s) { super(r, s); this.op = op; this.operand = operand; }
    void collectTraversals(List<Traversal> out) { operand.collectTraversals(out); }
    Value eval(EvalContext ctx, List<Diagnostic> d) {
      int m = d.size();
      Value v = operand.eval(ctx, d);
      if (failed(d, m)) return ERR;
      Type want = op == '!' ? Type.BOOL : Type.NUMBER;
      Value cv;
      try { cv = Convert.to(v, want); } catch (ConversionException e) {
        d.add(Diagnostic.error("Invalid operand", "Unsuitable value for unary operand: " + e.getMessage() + ".", operand.range(), range()));
        return ERR;
      }
      if (cv.isNull()) {
        d.add(Diagnostic.error("Invalid operand", "Unsuitable value for unary operand: argument must not be null.", operand.range(), range()));
        return ERR;
      }
      if (cv.isUnknown()) return Value.unknown(want);
      return op == '!' ? Value.bool(!cv.asBool()) : Value.number(cv.asNumber().negate());
    }
  }

  /** A binary operation. */
  static final class Binary extends Node {
    final String op; final Node lhs, rhs;
    Binary(String op, Node l, Node r, SourceRange rr, Source s) { super(rr, s); this.op = op; lhs = l; rhs = r; }
    SourceRange startRange() { return lhs.startRange(); }
    void collectTraversals(List<Traversal> out) { lhs.collectTraversals(out); rhs.collectTraversals(out); }
    Value eval(EvalContext ctx, List<Diagnostic> d) {
      int m = d.size();
      Value l = lhs.eval(ctx, d);
      Value r = rhs.eval(ctx, d);
      if (failed(d, m)) return ERR;
      if (op.equals("==") || op.equals("!=")) {
        Value eq = Ops.equal(l, r);
        if (eq.isUnknown()) return eq;
        return op.equals("==") ? eq : Value.bool(!eq.asBool());
      }
      Type pt = op.equals("&&") || op.equals("||") ? Type.BOOL : Type.NUMBER;
      Value lc = convertOperand(l, pt, lhs, "left", d);
      Value rc = convertOperand(r, pt, rhs, "right", d);
      if (lc == null || rc == null) return ERR;
      if (lc.isUnknown() || rc.isUnknown()) return Value.unknown(pt.equals(Type.BOOL) || isCompare() ? Type.BOOL : Type.NUMBER);
      switch (op) {
        case "&&": return Value.bool(lc.asBool() && rc.asBool());
        case "||": return Value.bool(lc.asBool() || rc.asBool());
        case "<": return Value.bool(lc.asNumber().compareTo(rc.asNumber()) < 0);
        case ">": return Value.bool(lc.asNumber().compareTo(rc.asNumber()) > 0);
        case "<=": return Value.bool(lc.asNumber().compareTo(rc.asNumber()) <= 0);
        case ">=": return Value.bool(lc.asNumber().compareTo(rc.asNumber()) >= 0);
        default:
      }
      BigDecimal a = lc.asNumber(), b = rc.asNumber();
      switch (op) {
        case "+": return Value.number(Numbers.roundToFloat(a.add(b)));
        case "-": return Value.number(Numbers.roundToFloat(a.subtract(b)));
        case "*": return Value.number(Numbers.roundToFloat(a.multiply(b)));
        case "/":
          if (b.signum() == 0) {
            d.add(Diagnostic.error("Operation failed", "Error during operation: can't divide by zero.", range(), range()));
            return ERR;
          }
          return Value.number(Numbers.roundToFloat(a.divide(b, new MathContext(400, RoundingMode.HALF_EVEN))));
        case "%":
          if (b.signum() == 0) {
            d.add(Diagnostic.error("Operation failed", "Error during operation: can't use modulo by zero.", range(), range()));
            return ERR;
          }
          return Value.number(Numbers.roundToFloat(a.remainder(b)));
        default:
          return ERR;
      }
    }

    private boolean isCompare() { return op.startsWith("<") || op.startsWith(">"); }

    private Value convertOperand(Value v, Type t, Node n, String side, List<Diagnostic> d) {
      if (v.isNull()) {
        d.add(Diagnostic.error("Operation failed", "Error during operation: argument must not be null.", range(), null));
        return null;
      }
      try { return Convert.to(v, t); } catch (ConversionException e) {
        d.add(Diagnostic.error("Invalid operand", "Unsuitable value for " + side + " operand: " + e.getMessage() + ".", n.range(), range()));
        return null;
      }
    }
  }

  /**
   * A template: concatenation of literal and interpolated parts. A quoted string that is one
   * literal (most strings in a jobspec) keeps just its value and makes its part, the literal
   * between the quotes, when asked: one object instead of three in a large tree.
   */
  static final class Template extends Node {
    /** The parts, or null for a quoted literal. */
    private final List<Node> parts;
    /** The quoted literal's string value, or null. */
    private final Value quoted;
    Template(List<Node> parts, SourceRange r, Source s) { super(r, s); this.parts = List.copyOf(parts); this.quoted = null; } // trimmed: ASTs hold many
    Template(List<Node> parts, int start, int end, Source s) { super(start, end, s); this.parts = List.copyOf(parts); this.quoted = null; }
    /** The quoted string {@code [start, end)} whose content {@code [start + 1, end - 1)} is one literal of NFC {@code value}. */
    Template(Value value, int start, int end, Source s) { super(start, end, s); this.parts = null; this.quoted = value; }
    /** The string value when this is a quoted literal kept as one node, else null. */
    Value quotedValue() { return quoted; }
    /** The parts, in order. */
    List<Node> parts() { return parts != null ? parts : List.of(new Literal(quoted, startByte() + 1, endByte() - 1, src)); }
    SourceRange startRange() { return parts == null ? parts().get(0).startRange() : parts.isEmpty() ? range() : parts.get(0).startRange(); }
    void collectTraversals(List<Traversal> out) { if (parts != null) for (Node n : parts) n.collectTraversals(out); }
    Value eval(EvalContext ctx, List<Diagnostic> d) {
      if (parts == null) return quoted;
      if (parts.size() == 1 && parts.get(0) instanceof Literal l && Type.STRING.equals(l.value.type())
          && !l.value.isUnknown() && !l.value.isNull()) {
        return l.value; // the parser's literal strings are NFC already: the loop below would copy it unchanged
      }
      if (parts.isEmpty()) return EMPTY_STRING;
      int m = d.size();
      StringBuilder b = new StringBuilder();
      boolean unknown = false;
      for (Node p : parts) {
        int pm = d.size();
        Value v = p.eval(ctx, d);
        if (failed(d, pm)) continue;
        if (v.isNull()) {
          d.add(Diagnostic.error("Invalid template interpolation value", "The expression result is null. Cannot include a null value in a string template.", p.range(), range()));
          continue;
        }
        if (v.isUnknown()) { unknown = true; continue; }
        try {
          b.append(Convert.to(v, Type.STRING).asString());
        } catch (ConversionException e) {
          d.add(Diagnostic.error("Invalid template interpolation value", "Cannot include the given value in a string template: " + e.getMessage() + ".", p.range(), range()));
        }
      }
      if (failed(d, m)) return ERR;
      if (unknown) return Value.unknown(Type.STRING);
      return Value.string(Normalizer.normalize(b, Normalizer.Form.NFC));
    }
  }

  /** "${expr}" alone: returns the inner value unchanged. */
  static final class TemplateWrap extends Node {
    final Node inner;
    TemplateWrap(Node inner, SourceRange r, Source s) { super(r, s); this.inner = inner; }
    TemplateWrap(Node inner, int start, int end, Source s) { super(start, end, s); this.inner = inner; }
    void collectTraversals(List<Traversal> out) { inner.collectTraversals(out); }
    Value eval(EvalContext ctx, List<Diagnostic> d) { return inner.eval(ctx, d); }
  }

  /** %{ if } ... %{ else } ... %{ endif }. */
  static final class TemplateIf extends Node {
    final Node cond; final Node then; final Node otherwise;
    TemplateIf(Node c, Node t, Node e, SourceRange r, Source s) { super(r, s); cond = c; then = t; otherwise = e; }
    void collectTraversals(List<Traversal> out) { cond.collectTraversals(out); then.collectTraversals(out); if (otherwise != null) otherwise.collectTraversals(out); }
    Value eval(EvalContext ctx, List<Diagnostic> d) {
      int m = d.size();
      Value c = cond.eval(ctx, d);
      if (failed(d, m)) return ERR;
      if (c.isNull()) {
        d.add(Diagnostic.error("Null condition", "The condition value is null. Conditions must either be true or false.", cond.range(), range()));
        return ERR;
      }
      Value cb;
      try { cb = Convert.to(c, Type.BOOL); } catch (ConversionException e) {
        d.add(Diagnostic.error("Incorrect condition type", "The condition expression must be of type bool.", cond.range(), range()));
        return ERR;
      }
      if (cb.isUnknown()) return Value.unknown(Type.STRING);
      if (cb.asBool()) return then.eval(ctx, d);
      return otherwise == null ? Value.string("") : otherwise.eval(ctx, d);
    }
  }

  /** A for expression (also used for %{ for } template directives with a template body). */
  static final class For extends Node {
    final String keyVar, valVar; final Node coll, keyExpr, valExpr, cond; final boolean group; final SourceRange openRange;
    For(String keyVar, String valVar, Node coll, Node keyExpr, Node valExpr, Node cond, boolean group, SourceRange openRange, SourceRange r, Source s) {
      super(r, s); this.keyVar = keyVar; this.valVar = valVar; this.coll = coll; this.keyExpr = keyExpr; this.valExpr = valExpr; this.cond = cond; this.group = group; this.openRange = openRange;
    }
    void collectTraversals(List<Traversal> out) {
      coll.collectTraversals(out);
      List<Traversal> inner = new ArrayList<>();
      if (keyExpr != null) keyExpr.collectTraversals(inner);
      valExpr.collectTraversals(inner);
      if (cond != null) cond.collectTraversals(inner);
      for (Traversal t : inner) if (!t.rootName().equals(valVar) && !t.rootName().equals(keyVar)) out.add(t);
    }
    Value eval(EvalContext ctx, List<Diagnostic> d) {
      int m = d.size();
      Value c = coll.eval(ctx, d);
      if (failed(d, m)) return ERR;
      if (c.isNull()) {
        d.add(Diagnostic.error("Iteration over null value", "A null value cannot be used as the collection in a 'for' expression.", coll.range(), range()));
        return ERR;
      }
      Type t = c.type();
      boolean seq = t instanceof Type.ListType || t instanceof Type.SetType || t instanceof Type.TupleType;
      boolean map = t instanceof Type.MapType || t instanceof Type.ObjectType;
      if (!seq && !map) {
        d.add(Diagnostic.error("Iteration over non-iterable value", "A value of type " + t.friendlyName() + " cannot be used as the collection in a 'for' expression.", coll.range(), range()));
        return ERR;
      }
      if (c.isUnknown()) return Value.UNKNOWN_DYNAMIC;
      List<Value[]> kvs = new ArrayList<>();
      if (seq) { int i = 0; for (Value e : c.elements()) kvs.add(new Value[] {t instanceof Type.SetType ? e : Value.number(i++), e}); }
      else for (var e : c.attributes().entrySet()) kvs.add(new Value[] {Value.string(e.getKey()), e.getValue()});
      List<Value> outList = new ArrayList<>();
      Map<String, Value> outObj = new LinkedHashMap<>();
      Map<String, List<Value>> groups = new LinkedHashMap<>();
      for (Value[] kv : kvs) {
        Map<String, Value> vars = new LinkedHashMap<>();
        if (keyVar != null) vars.put(keyVar, kv[0]);
        vars.put(valVar, kv[1]);
        EvalContext child = ctx.child(vars);
        if (cond != null) {
          int cm = d.size();
          Value cv = cond.eval(child, d);
          if (failed(d, cm)) return ERR;
          if (cv.isNull()) {
            d.add(Diagnostic.error("Condition is null", "The value of the 'if' clause must not be null.", cond.range(), range()));
            return ERR;
          }
          try { cv = Convert.to(cv, Type.BOOL); } catch (ConversionException e) {
            d.add(Diagnostic.error("Invalid 'for' condition", "The 'if' clause value is invalid: " + e.getMessage() + ".", cond.range(), range()));
            return ERR;
          }
          if (cv.isUnknown()) return Value.UNKNOWN_DYNAMIC;
          if (!cv.asBool()) continue;
        }
        if (keyExpr != null) {
          int km = d.size();
          Value k = keyExpr.eval(child, d);
          Value v = valExpr.eval(child, d);
          if (failed(d, km)) continue;
          if (k.isNull()) {
            d.add(Diagnostic.error("Invalid object key", "Key expression in 'for' expression must not produce a null value.", keyExpr.range(), range()));
            return ERR;
          }
          try { k = Convert.to(k, Type.STRING); } catch (ConversionException e) {
            d.add(Diagnostic.error("Invalid object key", "The key expression produced an invalid result: " + e.getMessage() + ".", keyExpr.range(), range()));
            return ERR;
          }
          if (k.isUnknown()) return Value.UNKNOWN_DYNAMIC;
          String ks = k.asString();
          if (group) groups.computeIfAbsent(ks, x -> new ArrayList<>()).add(v);
          else {
            if (outObj.containsKey(ks)) {
              d.add(Diagnostic.error("Duplicate object key", "Two different items produced the key \"" + ks + "\" in this 'for' expression. If duplicates are expected, use the ellipsis (...) after the value expression to enable grouping by key.", keyExpr.range(), range()));
              return ERR;
            }
            outObj.put(ks, v);
          }
        } else {
          Value v = valExpr.eval(child, d);
          outList.add(v);
        }
      }
      if (failed(d, m)) return ERR;
      if (keyExpr != null) {
        if (group) for (var e : groups.entrySet()) outObj.put(e.getKey(), Value.tuple(e.getValue()));
        return Value.object(outObj);
      }
      return Value.tuple(outList);
    }
  }

  /** %{ for } directive: joins the body's string results. */
  static final class TemplateFor extends Node {
    final For loop;
    TemplateFor(For loop, SourceRange r, Source s) { super(r, s); this.loop = loop; }
    void collectTraversals(List<Traversal> out) { loop.collectTraversals(out); }
    Value eval(EvalContext ctx, List<Diagnostic> d) {
      int m = d.size();
      Value v = loop.eval(ctx, d);
      if (failed(d, m)) return ERR;
      if (v.isUnknown()) return Value.unknown(Type.STRING);
      StringBuilder b = new StringBuilder();
      for (Value e : v.elements()) {
        if (e.isUnknown()) return Value.unknown(Type.STRING);
        b.append(e.asString());
      }
      return Value.string(b.toString());
    }
  }
}
