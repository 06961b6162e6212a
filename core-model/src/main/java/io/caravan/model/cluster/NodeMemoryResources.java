package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Memory of a node in MB. */
@JsonPropertyOrder({"MemoryMB"})
public record NodeMemoryResources(
    @JsonProperty("MemoryMB") long memoryMB) {
}
