package io.caravan.hcl;

import com.google.common.collect.ImmutableList;

/** The value of an expression plus the diagnostics its evaluation produced. */
public record EvalResult(Value value, ImmutableList<Diagnostic> diagnostics) {
  /** True if any diagnostic is an error. */
  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }
}
