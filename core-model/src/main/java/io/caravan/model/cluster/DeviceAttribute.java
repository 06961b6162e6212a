package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/** A typed device attribute (one of float, int, string, bool) with an optional unit such as MiB or MHz. */
@JsonPropertyOrder({"FloatVal", "IntVal", "StringVal", "BoolVal", "Unit"})
public record DeviceAttribute(
    @JsonProperty("FloatVal") @Nullable Double floatVal,
    @JsonProperty("IntVal") @Nullable Long intVal,
    @JsonProperty("StringVal") @Nullable String stringVal,
    @JsonProperty("BoolVal") @Nullable Boolean boolVal,
    @JsonProperty("Unit") String unit) {

  /** Copies collections into immutable ones and replaces nulls of Go value fields by their zero values. */
  public DeviceAttribute {
    unit = unit == null ? "" : unit;
  }
}
