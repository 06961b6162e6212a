package io.caravan.hcl.functions;

import com.google.common.collect.ImmutableList;
import io.caravan.hcl.ConversionException;
import io.caravan.hcl.Convert;
import io.caravan.hcl.FunctionException;
import io.caravan.hcl.Type;
import io.caravan.hcl.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * cty's collection functions as Nomad exposes them. {@code length} rejects strings and objects;
 * {@code index} is cty's index operator ({@code index(coll, key)}), not Terraform's search;
 * {@code coalesce} skips only nulls, so {@code coalesce("", "x")} is {@code ""}.
 */
public final class CollectionFunctions {
  private CollectionFunctions() {}

  /** {@code length(collection)}: lists, sets, maps and tuples only. */
  public static Value length(Value collection) throws FunctionException {
    Type t = collection.type();
    if (!(t.isCollection() || t instanceof Type.TupleType)) {
      throw new FunctionException("collection must be a list, a map or a tuple");
    }
    return Value.number(collection.length());
  }

  /** {@code concat(seqs...)}: a list when every argument is a list of one element type, else a tuple. */
  public static Value concat(List<Value> seqs) throws FunctionException {
    List<Value> all = new ArrayList<>();
    boolean allLists = true;
    List<Type> elementTypes = new ArrayList<>();
    for (int i = 0; i < seqs.size(); i++) {
      Value s = seqs.get(i);
      if (!(s.type() instanceof Type.ListType || s.type() instanceof Type.TupleType)) {
        throw new FunctionException(i, "all arguments must be lists or tuples; got " + s.type().friendlyName());
      }
      if (s.type() instanceof Type.ListType l) {
        elementTypes.add(l.element());
      } else {
        allLists = false;
      }
      all.addAll(s.elements());
    }
    if (allLists && !seqs.isEmpty()) {
      Type et = Convert.unify(elementTypes);
      if (et != null) {
        return Value.list(et, convertAll(all, et));
      }
    }
    return Value.tuple(all);
  }

  /** {@code merge(maps...)}: later keys win; nulls are skipped; a map when all are maps of one type. */
  public static Value merge(List<Value> maps) throws FunctionException {
    Map<String, Value> out = new TreeMap<>();
    boolean allMaps = true;
    List<Type> elementTypes = new ArrayList<>();
    for (int i = 0; i < maps.size(); i++) {
      Value m = maps.get(i);
      if (m.isNull()) {
        continue;
      }
      if (m.type() instanceof Type.MapType mt) {
        elementTypes.add(mt.element());
      } else if (m.type() instanceof Type.ObjectType) {
        allMaps = false;
      } else {
        throw new FunctionException(i, "arguments must be maps or objects, got " + quoted(m.type().friendlyName()));
      }
      out.putAll(m.attributes());
    }
    if (allMaps && !elementTypes.isEmpty()) {
      Type et = Convert.unify(elementTypes);
      if (et != null) {
        Map<String, Value> converted = new LinkedHashMap<>();
        for (var e : out.entrySet()) {
          converted.put(e.getKey(), convert(e.getValue(), et));
        }
        return Value.map(et, converted);
      }
    }
    return Value.object(out);
  }

  /** {@code keys(inputMap)}: sorted keys, a list for maps and a tuple for objects. */
  public static Value keys(Value inputMap) throws FunctionException {
    List<Value> keys = new ArrayList<>();
    requireMapping(inputMap, 0).attributes().keySet().forEach(k -> keys.add(Value.string(k)));
    return inputMap.type() instanceof Type.MapType ? Value.list(Type.STRING, keys) : Value.tuple(keys);
  }

  /** {@code values(mapping)}: values in key order, a list for maps and a tuple for objects. */
  public static Value values(Value mapping) throws FunctionException {
    List<Value> values = new ArrayList<>(requireMapping(mapping, 0).attributes().values());
    return mapping.type() instanceof Type.MapType mt ? Value.list(mt.element(), values) : Value.tuple(values);
  }

