package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.FreeForm;
import io.caravan.model.internal.ModelCollections;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One device instance and its health. */
@JsonPropertyOrder({"ID", "Healthy", "HealthDescription", "Locality"})
public record NodeDevice(
    @JsonProperty("ID") String id,
    @JsonProperty("Healthy") boolean healthy,
    @JsonProperty("HealthDescription") String healthDescription,
    @JsonProperty("Locality") @Nullable Map<String, Object> locality) {

  /** Copies collections into immutable ones and replaces nulls of Go value fields by their zero values. */
  public NodeDevice {
    id = id == null ? "" : id;
    healthDescription = healthDescription == null ? "" : healthDescription;
    locality = FreeForm.copyOf(locality);
  }
}
