package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The history of reschedules that led to an allocation. */
@JsonPropertyOrder({"Events", "LastReschedule"})
public record RescheduleTracker(
    @JsonProperty("Events") @Nullable List<RescheduleEvent> events,
    @JsonProperty("LastReschedule") String lastReschedule) {

  /** Copies collections into immutable ones and replaces nulls of Go value fields by their zero values. */
  public RescheduleTracker {
    events = ModelCollections.copyOfList(events);
    lastReschedule = lastReschedule == null ? "" : lastReschedule;
  }
}
