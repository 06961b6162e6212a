package io.caravan.hcl;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import java.util.Map;

/** A cty type: primitive, collection, structural, or dynamic ("any"). */
public sealed interface Type {
  /** The string type. */
  Primitive STRING = new Primitive("string");
  /** The number type. */
  Primitive NUMBER = new Primitive("number");
  /** The bool type. */
  Primitive BOOL = new Primitive("bool");
  /** The dynamic pseudo-type. */
  Dynamic DYNAMIC = new Dynamic();
  /** The empty object type. */
  ObjectType EMPTY_OBJECT = new ObjectType(ImmutableSortedMap.of());
  /** The empty tuple type. */
  TupleType EMPTY_TUPLE = new TupleType(ImmutableList.of());

  /** cty's friendly name, e.g. {@code list of string}. */
  String friendlyName();

  /** cty's type expression form, e.g. {@code list(string)}. */
  String typeString();

  /** A primitive type: string, number or bool. */
  record Primitive(String name) implements Type {
    public String friendlyName() { return name; }
    public String typeString() { return name; }
  }

  /** The dynamic pseudo-type. */
  record Dynamic() implements Type {
    public String friendlyName() { return "dynamic"; }
    public String typeString() { return "any"; }
  }

  /** list(T). */
  record ListType(Type element) implements Type {
    public String friendlyName() { return "list of " + element.friendlyName(); }
    public String typeString() { return "list(" + element.typeString() + ")"; }
  }

  /** set(T). */
  record SetType(Type element) implements Type {
    public String friendlyName() { return "set of " + element.friendlyName(); }
    public String typeString() { return "set(" + element.typeString() + ")"; }
  }

  /** map(T). */
  record MapType(Type element) implements Type {
    public String friendlyName() { return "map of " + element.friendlyName(); }
    public String typeString() { return "map(" + element.typeString() + ")"; }
  }

  /** tuple([T...]). */
  record TupleType(ImmutableList<Type> elements) implements Type {
    public String friendlyName() { return "tuple"; }
    public String typeString() {
      StringBuilder b = new StringBuilder("tuple([");
      for (int i = 0; i < elements.size(); i++) { if (i > 0) b.append(", "); b.append(elements.get(i).typeString()); }
      return b.append("])").toString();
    }
  }

  /** object({k:T}); attributes are kept sorted by name. */
  record ObjectType(ImmutableSortedMap<String, Type> attributes) implements Type {
    public static ObjectType of(Map<String, Type> attrs) { return new ObjectType(ImmutableSortedMap.copyOf(attrs)); }
    public String friendlyName() { return "object"; }
    public String typeString() {
      StringBuilder b = new StringBuilder("object({");
      boolean first = true;
      for (var e : attributes.entrySet()) { if (!first) b.append(", "); first = false; b.append(e.getKey()).append("=").append(e.getValue().typeString()); }
      return b.append("})").toString();
    }
  }

  /** True for list, set and map types. */
  default boolean isCollection() { return this instanceof ListType || this instanceof SetType || this instanceof MapType; }

  /** Element type of a collection type, or null. */
  default Type elementType() {
    if (this instanceof ListType l) return l.element();
    if (this instanceof SetType s) return s.element();
    if (this instanceof MapType m) return m.element();
    return null;
  }

  /** True if the type contains no dynamic part. */
  default boolean isConcrete() {
    if (this instanceof Dynamic) return false;
    if (isCollection()) return elementType().isConcrete();
    if (this instanceof TupleType t) return t.elements().stream().allMatch(Type::isConcrete);
    if (this instanceof ObjectType o) return o.attributes().values().stream().allMatch(Type::isConcrete);
    return true;
  }
}
