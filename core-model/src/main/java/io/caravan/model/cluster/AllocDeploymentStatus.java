package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/** An allocation's health within its deployment and whether it is a canary. */
@JsonPropertyOrder({"Healthy", "Timestamp", "Canary", "ModifyIndex"})
public record AllocDeploymentStatus(
    @JsonProperty("Healthy") @Nullable Boolean healthy,
    @JsonProperty("Timestamp") @Nullable String timestamp,
    @JsonProperty("Canary") boolean canary,
    @JsonProperty("ModifyIndex") long modifyIndex) {
}
