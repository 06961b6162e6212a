package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Disk MB a node reserves. */
@JsonPropertyOrder({"DiskMB"})
public record NodeReservedDiskResources(
    @JsonProperty("DiskMB") long diskMB) {
}