  /** {@code lookup(inputMap, key, default...)}. */
  public static Value lookup(Value inputMap, Value key, List<Value> defaults) throws FunctionException {
    if (defaults.size() > 1) {
      throw new FunctionException("lookup() accepts no more than 3 arguments");
    }
    if (!(inputMap.type() instanceof Type.MapType || inputMap.type() instanceof Type.ObjectType)) {
      throw new FunctionException(0, "lookup() requires a map as the first argument");
    }
    Value found = inputMap.attributes().get(key.asString());
    if (found != null) {
      if (!defaults.isEmpty() && inputMap.type() instanceof Type.MapType) {
        Type t = Convert.unify(List.of(found.type(), defaults.get(0).type()));
        return t == null ? found : convert(found, t);
      }
      return found;
    }
    if (defaults.isEmpty()) {
      throw new FunctionException("lookup failed to find key " + key.asString());
    }
    return defaults.get(0);
  }

  /** {@code contains(list, value)}. */
  public static Value contains(Value list, Value value) throws FunctionException {
    Type t = list.type();
    if (!(t instanceof Type.ListType || t instanceof Type.SetType || t instanceof Type.TupleType)) {
      throw new FunctionException(0, "argument must be list, tuple, or set");
    }
    return Value.bool(list.elements().contains(value));
  }

  /** {@code distinct(list)}: first occurrences, in order. */
  public static Value distinct(Value list) {
    List<Value> out = new ArrayList<>();
    for (Value v : list.elements()) {
      if (!out.contains(v)) {
        out.add(v);
      }
    }
    return Value.list(list.type().elementType(), out);
  }

  /** {@code element(list, index)}: the index wraps around the length. */
  public static Value element(Value list, Value index) throws FunctionException {
    if (!(list.type() instanceof Type.ListType || list.type() instanceof Type.TupleType)) {
      throw new FunctionException(0, "cannot read elements from " + list.type().friendlyName());
    }
    int i = wholeInt(index, 1);
    if (list.length() == 0) {
      throw new FunctionException("cannot use element function with an empty list");
    }
    if (i < 0) {
      throw new FunctionException("cannot use element function with a negative index");
    }
    return list.elements().get(i % list.length());
  }

  /** {@code flatten(list)}: nested lists, sets and tuples become one sequence. */
  public static Value flatten(Value list) throws FunctionException {
    if (!(list.type() instanceof Type.ListType || list.type() instanceof Type.SetType
        || list.type() instanceof Type.TupleType)) {
      throw new FunctionException(0, "can only flatten lists, sets and tuples");
    }
    List<Value> out = new ArrayList<>();
    flattenInto(list, out);
    if (list.type() instanceof Type.TupleType) {
      return Value.tuple(out);
    }
    Type et = Convert.unify(out.stream().map(Value::type).toList());
    return et == null ? Value.tuple(out) : Value.list(et, convertAll(out, et));
  }

  private static void flattenInto(Value v, List<Value> out) {
    for (Value e : v.elements()) {
      Type t = e.type();
      if (!e.isNull() && (t instanceof Type.ListType || t instanceof Type.SetType || t instanceof Type.TupleType)) {
        flattenInto(e, out);
      } else {
        out.add(e);
      }
    }
  }

  /** {@code range(params...)}: one to three numbers (end; start, end; start, end, step). */
  public static Value range(List<Value> params) throws FunctionException {
    BigDecimal start = BigDecimal.ZERO;
    BigDecimal end;
    BigDecimal step = BigDecimal.ONE;
    switch (params.size()) {
      case 1 -> end = params.get(0).asNumber();
      case 2 -> {
        start = params.get(0).asNumber();
        end = params.get(1).asNumber();
      }
      case 3 -> {
        start = params.get(0).asNumber();
        end = params.get(1).asNumber();
        step = params.get(2).asNumber();
      }
      default -> throw new FunctionException("must have one, two, or three arguments");
    }
    if (params.size() < 3 && start.compareTo(end) > 0) {
      step = BigDecimal.ONE.negate();
    }
    if (step.signum() == 0) {
      throw new FunctionException(params.size() - 1, "step must not be zero");
    }
    List<Value> out = new ArrayList<>();
    for (BigDecimal v = start; step.signum() > 0 ? v.compareTo(end) < 0 : v.compareTo(end) > 0; v = v.add(step)) {
      if (out.size() >= 1024) {
        throw new FunctionException("more than 1024 values were generated; either decrease the difference between "
            + "start and end or use a smaller step");
      }
      out.add(Value.number(v));
    }
    return Value.list(Type.NUMBER, out);
  }

  /** {@code setunion(sets...)}. */
  public static Value setunion(List<Value> sets) throws FunctionException {
    List<Value> out = new ArrayList<>();
    sets.forEach(s -> out.addAll(s.elements()));
    return sortedSet(unifiedElementType(sets), out);
  }

