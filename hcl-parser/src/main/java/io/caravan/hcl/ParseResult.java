package io.caravan.hcl;

import com.google.common.collect.ImmutableList;

/** The result of {@link Hcl#parse}: a (possibly partial) body and all parse diagnostics. */
public record ParseResult(Body body, ImmutableList<Diagnostic> diagnostics) {
  /** True if any diagnostic is an error. */
  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }
}
