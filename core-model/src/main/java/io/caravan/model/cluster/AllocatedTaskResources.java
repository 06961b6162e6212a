package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** CPU, memory, networks and devices granted to one task. */
@JsonPropertyOrder({"Cpu", "Memory", "Networks", "Devices"})
public record AllocatedTaskResources(
    @JsonProperty("Cpu") @Nullable AllocatedCpuResources cpu,
    @JsonProperty("Memory") @Nullable AllocatedMemoryResources memory,
    @JsonProperty("Networks") @Nullable List<NetworkResource> networks,
    @JsonProperty("Devices") @Nullable List<AllocatedDeviceResource> devices) {

  /** Copies collections into immutable ones and replaces nulls of Go value fields by their zero values. */
  public AllocatedTaskResources {
    networks = ModelCollections.copyOfList(networks);
    devices = ModelCollections.copyOfList(devices);
  }
}
