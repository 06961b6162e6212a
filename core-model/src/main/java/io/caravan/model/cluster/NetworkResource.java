package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.FreeForm;
import io.caravan.model.internal.ModelCollections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A network of a node or an allocation (mode, device, addresses, bandwidth and ports). */
@JsonPropertyOrder({"Mode", "Device", "CIDR", "IP", "Hostname", "MBits", "DNS", "ReservedPorts", "DynamicPorts"})
public record NetworkResource(
    @JsonProperty("Mode") String mode,
    @JsonProperty("Device") String device,
    @JsonProperty("CIDR") String cidr,
    @JsonProperty("IP") String ip,
    @JsonProperty("Hostname") String hostname,
    @JsonProperty("MBits") int mBits,
    @JsonProperty("DNS") @Nullable Map<String, Object> dns,
    @JsonProperty("ReservedPorts") @Nullable List<Port> reservedPorts,
    @JsonProperty("DynamicPorts") @Nullable List<Port> dynamicPorts) {

  /** Copies collections into immutable ones and replaces nulls of Go value fields by their zero values. */
  public NetworkResource {
    mode = mode == null ? "" : mode;
    device = device == null ? "" : device;
    cidr = cidr == null ? "" : cidr;
    ip = ip == null ? "" : ip;
    hostname = hostname == null ? "" : hostname;
    dns = FreeForm.copyOf(dns);
    reservedPorts = ModelCollections.copyOfList(reservedPorts);
    dynamicPorts = ModelCollections.copyOfList(dynamicPorts);
  }
}
