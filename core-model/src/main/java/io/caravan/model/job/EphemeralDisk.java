package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/** The group's ephemeral (allocation-local) disk. */
@JsonPropertyOrder({"Sticky", "Migrate", "SizeMB"})
public record EphemeralDisk(
    @JsonProperty("Sticky") @Nullable Boolean sticky,
    @JsonProperty("Migrate") @Nullable Boolean migrate,
    @JsonProperty("SizeMB") @Nullable Integer sizeMB) {
}
