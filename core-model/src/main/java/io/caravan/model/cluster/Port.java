package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A port of a node or allocation network: label, host value, mapped value and host network. */
@JsonPropertyOrder({"Label", "Value", "To", "HostNetwork", "IgnoreCollision"})
public record Port(
    @JsonProperty("Label") String label,
    @JsonProperty("Value") int value,
    @JsonProperty("To") int to,
    @JsonProperty("HostNetwork") String hostNetwork,
    @JsonProperty("IgnoreCollision") boolean ignoreCollision) {

  /** Copies collections into immutable ones and replaces nulls of Go value fields by their zero values. */
  public Port {
    label = label == null ? "" : label;
    hostNetwork = hostNetwork == null ? "" : hostNetwork;
  }
}
