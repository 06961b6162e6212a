package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Host ports a node reserves, as a port-range string like {@code 22,80,8000-8100}. */
@JsonPropertyOrder({"ReservedHostPorts"})
public record NodeReservedNetworkResources(
    @JsonProperty("ReservedHostPorts") String reservedHostPorts) {

  /** Copies collections into immutable ones and replaces nulls of Go value fields by their zero values. */
  public NodeReservedNetworkResources {
    reservedHostPorts = reservedHostPorts == null ? "" : reservedHostPorts;
  }
}
