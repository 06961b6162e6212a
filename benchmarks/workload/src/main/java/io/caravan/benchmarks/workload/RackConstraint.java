package io.caravan.benchmarks.workload;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A hard constraint {@code ${meta.rack} set_contains_any "r0,r1,..."}: a node is feasible when its
 * rack is one of {@link #allowedRacks()}.
 */
public final class RackConstraint {
  /** The constraint's left-hand side, in Nomad's interpolation syntax. */
  public static final String ATTRIBUTE = "${meta.rack}";
  /** The constraint's operator, as Nomad spells it. */
  public static final String OPERATOR = "set_contains_any";

  private final List<String> allowedRacks;
  private final Set<String> lookup;

  /** A constraint allowing exactly {@code allowedRacks} (kept in the given order). */
  public RackConstraint(List<String> allowedRacks) {
    this.allowedRacks = List.copyOf(allowedRacks);
    if (this.allowedRacks.isEmpty()) {
      throw new IllegalArgumentException("a rack constraint needs at least one rack");
    }
    this.lookup = new HashSet<>(this.allowedRacks);
  }

  /** The allowed racks, in the order of the constraint's value. */
  public List<String> allowedRacks() {
    return allowedRacks;
  }

  /** The constraint's right-hand side: the allowed racks joined by commas. */
  public String value() {
    return String.join(",", allowedRacks);
  }

  /** Whether a node in {@code rack} satisfies the constraint. */
  public boolean allows(String rack) {
    return lookup.contains(rack);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RackConstraint other && other.allowedRacks.equals(allowedRacks);
  }

  @Override
  public int hashCode() {
    return allowedRacks.hashCode();
  }

  @Override
  public String toString() {
    return ATTRIBUTE + " " + OPERATOR + " \"" + value() + "\"";
  }
}
