package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The last drain of a node: when and how it ran. */
@JsonPropertyOrder({"StartedAt", "UpdatedAt", "Status", "AccessorID", "Meta"})
public record DrainMetadata(
    @JsonProperty("StartedAt") String startedAt,
    @JsonProperty("UpdatedAt") String updatedAt,
    @JsonProperty("Status") String status,
    @JsonProperty("AccessorID") String accessorID,
    @JsonProperty("Meta") @Nullable Map<String, String> meta) {

  /** Copies collections into immutable ones and replaces nulls of Go value fields by their zero values. */
  public DrainMetadata {
    startedAt = startedAt == null ? "" : startedAt;
    updatedAt = updatedAt == null ? "" : updatedAt;
    status = status == null ? "" : status;
    accessorID = accessorID == null ? "" : accessorID;
    meta = ModelCollections.copyOfMap(meta);
  }
}
