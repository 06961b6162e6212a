package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import io.caravan.model.job.Job;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What a scheduler wants changed: stops, placements and preemptions per node, plus deployment changes. */
@JsonPropertyOrder({"EvalID", "EvalToken", "Priority", "AllAtOnce", "Job", "NodeUpdate", "NodeAllocation", "NodePreemptions", "Annotations", "Deployment", "DeploymentUpdates", "SnapshotIndex"})
public record Plan(
    @JsonProperty("EvalID") String evalID,
    @JsonProperty("EvalToken") String evalToken,
    @JsonProperty("Priority") int priority,
    @JsonProperty("AllAtOnce") boolean allAtOnce,
    @JsonProperty("Job") @Nullable Job job,
    @JsonProperty("NodeUpdate") @Nullable Map<String, List<Allocation>> nodeUpdate,
    @JsonProperty("NodeAllocation") @Nullable Map<String, List<Allocation>> nodeAllocation,
    @JsonProperty("NodePreemptions") @Nullable Map<String, List<Allocation>> nodePreemptions,
    @JsonProperty("Annotations") @Nullable PlanAnnotations annotations,
    @JsonProperty("Deployment") @Nullable Deployment deployment,
    @JsonProperty("DeploymentUpdates") @Nullable List<DeploymentStatusUpdate> deploymentUpdates,
    @JsonProperty("SnapshotIndex") long snapshotIndex) {

  /** Copies collections into immutable ones and replaces nulls of Go value fields by their zero values. */
  public Plan {
    evalID = evalID == null ? "" : evalID;
    evalToken = evalToken == null ? "" : evalToken;
    nodeUpdate = AllocationMaps.copyOf(nodeUpdate);
    nodeAllocation = AllocationMaps.copyOf(nodeAllocation);
    nodePreemptions = AllocationMaps.copyOf(nodePreemptions);
    deploymentUpdates = ModelCollections.copyOfList(deploymentUpdates);
  }
}
