package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** When to restart a task because its health checks keep failing. */
@JsonPropertyOrder({"Limit", "Grace", "IgnoreWarnings"})
public record CheckRestart(
    @JsonProperty("Limit") int limit,
    @JsonProperty("Grace") @Nullable Duration grace,
    @JsonProperty("IgnoreWarnings") boolean ignoreWarnings) {
}