  /** {@code setintersection(sets...)}. */
  public static Value setintersection(List<Value> sets) throws FunctionException {
    List<Value> out = new ArrayList<>(sets.get(0).elements());
    for (Value s : sets.subList(1, sets.size())) {
      out.retainAll(s.elements());
    }
    return sortedSet(unifiedElementType(sets), out);
  }

  /** {@code setproduct(sets...)}: tuples of one element from each; a list when any argument is a list or tuple. */
  public static Value setproduct(List<Value> sets) throws FunctionException {
    if (sets.size() < 2) {
      throw new FunctionException("at least two arguments are required");
    }
    List<List<Value>> product = new ArrayList<>();
    product.add(List.of());
    boolean anyList = false;
    for (int i = 0; i < sets.size(); i++) {
      Value s = sets.get(i);
      Type t = s.type();
      if (!(t instanceof Type.SetType || t instanceof Type.ListType || t instanceof Type.TupleType)) {
        throw new FunctionException(i, "a set or a list is required");
      }
      anyList |= !(t instanceof Type.SetType);
      List<Value> elements = t instanceof Type.SetType ? sortedSet(t.elementType(), s.elements()).elements() : s.elements();
      List<List<Value>> next = new ArrayList<>();
      for (List<Value> prefix : product) {
        for (Value e : elements) {
          List<Value> row = new ArrayList<>(prefix);
          row.add(e);
          next.add(row);
        }
      }
      product = next;
    }
    List<Value> tuples = product.stream().map(Value::tuple).toList();
    Type et = tuples.isEmpty() ? Type.DYNAMIC : tuples.get(0).type();
    return anyList ? Value.list(et, tuples) : Value.set(et, tuples);
  }

  /** {@code slice(list, start_index, end_index)}. */
  public static Value slice(Value list, Value startIndex, Value endIndex) throws FunctionException {
    int start = wholeInt(startIndex, 1);
    int end = wholeInt(endIndex, 2);
    if (start < 0) {
      throw new FunctionException(1, "start index must not be less than zero");
    }
    if (end > list.length()) {
      throw new FunctionException(2, "end index must not be greater than the length of the list");
    }
    if (start > end) {
      throw new FunctionException(1, "start index must not be greater than end index");
    }
    List<Value> part = list.elements().subList(start, end);
    if (list.type() instanceof Type.ListType l) {
      return Value.list(l.element(), part);
    }
    if (list.type() instanceof Type.TupleType) {
      return Value.tuple(part);
    }
    throw new FunctionException(0, "must be a list or tuple value");
  }

  /** {@code sort(list)}: lexical order of a list of strings. */
  public static Value sort(Value list) throws FunctionException {
    List<Value> elements = list.elements();
    for (int i = 0; i < elements.size(); i++) {
      if (elements.get(i).isNull()) {
        throw new FunctionException(0, "given list element " + i + " is null; a null string cannot be sorted");
      }
    }
    List<Value> sorted = new ArrayList<>(elements);
    sorted.sort(Comparator.comparing(Value::asString));
    return Value.list(Type.STRING, sorted);
  }

  /** {@code zipmap(keys, values)}: an object for a tuple of values, a map for a list. */
  public static Value zipmap(Value keys, Value values) throws FunctionException {
    if (keys.length() != values.length()) {
      throw new FunctionException("number of keys (" + keys.length() + ") does not match number of values ("
          + values.length() + ")");
    }
    Map<String, Value> out = new LinkedHashMap<>();
    for (int i = 0; i < keys.length(); i++) {
      Value k = keys.elements().get(i);
      if (k.isNull()) {
        throw new FunctionException(0, "keys list has null value at index " + i);
      }
      out.put(k.asString(), values.elements().get(i));
    }
    if (values.type() instanceof Type.ListType l) {
      return Value.map(l.element(), out);
    }
    return Value.object(out);
  }

  /** {@code coalesce(vals...)}: the first non-null argument, converted to the arguments' unified type. */
  public static Value coalesce(List<Value> vals) throws FunctionException {
    Type t = Convert.unify(vals.stream().map(Value::type).toList());
    if (t == null) {
      throw new FunctionException("all arguments must have the same type");
    }
    for (Value v : vals) {
      if (!v.isNull()) {
        return convert(v, t);
      }
    }
    throw new FunctionException("no non-null arguments");
  }

