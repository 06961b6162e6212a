package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Memory MB a node reserves. */
@JsonPropertyOrder({"MemoryMB"})
public record NodeReservedMemoryResources(
    @JsonProperty("MemoryMB") long memoryMB) {
}
