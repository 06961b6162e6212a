package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Mesh gateway mode of an upstream. */
@JsonPropertyOrder({"Mode"})
public record ConsulMeshGateway(
    @JsonProperty("Mode") String mode) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public ConsulMeshGateway {
    mode = mode == null ? "" : mode;
  }
}
