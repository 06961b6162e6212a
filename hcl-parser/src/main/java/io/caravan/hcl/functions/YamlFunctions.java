package io.caravan.hcl.functions;

import io.caravan.hcl.FunctionException;
import io.caravan.hcl.Value;

/**
 * go-cty-yaml's {@code yamldecode} and {@code yamlencode} as Nomad exposes them: decoding yields
 * objects, tuples, exact numbers, YAML 1.1 booleans and RFC 3339 strings for dates; encoding writes
 * libyaml's block layout with double-quoted strings.
 */
public final class YamlFunctions {
  private YamlFunctions() {}

  /** {@code yamldecode(src)}: the single YAML document in {@code src}, or null for an empty stream. */
  public static Value yamldecode(Value src) throws FunctionException {
    try {
      return YamlDecoder.decode(src.asString());
    } catch (YamlException e) {
      throw new FunctionException(e.getMessage());
    }
  }

  /** {@code yamlencode(value)}: the value as a YAML document. */
  public static Value yamlencode(Value value) throws FunctionException {
    return StringFunctions.text(YamlEmitter.emit(value));
  }
}
