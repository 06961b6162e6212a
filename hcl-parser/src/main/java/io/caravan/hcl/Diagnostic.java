package io.caravan.hcl;

/** A problem found while parsing or evaluating HCL, with hcl's summary/detail wording and ranges. */
public record Diagnostic(Severity severity, String summary, String detail, SourceRange subject, SourceRange context) {
  /** An error diagnostic. */
  public static Diagnostic error(String summary, String detail, SourceRange subject) {
    return new Diagnostic(Severity.ERROR, summary, detail, subject, null);
  }

  /** An error diagnostic with a context range. */
  public static Diagnostic error(String summary, String detail, SourceRange subject, SourceRange context) {
    return new Diagnostic(Severity.ERROR, summary, detail, subject, context);
  }

  /** True if this is an error. */
  public boolean isError() {
    return severity == Severity.ERROR;
  }
}
