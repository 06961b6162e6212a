package io.caravan.hcl.functions;

/**
 * A function call failed. With an argument index it becomes hcl's "Invalid function argument;
 * Invalid value for "p" parameter: msg." diagnostic; without one, "Error in function call; Call to
 * function "f" failed: msg.". Messages use cty's wording.
 */
public final class FunctionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Marks a failure that is not tied to one argument. */
  public static final int NO_ARGUMENT = -1;

  private final int argIndex;

  private FunctionException(int argIndex, String message) {
    super(message);
    this.argIndex = argIndex;
  }

  /** A failure of the call as a whole. */
  public static FunctionException failed(String message) {
    return new FunctionException(NO_ARGUMENT, message);
  }

  /** A failure blamed on the argument at {@code index} (0-based, counting variadic arguments). */
  public static FunctionException argument(int index, String message) {
    return new FunctionException(index, message);
  }

  /** The 0-based index of the blamed argument, or {@link #NO_ARGUMENT}. */
  public int argIndex() {
    return argIndex;
  }
}
