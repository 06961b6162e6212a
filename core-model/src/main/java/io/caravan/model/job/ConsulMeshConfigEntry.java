package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Mesh gateway configuration entry (no settings of its own). */
@JsonPropertyOrder({})
public record ConsulMeshConfigEntry(
) {
}
