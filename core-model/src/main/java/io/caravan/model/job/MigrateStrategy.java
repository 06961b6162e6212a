package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** How allocations are migrated off draining nodes. */
@JsonPropertyOrder({"MaxParallel", "HealthCheck", "MinHealthyTime", "HealthyDeadline"})
public record MigrateStrategy(
    @JsonProperty("MaxParallel") @Nullable Integer maxParallel,
    @JsonProperty("HealthCheck") @Nullable String healthCheck,
    @JsonProperty("MinHealthyTime") @Nullable Duration minHealthyTime,
    @JsonProperty("HealthyDeadline") @Nullable Duration healthyDeadline) {
}
