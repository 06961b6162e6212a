package io.caravan.hcl.internal;

import com.google.common.collect.ImmutableList;
import io.caravan.hcl.ConversionException;
import io.caravan.hcl.Convert;
import io.caravan.hcl.Diagnostic;
import io.caravan.hcl.EvalContext;
import io.caravan.hcl.SourceRange;
import io.caravan.hcl.Type;
import io.caravan.hcl.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The functions that need unevaluated arguments: hcl's tryfunc ({@code try}, {@code can}) and typeexpr's {@code convert}. */
final class EvaluatorFunctions {
  private EvaluatorFunctions() {}

  static boolean handles(String name) {
    return name.equals("try") || name.equals("can") || name.equals("convert");
  }

  static Value call(Nodes.Call call, EvalContext ctx, List<Diagnostic> d) {
    switch (call.name) {
      case "try": return tryFn(call, ctx, d);
      case "can": return canFn(call, ctx, d);
      default: return convertFn(call, ctx, d);
    }
  }

  private static Value tryFn(Nodes.Call call, EvalContext ctx, List<Diagnostic> d) {
    if (call.args.isEmpty()) {
      d.add(Diagnostic.error("Error in function call", "Call to function \"try\" failed: at least one argument is required.", call.startRange(), call.range()));
      return Nodes.ERR;
    }
    StringBuilder msg = new StringBuilder("no expression succeeded:\n");
    for (Node a : call.args) {
      List<Diagnostic> local = new ArrayList<>();
      Value v = a.eval(ctx, local);
      if (!Nodes.failed(local, 0)) {
        if (!v.isWhollyKnown()) return Value.UNKNOWN_DYNAMIC;
        return v;
      }
      for (Diagnostic x : local) {
        if (!x.isError()) continue;
        SourceRange s = x.subject();
        msg.append("- ").append(x.summary());
        if (s != null) msg.append(" (at ").append(s.filename()).append(':').append(s.start().line()).append(',').append(s.start().column()).append('-').append(s.end().column()).append(')');
        msg.append("\n  ").append(x.detail()).append('\n');
      }
    }
    msg.append("\nAt least one expression must produce a successful result");
    d.add(Diagnostic.error("Error in function call", "Call to function \"try\" failed: " + msg + ".", call.startRange(), call.range()));
    return Nodes.ERR;
  }

  private static Value canFn(Nodes.Call call, EvalContext ctx, List<Diagnostic> d) {
    if (call.args.size() != 1) {
      d.add(Diagnostic.error(call.args.isEmpty() ? "Not enough function arguments" : "Too many function arguments",
          call.args.isEmpty() ? "Function \"can\" expects 1 argument(s). Missing value for \"expression\"." : "Function \"can\" expects only 1 argument(s).",
          call.args.isEmpty() ? call.range() : call.args.get(1).startRange(), call.range()));
      return Nodes.ERR;
    }
    List<Diagnostic> local = new ArrayList<>();
    Value v = call.args.get(0).eval(ctx, local);
    if (Nodes.failed(local, 0)) return Value.FALSE;
    if (!v.isWhollyKnown()) return Value.unknown(Type.BOOL);
    return Value.TRUE;
  }

  private static Value convertFn(Nodes.Call call, EvalContext ctx, List<Diagnostic> d) {
    if (call.args.size() != 2) {
      d.add(Diagnostic.error("Error in function call", "Call to function \"convert\" failed: expects 2 arguments.", call.startRange(), call.range()));
      return Nodes.ERR;
    }
    int m = d.size();
    Value v = call.args.get(0).eval(ctx, d);
    if (Nodes.failed(d, m)) return Nodes.ERR;
    Type t = typeExpr(call.args.get(1), d);
    if (t == null) return Nodes.ERR;
    try {
      return Convert.to(v, t);
    } catch (ConversionException e) {
      d.add(Diagnostic.error("Invalid function argument", "Invalid value for \"value\" parameter: " + e.getMessage() + ".", call.args.get(0).startRange(), call.range()));
      return Nodes.ERR;
    }
  }

  /** Interprets an expression as a type constraint (hcl typeexpr). */
  static Type typeExpr(Node n, List<Diagnostic> d) {
    if (n instanceof Nodes.ScopeTraversal st && st.traversal.steps().isEmpty()) {
      switch (st.traversal.rootName()) {
        case "string": return Type.STRING;
        case "number": return Type.NUMBER;
        case "bool": return Type.BOOL;
        case "any": return Type.DYNAMIC;
        default:
      }
      d.add(Diagnostic.error("Invalid type specification", "The keyword \"" + st.traversal.rootName() + "\" is not a valid type specification.", n.range(), null));
      return null;
    }
    if (n instanceof Nodes.Call c && c.args.size() == 1) {
      Node a = c.args.get(0);
      switch (c.name) {
        case "list": case "set": case "map": {
          Type et = typeExpr(a, d);
          if (et == null) return null;
          return c.name.equals("list") ? new Type.ListType(et) : c.name.equals("set") ? new Type.SetType(et) : new Type.MapType(et);
        }
        case "tuple":
          if (a instanceof Nodes.TupleCons tc) {
            List<Type> ts = new ArrayList<>();
            for (Node e : tc.elems) { Type t = typeExpr(e, d); if (t == null) return null; ts.add(t); }
            return new Type.TupleType(ImmutableList.copyOf(ts));
          }
          break;
        case "object":
          if (a instanceof Nodes.ObjectCons oc) {
            Map<String, Type> attrs = new TreeMap<>();
            for (int i = 0; i < oc.keys.size(); i++) {
              Node k = oc.keys.get(i);
              List<Diagnostic> tmp = new ArrayList<>();
              Value kv = k.eval(null, tmp);
              if (Nodes.failed(tmp, 0) || !kv.type().equals(Type.STRING)) {
                d.add(Diagnostic.error("Invalid type specification", "Object type attribute names must be given as identifiers.", k.range(), null));
                return null;
              }
              Type t = typeExpr(oc.values.get(i), d);
              if (t == null) return null;
              attrs.put(kv.asString(), t);
            }
            return Type.ObjectType.of(attrs);
          }
          break;
        default:
      }
    }
    d.add(Diagnostic.error("Invalid type specification", "A type specification is either a primitive type keyword (bool, number, string) or a complex type constructor call, like list(string).", n.range(), null));
    return null;
  }
}
