package io.caravan.hcl;

/**
 * A failure inside a function implementation. When {@code argIndex >= 0} the error is about that
 * argument (cty's function.ArgError) and the call's diagnostic points at it.
 */
public final class FunctionException extends Exception {
  private final int argIndex;

  /** An error not tied to one argument. */
  public FunctionException(String message) {
    this(-1, message);
  }

  /** An error about argument {@code argIndex} (0-based, counting expanded variadic args). */
  public FunctionException(int argIndex, String message) {
    super(message, null, false, false);
    this.argIndex = argIndex;
  }

  /** The 0-based argument index, or -1. */
  public int argIndex() {
    return argIndex;
  }
}
