package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/** Resources a node keeps for itself and never offers to allocations. */
@JsonPropertyOrder({"Cpu", "Memory", "Disk", "Networks"})
public record NodeReservedResources(
    @JsonProperty("Cpu") @Nullable NodeReservedCpuResources cpu,
    @JsonProperty("Memory") @Nullable NodeReservedMemoryResources memory,
    @JsonProperty("Disk") @Nullable NodeReservedDiskResources disk,
    @JsonProperty("Networks") @Nullable NodeReservedNetworkResources networks) {
}
