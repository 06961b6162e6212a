package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One address of a host network interface, with its alias (host network name) and reserved ports. */
@JsonPropertyOrder({"Family", "Alias", "Address", "ReservedPorts", "Gateway"})
public record NodeNetworkAddress(
    @JsonProperty("Family") String family,
    @JsonProperty("Alias") String alias,
    @JsonProperty("Address") String address,
    @JsonProperty("ReservedPorts") String reservedPorts,
    @JsonProperty("Gateway") String gateway) {

  /** Copies collections into immutable ones and replaces nulls of Go value fields by their zero values. */
  public NodeNetworkAddress {
    family = family == null ? "" : family;
    alias = alias == null ? "" : alias;
    address = address == null ? "" : address;
    reservedPorts = reservedPorts == null ? "" : reservedPorts;
    gateway = gateway == null ? "" : gateway;
  }
}
