package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Disk of a node in MB. */
@JsonPropertyOrder({"DiskMB"})
public record NodeDiskResources(
    @JsonProperty("DiskMB") long diskMB) {
}
