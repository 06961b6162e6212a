package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Memory granted to a task, and the oversubscription ceiling (0 = none). */
@JsonPropertyOrder({"MemoryMB", "MemoryMaxMB"})
public record AllocatedMemoryResources(
    @JsonProperty("MemoryMB") long memoryMB,
    @JsonProperty("MemoryMaxMB") long memoryMaxMB) {
}
