package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One entry of a node's event history. */
@JsonPropertyOrder({"Message", "Subsystem", "Details", "Timestamp", "CreateIndex"})
public record NodeEvent(
    @JsonProperty("Message") String message,
    @JsonProperty("Subsystem") String subsystem,
    @JsonProperty("Details") @Nullable Map<String, String> details,
    @JsonProperty("Timestamp") String timestamp,
    @JsonProperty("CreateIndex") long createIndex) {

  /** Copies collections into immutable ones and replaces nulls of Go value fields by their zero values. */
  public NodeEvent {
    message = message == null ? "" : message;
    subsystem = subsystem == null ? "" : subsystem;
    details = ModelCollections.copyOfMap(details);
    timestamp = timestamp == null ? "" : timestamp;
  }
}
