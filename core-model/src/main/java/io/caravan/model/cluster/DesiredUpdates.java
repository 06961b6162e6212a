package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** How many allocations of a task group a plan ignores, places, migrates, stops or updates. */
@JsonPropertyOrder({"Ignore", "Place", "Migrate", "Stop", "InPlaceUpdate", "DestructiveUpdate", "Canary", "Preemptions", "Reconnect", "Disconnect", "RescheduleNow", "RescheduleLater"})
public record DesiredUpdates(
    @JsonProperty("Ignore") long ignore,
    @JsonProperty("Place") long place,
    @JsonProperty("Migrate") long migrate,
    @JsonProperty("Stop") long stop,
    @JsonProperty("InPlaceUpdate") long inPlaceUpdate,
    @JsonProperty("DestructiveUpdate") long destructiveUpdate,
    @JsonProperty("Canary") long canary,
    @JsonProperty("Preemptions") long preemptions,
    @JsonProperty("Reconnect") long reconnect,
    @JsonProperty("Disconnect") long disconnect,
    @JsonProperty("RescheduleNow") long rescheduleNow,
    @JsonProperty("RescheduleLater") long rescheduleLater) {
}
