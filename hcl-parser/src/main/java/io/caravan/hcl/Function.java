package io.caravan.hcl;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * A function callable from HCL expressions, mirroring cty's function.Spec: fixed parameters, an
 * optional variadic parameter, a return-type computation and an implementation.
 */
public interface Function {
  /** The fixed parameters, in order. */
  ImmutableList<Parameter> params();

  /** The variadic parameter, or null. */
  default Parameter varParam() {
    return null;
  }

  /**
   * The return type for the given argument values (already converted to the parameter types).
   * Fails with a {@link FunctionException} for invalid argument types.
   */
  default Type returnType(List<Value> args) throws FunctionException {
    return Type.DYNAMIC;
  }

  /** Computes the result. Arguments are converted to the parameter types; the result is converted to the return type. */
  Value call(List<Value> args) throws FunctionException;
}