  /** {@code coalescelist(vals...)}: the first non-empty list or tuple. */
  public static Value coalescelist(List<Value> vals) throws FunctionException {
    for (int i = 0; i < vals.size(); i++) {
      Value v = vals.get(i);
      if (!(v.type() instanceof Type.ListType || v.type() instanceof Type.TupleType)) {
        throw new FunctionException(i, "coalescelist arguments must be lists or tuples, got "
            + v.type().friendlyName());
      }
      if (!v.isNull() && v.length() > 0) {
        return v;
      }
    }
    throw new FunctionException("no non-null arguments");
  }

  /** {@code compact(list)}: drops empty strings and nulls. */
  public static Value compact(Value list) {
    List<Value> out = new ArrayList<>();
    for (Value v : list.elements()) {
      if (!v.isNull() && !v.asString().isEmpty()) {
        out.add(v);
      }
    }
    return Value.list(Type.STRING, out);
  }

  /** {@code chunklist(list, size)}: consecutive chunks; size 0 gives one chunk. */
  public static Value chunklist(Value list, Value size) throws FunctionException {
    int n = wholeInt(size, 1);
    if (n < 0) {
      throw new FunctionException(1, "the size argument must be positive");
    }
    Type et = list.type().elementType();
    List<Value> chunks = new ArrayList<>();
    List<Value> elements = list.elements();
    int step = n == 0 ? Math.max(elements.size(), 1) : n;
    for (int i = 0; i < elements.size(); i += step) {
      chunks.add(Value.list(et, elements.subList(i, Math.min(i + step, elements.size()))));
    }
    return Value.list(new Type.ListType(et), chunks);
  }

  /** {@code index(collection, key)}: cty's index operator. */
  public static Value index(Value collection, Value key) throws FunctionException {
    Type t = collection.type();
    if (t instanceof Type.ListType || t instanceof Type.TupleType) {
      if (!key.type().equals(Type.NUMBER)) {
        throw new FunctionException("key for " + (t instanceof Type.TupleType ? "tuple" : "list") + " must be number");
      }
      int i = wholeInt(key, 1);
      if (i < 0 || i >= collection.length()) {
        throw new FunctionException("the given index is greater than or equal to the length of the collection");
      }
      return collection.elements().get(i);
    }
    if (t instanceof Type.MapType || t instanceof Type.ObjectType) {
      Value found = collection.attributes().get(convertToString(key));
      if (found == null) {
        throw new FunctionException("the given key does not identify an element in this collection value");
      }
      return found;
    }
    throw new FunctionException("not a list type");
  }

  private static String convertToString(Value key) throws FunctionException {
    return convert(key, Type.STRING).asString();
  }

  private static Value requireMapping(Value v, int argIndex) throws FunctionException {
    if (!(v.type() instanceof Type.MapType || v.type() instanceof Type.ObjectType)) {
      throw new FunctionException(argIndex, "must have map or object type");
    }
    return v;
  }

  private static Type unifiedElementType(List<Value> sets) throws FunctionException {
    Type t = Convert.unify(sets.stream().map(s -> s.type().elementType()).toList());
    if (t == null) {
      throw new FunctionException("given sets must all have compatible element types");
    }
    return t;
  }

  private static Value sortedSet(Type et, List<Value> elements) throws FunctionException {
    List<Value> converted = new ArrayList<>(convertAll(elements, et));
    if (et.equals(Type.STRING)) {
      converted.sort(Comparator.comparing(Value::asString));
    } else if (et.equals(Type.NUMBER)) {
      converted.sort(Comparator.comparing(Value::asNumber));
    }
    return Value.set(et, converted);
  }

  private static List<Value> convertAll(List<Value> values, Type t) throws FunctionException {
    ImmutableList.Builder<Value> out = ImmutableList.builder();
    for (Value v : values) {
      out.add(convert(v, t));
    }
    return out.build();
  }

  private static Value convert(Value v, Type t) throws FunctionException {
    try {
      return Convert.to(v, t);
    } catch (ConversionException e) {
      throw new FunctionException(e.getMessage());
    }
  }

  private static int wholeInt(Value v, int argIndex) throws FunctionException {
    try {
      return v.asNumber().intValueExact();
    } catch (ArithmeticException e) {
      throw new FunctionException(argIndex, "value must be a whole number");
    }
  }

  private static String quoted(String s) {
    return "\"" + s + "\"";
  }
}
