package io.caravan.runtime.device;

/**
 * A typed device attribute with an optional unit, like Nomad's {@code psstructs.Attribute}.
 *
 * @param value a {@link Long}, {@link Double}, {@link Boolean} or {@link String}
 * @param unit a unit such as {@code MiB}, {@code MHz}, {@code W}; empty when none
 */
public record DeviceAttribute(Object value, String unit) {

  public DeviceAttribute {
    if (!(value instanceof Long || value instanceof Double || value instanceof Boolean || value instanceof String)) {
      throw new IllegalArgumentException("device attribute values are Long, Double, Boolean or String, not "
          + (value == null ? "null" : value.getClass().getSimpleName()));
    }
    unit = unit == null ? "" : unit;
  }

  /** An integer attribute with a unit. */
  public static DeviceAttribute of(long value, String unit) {
    return new DeviceAttribute(value, unit);
  }

  /** A string attribute. */
  public static DeviceAttribute of(String value) {
    return new DeviceAttribute(value, "");
  }

  @Override
  public String toString() {
    return unit.isEmpty() ? String.valueOf(value) : value + " " + unit;
  }
}
