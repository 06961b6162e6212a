package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A desired percentage of allocations for one value of a spread attribute. */
@JsonPropertyOrder({"Value", "Percent"})
public record SpreadTarget(
    @JsonProperty("Value") String value,
    @JsonProperty("Percent") int percent) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public SpreadTarget {
    value = value == null ? "" : value;
  }
}
