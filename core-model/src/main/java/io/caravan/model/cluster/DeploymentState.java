package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Progress of one task group in a deployment (canaries, placed, healthy, deadlines). */
@JsonPropertyOrder({"PlacedCanaries", "AutoRevert", "AutoPromote", "ProgressDeadline", "RequireProgressBy", "Promoted", "DesiredCanaries", "DesiredTotal", "PlacedAllocs", "HealthyAllocs", "UnhealthyAllocs"})
public record DeploymentState(
    @JsonProperty("PlacedCanaries") @Nullable List<String> placedCanaries,
    @JsonProperty("AutoRevert") boolean autoRevert,
    @JsonProperty("AutoPromote") boolean autoPromote,
    @JsonProperty("ProgressDeadline") Duration progressDeadline,
    @JsonProperty("RequireProgressBy") @Nullable String requireProgressBy,
    @JsonProperty("Promoted") boolean promoted,
    @JsonProperty("DesiredCanaries") int desiredCanaries,
    @JsonProperty("DesiredTotal") int desiredTotal,
    @JsonProperty("PlacedAllocs") int placedAllocs,
    @JsonProperty("HealthyAllocs") int healthyAllocs,
    @JsonProperty("UnhealthyAllocs") int unhealthyAllocs) {

  /** Copies collections into immutable ones and replaces nulls of Go value fields by their zero values. */
  public DeploymentState {
    placedCanaries = ModelCollections.copyOfList(placedCanaries);
    progressDeadline = progressDeadline == null ? Duration.ZERO : progressDeadline;
  }
}
