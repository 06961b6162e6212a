package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A task driver's fingerprint on a node: detected, healthy and its attributes. */
@JsonPropertyOrder({"Attributes", "Detected", "Healthy", "HealthDescription", "UpdateTime"})
public record DriverInfo(
    @JsonProperty("Attributes") @Nullable Map<String, String> attributes,
    @JsonProperty("Detected") boolean detected,
    @JsonProperty("Healthy") boolean healthy,
    @JsonProperty("HealthDescription") String healthDescription,
    @JsonProperty("UpdateTime") String updateTime) {

  /** Copies collections into immutable ones and replaces nulls of Go value fields by their zero values. */
  public DriverInfo {
    attributes = ModelCollections.copyOfMap(attributes);
    healthDescription = healthDescription == null ? "" : healthDescription;
    updateTime = updateTime == null ? "" : updateTime;
  }
}
