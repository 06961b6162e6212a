package io.caravan.hcl;

import com.google.common.collect.ImmutableList;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** cty's safe and unsafe type conversions (convert.Convert) and type unification. */
public final class Convert {
  private Convert() {}

  /** Converts {@code v} to type {@code want}, failing with cty's message. */
  public static Value to(Value v, Type want) throws ConversionException {
    Type have = v.type();
    if (want instanceof Type.Dynamic || have.equals(want)) return v;
    if (v.isNull()) return Value.nullOf(want);
    if (v.isUnknown()) return Value.unknown(want);
    if (have instanceof Type.Dynamic) return v;
    if (want.equals(Type.STRING)) {
      if (have.equals(Type.NUMBER)) return Value.string(v.asNumber().toPlainString());
      if (have.equals(Type.BOOL)) return Value.string(v.asBool() ? "true" : "false");
      throw new ConversionException("string required, but have " + have.friendlyName());
    }
    if (want.equals(Type.NUMBER)) {
      if (have.equals(Type.STRING)) {
        BigDecimal n = parseNumber(v.asString());
        if (n == null) throw new ConversionException("a number is required");
        return Value.number(n);
      }
      throw new ConversionException("number required, but have " + have.friendlyName());
    }
    if (want.equals(Type.BOOL)) {
      if (have.equals(Type.STRING)) {
        switch (v.asString()) {
          case "true": return Value.TRUE;
          case "false": return Value.FALSE;
          default: throw new ConversionException("a bool is required");
        }
      }
      throw new ConversionException("bool required, but have " + have.friendlyName());
    }
    if (want instanceof Type.ListType || want instanceof Type.SetType) {
      Type et = want.elementType();
      if (!(have instanceof Type.TupleType || have instanceof Type.ListType || have instanceof Type.SetType)) {
        throw new ConversionException(want.friendlyName().replaceFirst(" of .*", "") + " of " + et.friendlyName() + " required, but have " + have.friendlyName());
      }
      List<Value> elems = v.elements();
      if (et instanceof Type.Dynamic) {
        List<Type> ts = new ArrayList<>();
        for (Value e : elems) ts.add(e.type());
        et = elems.isEmpty() ? Type.DYNAMIC : unify(ts);
        if (et == null) throw new ConversionException("all " + (want instanceof Type.SetType ? "set" : "list") + " elements must have the same type");
      }
      List<Value> out = new ArrayList<>();
      for (int i = 0; i < elems.size(); i++) {
        try {
          out.add(to(elems.get(i), et));
        } catch (ConversionException e) {
          throw new ConversionException("element " + i + ": " + e.getMessage());
        }
      }
      return want instanceof Type.ListType ? Value.list(et, out) : Value.set(et, out);
    }
    if (want instanceof Type.MapType mt) {
      if (!(have instanceof Type.ObjectType || have instanceof Type.MapType)) {
        throw new ConversionException("map of " + mt.element().friendlyName() + " required, but have " + have.friendlyName());
      }
      Map<String, Value> elems = v.attributes();
      Type et = mt.element();
      if (et instanceof Type.Dynamic) {
        et = elems.isEmpty() ? Type.DYNAMIC : unify(elems.values().stream().map(Value::type).toList());
        if (et == null) throw new ConversionException("all map elements must have the same type");
      }
      Map<String, Value> out = new LinkedHashMap<>();
      for (var e : elems.entrySet()) {
        try {
          out.put(e.getKey(), to(e.getValue(), et));
        } catch (ConversionException ex) {
          throw new ConversionException("element " + quote(e.getKey()) + ": " + ex.getMessage());
        }
      }
      return Value.map(et, out);
    }
    if (want instanceof Type.TupleType tt) {
      if (!(have instanceof Type.TupleType || have instanceof Type.ListType)) throw new ConversionException("tuple required, but have " + have.friendlyName());
      List<Value> elems = v.elements();
      if (elems.size() != tt.elements().size()) throw new ConversionException("tuple required");
      List<Value> out = new ArrayList<>();
      for (int i = 0; i < elems.size(); i++) {
        try {
          out.add(to(elems.get(i), tt.elements().get(i)));
        } catch (ConversionException e) {
          throw new ConversionException("element " + i + ": " + e.getMessage());
        }
      }
      return Value.tuple(out);
    }
    if (want instanceof Type.ObjectType ot) {
      if (!(have instanceof Type.ObjectType || have instanceof Type.MapType)) throw new ConversionException("object required, but have " + have.friendlyName());
      Map<String, Value> in = v.attributes();
      Map<String, Value> out = new LinkedHashMap<>();
      for (var e : ot.attributes().entrySet()) {
        Value a = in.get(e.getKey());
        if (a == null) throw new ConversionException("attribute " + quote(e.getKey()) + " is required");
        try {
          out.put(e.getKey(), to(a, e.getValue()));
        } catch (ConversionException ex) {
          throw new ConversionException("attribute " + quote(e.getKey()) + ": " + ex.getMessage());
        }
      }
      return Value.object(out);
    }
    throw new ConversionException(want.friendlyName() + " required, but have " + have.friendlyName());
  }

