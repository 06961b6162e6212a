package io.caravan.hcl;

import com.google.common.collect.ImmutableSortedMap;
import java.util.Map;

/** An immutable name-to-function table for an {@link EvalContext}. */
public record FunctionTable(ImmutableSortedMap<String, Function> functions) {
  /** The empty table. */
  public static final FunctionTable EMPTY = new FunctionTable(ImmutableSortedMap.of());

  /** A table holding the given functions. */
  public static FunctionTable of(Map<String, Function> fns) {
    return new FunctionTable(ImmutableSortedMap.copyOf(fns));
  }

  /** The function with that name, or null. */
  public Function get(String name) {
    return functions.get(name);
  }
}
