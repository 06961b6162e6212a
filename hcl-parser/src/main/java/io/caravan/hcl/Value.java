package io.caravan.hcl;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable cty value: a type plus either a known payload, null, or "unknown".
 * Numbers are exact {@link BigDecimal}s (cty's 512-bit float results are rounded by the arithmetic
 * in {@link Numbers}); collections keep insertion order (lists, tuples) or sorted keys (maps, objects).
 */
public final class Value {
  /** Boolean true. */
  public static final Value TRUE = new Value(Type.BOOL, false, Boolean.TRUE);
  /** Boolean false. */
  public static final Value FALSE = new Value(Type.BOOL, false, Boolean.FALSE);
  /** The untyped null (dynamic). */
  public static final Value NULL_DYNAMIC = new Value(Type.DYNAMIC, false, null);
  /** The dynamic unknown value. */
  public static final Value UNKNOWN_DYNAMIC = new Value(Type.DYNAMIC, true, null);
  /** The empty tuple. */
  public static final Value EMPTY_TUPLE = new Value(Type.EMPTY_TUPLE, false, ImmutableList.of());
  /** The empty object. */
  public static final Value EMPTY_OBJECT = new Value(Type.EMPTY_OBJECT, false, ImmutableSortedMap.of());

  private final Type type;
  private final boolean unknown;
  private final Object payload; // String, BigDecimal, Boolean, ImmutableList<Value>, ImmutableSortedMap<String,Value>, or null

  private Value(Type type, boolean unknown, Object payload) {
    this.type = type;
    this.unknown = unknown;
    this.payload = payload;
  }

  /** A known string (should be NFC-normalized by callers that produce new text, as cty does). */
  public static Value string(String s) { return new Value(Type.STRING, false, Objects.requireNonNull(s)); }

  /** A known number. */
  public static Value number(BigDecimal n) { return new Value(Type.NUMBER, false, Numbers.normalize(n)); }

  /** A known number from a long. */
  public static Value number(long n) { return number(BigDecimal.valueOf(n)); }

  /** A known bool. */
  public static Value bool(boolean b) { return b ? TRUE : FALSE; }

  /** A null of the given type. */
  public static Value nullOf(Type t) { return new Value(t, false, null); }

  /** An unknown value of the given type. */
  public static Value unknown(Type t) { return new Value(t, true, null); }

  /** A list with the given element type. */
  public static Value list(Type elementType, List<Value> elems) {
    return new Value(new Type.ListType(elementType), false, ImmutableList.copyOf(elems));
  }

  /** A set with the given element type; duplicates (by {@link #equals}) are removed, order is kept. */
  public static Value set(Type elementType, List<Value> elems) {
    List<Value> out = new ArrayList<>();
    for (Value v : elems) if (!out.contains(v)) out.add(v);
    return new Value(new Type.SetType(elementType), false, ImmutableList.copyOf(out));
  }

  /** A map with the given element type. */
  public static Value map(Type elementType, Map<String, Value> elems) {
    return new Value(new Type.MapType(elementType), false, ImmutableSortedMap.copyOf(elems));
  }

  /** A tuple; its type is derived from the elements. */
  public static Value tuple(List<Value> elems) {
    ImmutableList.Builder<Type> ts = ImmutableList.builderWithExpectedSize(elems.size());
    for (Value v : elems) ts.add(v.type);
    return new Value(new Type.TupleType(ts.build()), false, ImmutableList.copyOf(elems));
  }

  /** An object; its type is derived from the attributes. */
  public static Value object(Map<String, Value> attrs) {
    ImmutableSortedMap<String, Value> m = ImmutableSortedMap.copyOf(attrs);
    ImmutableSortedMap.Builder<String, Type> ts = ImmutableSortedMap.naturalOrder();
    for (var e : m.entrySet()) ts.put(e.getKey(), e.getValue().type);
    return new Value(new Type.ObjectType(ts.build()), false, m);
  }

  /** The value's type. */
  public Type type() { return type; }

  /** True if the value itself is unknown. */
  public boolean isUnknown() { return unknown; }

  /** True if the value is null (and known). */
  public boolean isNull() { return !unknown && payload == null; }

  /** True if neither this value nor anything nested in it is unknown. */
  public boolean isWhollyKnown() {
    if (unknown) return false;
    if (payload instanceof ImmutableList<?> l) { for (Object o : l) if (!((Value) o).isWhollyKnown()) return false; }
    if (payload instanceof ImmutableSortedMap<?, ?> m) { for (Object o : m.values()) if (!((Value) o).isWhollyKnown()) return false; }
    return true;
  }

  /** The string payload; fails if not a known non-null string. */
  public String asString() { return (String) require(String.class); }

  /** The number payload. */
  public BigDecimal asNumber() { return (BigDecimal) require(BigDecimal.class); }

  /** The bool payload. */
  public boolean asBool() { return (Boolean) require(Boolean.class); }

  /** Elements of a list, set or tuple. */
  @SuppressWarnings("unchecked")
  public ImmutableList<Value> elements() { return (ImmutableList<Value>) require(ImmutableList.class); }

  /** Entries of a map or object, sorted by key. */
  @SuppressWarnings("unchecked")
  public ImmutableSortedMap<String, Value> attributes() { return (ImmutableSortedMap<String, Value>) require(ImmutableSortedMap.class); }

  /** Number of elements of a known collection or structural value. */
  public int length() {
    if (payload instanceof ImmutableList<?> l) return l.size();
    if (payload instanceof ImmutableSortedMap<?, ?> m) return m.size();
    throw new IllegalStateException("length of " + type.friendlyName());
  }

  private Object require(Class<?> c) {
    if (unknown || payload == null || !c.isInstance(payload)) {
      throw new IllegalStateException("value of type " + type.friendlyName() + (unknown ? " (unknown)" : payload == null ? " (null)" : "") + " is not a " + c.getSimpleName());
    }
    return payload;
  }

  /** Structural identity (same type, same knownness, equal payloads; numbers compare by value). */
  @Override
  public boolean equals(Object o) {
    if (this == o) return true;
    if (!(o instanceof Value v)) return false;
    if (unknown != v.unknown || !type.equals(v.type)) return false;
    if (payload instanceof BigDecimal a && v.payload instanceof BigDecimal b) return a.compareTo(b) == 0;
    return Objects.equals(payload, v.payload);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, unknown, payload instanceof BigDecimal b ? b.stripTrailingZeros() : payload);
  }

  @Override
  public String toString() {
    if (unknown) return "unknown(" + type.typeString() + ")";
    if (payload == null) return "null(" + type.typeString() + ")";
    if (payload instanceof String s) return '"' + s + '"';
    if (payload instanceof BigDecimal b) return b.toPlainString();
    return payload.toString();
  }
}
