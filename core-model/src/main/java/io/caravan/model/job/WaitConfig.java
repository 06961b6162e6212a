package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Minimum and maximum quiescence wait of a template. */
@JsonPropertyOrder({"Min", "Max"})
public record WaitConfig(
    @JsonProperty("Min") @Nullable Duration min,
    @JsonProperty("Max") @Nullable Duration max) {
}
