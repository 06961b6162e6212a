package io.caravan.jobspec.internal;

import static java.util.Objects.requireNonNull;

/**
 * One argument of a jobspec block: its HCL name, the Go field (= API JSON key) it sets, and how its
 * value is converted.
 */
public record AttributeSpec(String name, String goField, ValueKind kind, boolean required) {
  /** Checks that the names are present. */
  public AttributeSpec {
    requireNonNull(name, "name");
    requireNonNull(goField, "goField");
    requireNonNull(kind, "kind");
  }
}
