package io.caravan.hcl.internal;

import io.caravan.hcl.ConversionException;
import io.caravan.hcl.Convert;
import io.caravan.hcl.Diagnostic;
import io.caravan.hcl.SourceRange;
import io.caravan.hcl.Type;
import io.caravan.hcl.Value;
import java.math.BigDecimal;
import java.util.List;

/** Attribute access, indexing and equality with hcl's diagnostics. */
final class Ops {
  private Ops() {}

  static Value getAttr(Value v, String name, SourceRange subject, SourceRange context, List<Diagnostic> d) {
    if (v.isNull()) {
      d.add(Diagnostic.error("Attempt to get attribute from null value", "This value is null, so it does not have any attributes.", subject, context));
      return Nodes.ERR;
    }
    Type t = v.type();
    if (t instanceof Type.ObjectType ot) {
      if (!ot.attributes().containsKey(name)) {
        d.add(Diagnostic.error("Unsupported attribute", "This object does not have an attribute named \"" + name + "\".", subject, context));
        return Nodes.ERR;
      }
      return v.isUnknown() ? Value.unknown(ot.attributes().get(name)) : v.attributes().get(name);
    }
    if (t instanceof Type.MapType mt) {
      if (v.isUnknown()) return Value.unknown(mt.element());
      Value r = v.attributes().get(name);
      if (r == null) {
        d.add(Diagnostic.error("Missing map element", "This map does not have an element with the key \"" + name + "\".", subject, context));
        return Nodes.ERR;
      }
      return r;
    }
    if (t instanceof Type.Dynamic) return Value.UNKNOWN_DYNAMIC;
    if (t instanceof Type.ListType || t instanceof Type.TupleType || t instanceof Type.SetType) {
      d.add(Diagnostic.error("Unsupported attribute", "This value does not have any attributes.", subject, context));
      return Nodes.ERR;
    }
    d.add(Diagnostic.error("Unsupported attribute", "Can't access attributes on a primitive-typed value (" + t.friendlyName() + ").", subject, context));
    return Nodes.ERR;
  }

  static Value index(Value v, Value key, SourceRange subject, SourceRange context, List<Diagnostic> d) {
    if (v.isNull()) {
      d.add(Diagnostic.error("Attempt to index null value", "This value is null, so it does not have any indices.", subject, context));
      return Nodes.ERR;
    }
    if (key.isNull()) {
      d.add(Diagnostic.error("Invalid index", "Can't use a null value as an indexing key.", subject, context));
      return Nodes.ERR;
    }
    Type t = v.type();
    if (t instanceof Type.Dynamic || v.isUnknown() || key.isUnknown()) return Value.UNKNOWN_DYNAMIC;
    if (t instanceof Type.ListType || t instanceof Type.TupleType) {
      Value k;
      try { k = Convert.to(key, Type.NUMBER); } catch (ConversionException e) {
        d.add(Diagnostic.error("Invalid index", "The given key does not identify an element in this collection value: number required.", subject, context));
        return Nodes.ERR;
      }
      BigDecimal n = k.asNumber();
      int size = v.length();
      if (n.signum() < 0 || n.stripTrailingZeros().scale() > 0 || n.compareTo(BigDecimal.valueOf(size)) >= 0) {
        String detail = "The given key does not identify an element in this collection value.";
        d.add(Diagnostic.error("Invalid index", detail, subject, context));
        return Nodes.ERR;
      }
      return v.elements().get(n.intValueExact());
    }
    if (t instanceof Type.MapType || t instanceof Type.ObjectType) {
      Value k;
      try { k = Convert.to(key, Type.STRING); } catch (ConversionException e) {
        d.add(Diagnostic.error("Invalid index", "The given key does not identify an element in this collection value: string required.", subject, context));
        return Nodes.ERR;
      }
      Value r = v.attributes().get(k.asString());
      if (r == null) {
        if (t instanceof Type.ObjectType) {
          d.add(Diagnostic.error("Unsupported attribute", "This object does not have an attribute named \"" + k.asString() + "\".", subject, context));
        } else {
          d.add(Diagnostic.error("Invalid index", "The given key does not identify an element in this collection value.", subject, context));
        }
        return Nodes.ERR;
      }
      return r;
    }
    if (t instanceof Type.SetType) {
      d.add(Diagnostic.error("Invalid index", "Elements of a set are identified only by their value and don't have any separate index or key to select with, so it's only possible to perform operations across all elements of the set.", subject, context));
      return Nodes.ERR;
    }
    d.add(Diagnostic.error("Invalid index", "This value does not have any indices.", subject, context));
    return Nodes.ERR;
  }

  static Value equal(Value a, Value b) {
    if (a.isUnknown() || b.isUnknown()) return Value.unknown(Type.BOOL);
    if (a.isNull() || b.isNull()) return Value.bool(a.isNull() && b.isNull());
    if (a.type().equals(Type.NUMBER) && b.type().equals(Type.NUMBER)) return Value.bool(a.asNumber().compareTo(b.asNumber()) == 0);
    if (!a.type().equals(b.type())) return Value.FALSE;
    return Value.bool(a.equals(b));
  }
}
