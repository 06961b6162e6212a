package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A named host network a node exposes (interface, CIDR, reserved ports). */
@JsonPropertyOrder({"Name", "CIDR", "Interface", "ReservedPorts"})
public record ClientHostNetworkConfig(
    @JsonProperty("Name") String name,
    @JsonProperty("CIDR") String cidr,
    @JsonProperty("Interface") String networkInterface,
    @JsonProperty("ReservedPorts") String reservedPorts) {

  /** Copies collections into immutable ones and replaces nulls of Go value fields by their zero values. */
  public ClientHostNetworkConfig {
    name = name == null ? "" : name;
    cidr = cidr == null ? "" : cidr;
    networkInterface = networkInterface == null ? "" : networkInterface;
    reservedPorts = reservedPorts == null ? "" : reservedPorts;
  }
}
