package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A fingerprinted host network interface with its addresses. */
@JsonPropertyOrder({"Mode", "Device", "MacAddress", "Speed", "Addresses"})
public record NodeNetworkResource(
    @JsonProperty("Mode") String mode,
    @JsonProperty("Device") String device,
    @JsonProperty("MacAddress") String macAddress,
    @JsonProperty("Speed") int speed,
    @JsonProperty("Addresses") @Nullable List<NodeNetworkAddress> addresses) {

  /** Copies collections into immutable ones and replaces nulls of Go value fields by their zero values. */
  public NodeNetworkResource {
    mode = mode == null ? "" : mode;
    device = device == null ? "" : device;
    macAddress = macAddress == null ? "" : macAddress;
    addresses = ModelCollections.copyOfList(addresses);
  }
}
