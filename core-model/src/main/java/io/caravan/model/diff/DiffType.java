package io.caravan.model.diff;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How an object or field changed between two job versions (Nomad's {@code DiffType}). */
public enum DiffType {
  /** Present on both sides and changed. Sorts first, as in Nomad. */
  EDITED("Edited"),
  /** Only in the new version. */
  ADDED("Added"),
  /** Only in the old version. */
  DELETED("Deleted"),
  /** Unchanged (shown only for context). */
  NONE("None");

  private final String wire;

  DiffType(String wire) {
    this.wire = wire;
  }

  /** The name in Nomad's JSON: {@code Added}, {@code Deleted}, {@code Edited} or {@code None}. */
  @JsonValue
  public String wire() {
    return wire;
  }

  /** Reads Nomad's name of a diff type. */
  @JsonCreator
  public static DiffType fromWire(String wire) {
    for (DiffType t : values()) {
      if (t.wire.equals(wire)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown diff type \"" + wire + "\" (expected Added, Deleted, Edited or None)");
  }
}
