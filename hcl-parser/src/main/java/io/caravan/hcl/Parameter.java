package io.caravan.hcl;

/** A typed function parameter, with cty's AllowNull / AllowUnknown / AllowDynamicType flags. */
public record Parameter(String name, Type type, boolean allowNull, boolean allowUnknown, boolean allowDynamicType) {
  /** A parameter that rejects null and unknown values. */
  public static Parameter of(String name, Type type) {
    return new Parameter(name, type, false, false, false);
  }
}
