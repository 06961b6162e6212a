package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/** How a multi-region job is rolled out across regions. */
@JsonPropertyOrder({"MaxParallel", "OnFailure"})
public record MultiregionStrategy(
    @JsonProperty("MaxParallel") @Nullable Integer maxParallel,
    @JsonProperty("OnFailure") @Nullable String onFailure) {
}
