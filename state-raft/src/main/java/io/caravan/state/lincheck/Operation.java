package io.caravan.state.lincheck;

import java.util.Objects;

/**
 * One operation of a recorded history: invoked at {@code call}, returned {@code output} at {@code ret}.
 * An operation whose outcome is unknown (timed out, client crashed) has {@code ret == Long.MAX_VALUE}
 * and a {@code null} output: it may take effect at any point after its call, or never observably.
 */
public record Operation<I, O>(int client, I input, O output, long call, long ret) {
  public Operation {
    Objects.requireNonNull(input, "input");
    if (ret < call) {
      throw new IllegalArgumentException("operation returns (" + ret + ") before it is called (" + call + ")");
    }
  }

  /** An operation that returned {@code output}. */
  public static <I, O> Operation<I, O> completed(int client, I input, O output, long call, long ret) {
    return new Operation<>(client, input, Objects.requireNonNull(output, "output"), call, ret);
  }

  /** An operation whose outcome is unknown. */
  public static <I, O> Operation<I, O> unknown(int client, I input, long call) {
    return new Operation<>(client, input, null, call, Long.MAX_VALUE);
  }

  public boolean outcomeKnown() {
    return ret != Long.MAX_VALUE;
  }
}
