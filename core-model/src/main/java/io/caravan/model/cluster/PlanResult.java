package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What the plan applier committed: the accepted part of a plan and the index to refresh to when partial. */
@JsonPropertyOrder({"NodeUpdate", "NodeAllocation", "NodePreemptions", "Deployment", "DeploymentUpdates", "RejectedNodes", "IneligibleNodes", "RefreshIndex", "AllocIndex"})
public record PlanResult(
    @JsonProperty("NodeUpdate") @Nullable Map<String, List<Allocation>> nodeUpdate,
    @JsonProperty("NodeAllocation") @Nullable Map<String, List<Allocation>> nodeAllocation,
    @JsonProperty("NodePreemptions") @Nullable Map<String, List<Allocation>> nodePreemptions,
    @JsonProperty("Deployment") @Nullable Deployment deployment,
    @JsonProperty("DeploymentUpdates") @Nullable List<DeploymentStatusUpdate> deploymentUpdates,
    @JsonProperty("RejectedNodes") @Nullable List<String> rejectedNodes,
    @JsonProperty("IneligibleNodes") @Nullable List<String> ineligibleNodes,
    @JsonProperty("RefreshIndex") long refreshIndex,
    @JsonProperty("AllocIndex") long allocIndex) {

  /** Copies collections into immutable ones and replaces nulls of Go value fields by their zero values. */
  public PlanResult {
    nodeUpdate = AllocationMaps.copyOf(nodeUpdate);
    nodeAllocation = AllocationMaps.copyOf(nodeAllocation);
    nodePreemptions = AllocationMaps.copyOf(nodePreemptions);
    deploymentUpdates = ModelCollections.copyOfList(deploymentUpdates);
    rejectedNodes = ModelCollections.copyOfList(rejectedNodes);
    ineligibleNodes = ModelCollections.copyOfList(ineligibleNodes);
  }
}
