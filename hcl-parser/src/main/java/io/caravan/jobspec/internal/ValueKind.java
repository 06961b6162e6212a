package io.caravan.jobspec.internal;

/** How an attribute's HCL value is converted into its Nomad API JSON value. */
public enum ValueKind {
  /** A cty string (numbers and bools convert to their string form). */
  STRING,
  /** A cty bool ("true"/"false" strings convert). */
  BOOL,
  /** A whole number; a fraction is an "Unsuitable value type" error. */
  INT,
  /** A number that may have a fraction (a float64 in Go). */
  FLOAT,
  /** A Go {@code time.Duration}: a {@code time.ParseDuration} string or a nanosecond number. */
  DURATION,
  /** A list of strings ("list of string required" otherwise). */
  STRING_LIST,
  /** A list of whole numbers. */
  INT_LIST,
  /** A map of strings, written as an attribute or as a block of attributes. */
  STRING_MAP,
  /** A map of lists of strings (HTTP headers). */
  STRING_LIST_MAP,
  /** Any value, decoded into free-form JSON (driver {@code config}, scaling {@code policy}). */
  ANY
}