  /** True if {@code v} can be converted to {@code want}. */
  public static boolean canConvert(Value v, Type want) {
    try {
      to(v, want);
      return true;
    } catch (ConversionException e) {
      return false;
    }
  }

  /**
   * cty's convert.UnifyUnsafe for the common cases: identical types unify to themselves;
   * primitives unify to string when mixed with string; otherwise dynamic if any is dynamic; null if
   * impossible.
   */
  public static Type unify(List<Type> types) {
    if (types.isEmpty()) return Type.DYNAMIC;
    Type first = types.get(0);
    boolean same = true, anyDynamic = false, allPrim = true, anyString = false;
    for (Type t : types) {
      if (!t.equals(first)) same = false;
      if (t instanceof Type.Dynamic) anyDynamic = true;
      if (!(t instanceof Type.Primitive)) allPrim = false;
      if (t.equals(Type.STRING)) anyString = true;
    }
    if (same) return first;
    if (anyDynamic) return Type.DYNAMIC;
    if (allPrim && anyString) return Type.STRING;
    if (types.stream().allMatch(t -> t instanceof Type.ObjectType o && o.attributes().keySet().equals(((Type.ObjectType) first).attributes().keySet()))) {
      java.util.Map<String, Type> attrs = new java.util.TreeMap<>();
      for (String k : ((Type.ObjectType) first).attributes().keySet()) {
        Type at = unify(types.stream().map(t -> ((Type.ObjectType) t).attributes().get(k)).toList());
        if (at == null) return null;
        attrs.put(k, at);
      }
      return Type.ObjectType.of(attrs);
    }
    if (types.stream().allMatch(t -> t instanceof Type.TupleType tt && tt.elements().size() == ((Type.TupleType) first).elements().size())) {
      List<Type> ets = new ArrayList<>();
      for (int i = 0; i < ((Type.TupleType) first).elements().size(); i++) {
        final int idx = i;
        Type et = unify(types.stream().map(t -> ((Type.TupleType) t).elements().get(idx)).toList());
        if (et == null) return null;
        ets.add(et);
      }
      return new Type.TupleType(ImmutableList.copyOf(ets));
    }
    boolean allObj = types.stream().allMatch(t -> t instanceof Type.ObjectType || t instanceof Type.MapType);
    if (allObj) {
      List<Type> ets = new ArrayList<>();
      for (Type t : types) {
        if (t instanceof Type.ObjectType o) ets.addAll(o.attributes().values()); else ets.add(t.elementType());
      }
      Type et = unify(ets);
      return et == null ? null : new Type.MapType(et);
    }
    boolean allSeq = types.stream().allMatch(t -> t instanceof Type.TupleType || t instanceof Type.ListType);
    if (allSeq) {
      List<Type> ets = new ArrayList<>();
      for (Type t : types) {
        if (t instanceof Type.TupleType tt) ets.addAll(tt.elements()); else ets.add(t.elementType());
      }
      Type et = unify(ets);
      return et == null ? null : new Type.ListType(et);
    }
    return null;
  }

  /** Parses a number the way cty's string-to-number conversion does, or null. */
  public static BigDecimal parseNumber(String s) {
    if (s.isEmpty() || s.startsWith("+") || s.endsWith(".")) return null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c == '.' || c == '-' || c == 'e' || c == 'E' || c == '+')) return null;
    }
    try {
      return new BigDecimal(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  /** Converts each element for tuple->list style operations. */
  public static ImmutableList<Value> convertAll(List<Value> vs, Type t) throws ConversionException {
    ImmutableList.Builder<Value> b = ImmutableList.builder();
    for (Value v : vs) b.add(to(v, t));
    return b.build();
  }
}
