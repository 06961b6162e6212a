package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** An address an Envoy gateway listener binds. */
@JsonPropertyOrder({"Name", "Address", "Port"})
public record ConsulGatewayBindAddress(
    @JsonProperty("Name") String name,
    @JsonProperty("Address") String address,
    @JsonProperty("Port") int port) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public ConsulGatewayBindAddress {
    name = name == null ? "" : name;
    address = address == null ? "" : address;
  }
}
