package io.caravan.hcl;

/** Severity of a {@link Diagnostic}. */
public enum Severity { ERROR, WARNING }
