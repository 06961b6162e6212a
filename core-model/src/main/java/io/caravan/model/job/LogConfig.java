package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/** Log rotation settings of a task. */
@JsonPropertyOrder({"MaxFiles", "MaxFileSizeMB", "Enabled", "Disabled"})
public record LogConfig(
    @JsonProperty("MaxFiles") @Nullable Integer maxFiles,
    @JsonProperty("MaxFileSizeMB") @Nullable Integer maxFileSizeMB,
    @JsonProperty("Enabled") @Nullable Boolean enabled,
    @JsonProperty("Disabled") @Nullable Boolean disabled) {
}
