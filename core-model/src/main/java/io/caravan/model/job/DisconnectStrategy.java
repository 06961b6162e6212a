package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** How clients and servers treat allocations on a disconnected node. */
@JsonPropertyOrder({"LostAfter", "StopOnClientAfter", "Replace", "Reconcile"})
public record DisconnectStrategy(
    @JsonProperty("LostAfter") @Nullable Duration lostAfter,
    @JsonProperty("StopOnClientAfter") @Nullable Duration stopOnClientAfter,
    @JsonProperty("Replace") @Nullable Boolean replace,
    @JsonProperty("Reconcile") @Nullable String reconcile) {
}
