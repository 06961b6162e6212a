package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What a node offers: CPU, memory, disk, networks, devices and its dynamic port range. */
@JsonPropertyOrder({"Cpu", "Memory", "Disk", "Networks", "NodeNetworks", "Devices", "MinDynamicPort", "MaxDynamicPort"})
public record NodeResources(
    @JsonProperty("Cpu") @Nullable NodeCpuResources cpu,
    @JsonProperty("Memory") @Nullable NodeMemoryResources memory,
    @JsonProperty("Disk") @Nullable NodeDiskResources disk,
    @JsonProperty("Networks") @Nullable List<NetworkResource> networks,
    @JsonProperty("NodeNetworks") @Nullable List<NodeNetworkResource> nodeNetworks,
    @JsonProperty("Devices") @Nullable List<NodeDeviceResource> devices,
    @JsonProperty("MinDynamicPort") int minDynamicPort,
    @JsonProperty("MaxDynamicPort") int maxDynamicPort) {

  /** Copies collections into immutable ones and replaces nulls of Go value fields by their zero values. */
  public NodeResources {
    networks = ModelCollections.copyOfList(networks);
    nodeNetworks = ModelCollections.copyOfList(nodeNetworks);
    devices = ModelCollections.copyOfList(devices);
  }

  /** The first dynamic port, Nomad's default 20000 when unset. */
  public int minDynamicPortOrDefault() {
    return minDynamicPort > 0 ? minDynamicPort : 20000;
  }

  /** The last dynamic port, Nomad's default 32000 when unset. */
  public int maxDynamicPortOrDefault() {
    return maxDynamicPort > 0 ? maxDynamicPort : 32000;
  }

  /** Returns {@code Networks}, or an empty list when absent. */
  public List<NetworkResource> networksOrEmpty() {
    return networks == null ? List.of() : networks;
  }

  /** Returns {@code NodeNetworks}, or an empty list when absent. */
  public List<NodeNetworkResource> nodeNetworksOrEmpty() {
    return nodeNetworks == null ? List.of() : nodeNetworks;
  }

  /** Returns {@code Devices}, or an empty list when absent. */
  public List<NodeDeviceResource> devicesOrEmpty() {
    return devices == null ? List.of() : devices;
  }
}
