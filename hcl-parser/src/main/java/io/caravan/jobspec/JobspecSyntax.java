package io.caravan.jobspec;

/** Which of HCL's two syntaxes a jobspec is written in. */
public enum JobspecSyntax {
  /**
   * Nomad's rule (jobspec2's parseHCLOrJSON): JSON syntax when the first byte that is not a space
   * is an opening brace, native syntax otherwise. The file name plays no part, as in Nomad.
   */
  AUTO,
  /** HCL's native syntax ({@code job "x" { ... }}). */
  NATIVE,
  /** HCL's JSON syntax ({@code {"job": {"x": {...}}}}), with string values read as templates. */
  JSON
}
