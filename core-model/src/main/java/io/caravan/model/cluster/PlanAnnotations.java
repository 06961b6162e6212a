package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Plan annotations: desired changes per task group and the allocations that would be preempted. */
@JsonPropertyOrder({"DesiredTGUpdates", "PreemptedAllocs"})
public record PlanAnnotations(
    @JsonProperty("DesiredTGUpdates") @Nullable Map<String, DesiredUpdates> desiredTGUpdates,
    @JsonProperty("PreemptedAllocs") @Nullable List<Allocation> preemptedAllocs) {

  /** Copies collections into immutable ones and replaces nulls of Go value fields by their zero values. */
  public PlanAnnotations {
    desiredTGUpdates = ModelCollections.copyOfMap(desiredTGUpdates);
    preemptedAllocs = ModelCollections.copyOfList(preemptedAllocs);
  }
}
