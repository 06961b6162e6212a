package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Where a dispatched job's payload is written inside the task. */
@JsonPropertyOrder({"File"})
public record DispatchPayloadConfig(
    @JsonProperty("File") String file) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public DispatchPayloadConfig {
    file = file == null ? "" : file;
  }
}
