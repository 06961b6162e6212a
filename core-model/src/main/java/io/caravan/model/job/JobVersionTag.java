package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A named tag attached to a job version. */
@JsonPropertyOrder({"Name", "Description", "TaggedTime"})
public record JobVersionTag(
    @JsonProperty("Name") String name,
    @JsonProperty("Description") String description,
    @JsonProperty("TaggedTime") long taggedTime) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public JobVersionTag {
    name = name == null ? "" : name;
    description = description == null ? "" : description;
  }
}
