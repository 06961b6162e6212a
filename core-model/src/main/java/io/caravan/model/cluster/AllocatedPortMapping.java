package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A host port granted to an allocation: label, host value, mapped value and host IP. */
@JsonPropertyOrder({"Label", "Value", "To", "HostIP"})
public record AllocatedPortMapping(
    @JsonProperty("Label") String label,
    @JsonProperty("Value") int value,
    @JsonProperty("To") int to,
    @JsonProperty("HostIP") String hostIP) {

  /** Copies collections into immutable ones and replaces nulls of Go value fields by their zero values. */
  public AllocatedPortMapping {
    label = label == null ? "" : label;
    hostIP = hostIP == null ? "" : hostIP;
  }
}
