package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import io.caravan.model.job.Job;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One placement of a task group on a node, with its desired and client state (Nomad's {@code Allocation}). */
@JsonPropertyOrder({"ID", "Namespace", "EvalID", "Name", "NodeID", "NodeName", "JobID", "Job", "TaskGroup", "AllocatedResources", "Metrics", "DesiredStatus", "DesiredDescription", "DesiredTransition", "ClientStatus", "ClientDescription", "TaskStates", "DeploymentID", "DeploymentStatus", "RescheduleTracker", "PreviousAllocation", "NextAllocation", "FollowupEvalID", "PreemptedAllocations", "PreemptedByAllocation", "CreateIndex", "ModifyIndex", "AllocModifyIndex", "CreateTime", "ModifyTime"})
public record Allocation(
    @JsonProperty("ID") String id,
    @JsonProperty("Namespace") String namespace,
    @JsonProperty("EvalID") String evalID,
    @JsonProperty("Name") String name,
    @JsonProperty("NodeID") String nodeID,
    @JsonProperty("NodeName") String nodeName,
    @JsonProperty("JobID") String jobID,
    @JsonProperty("Job") @Nullable Job job,
    @JsonProperty("TaskGroup") String taskGroup,
    @JsonProperty("AllocatedResources") @Nullable AllocatedResources allocatedResources,
    @JsonProperty("Metrics") @Nullable AllocMetric metrics,
    @JsonProperty("DesiredStatus") String desiredStatus,
    @JsonProperty("DesiredDescription") String desiredDescription,
    @JsonProperty("DesiredTransition") @Nullable DesiredTransition desiredTransition,
    @JsonProperty("ClientStatus") String clientStatus,
    @JsonProperty("ClientDescription") String clientDescription,
    @JsonProperty("TaskStates") @Nullable Map<String, TaskState> taskStates,
    @JsonProperty("DeploymentID") String deploymentID,
    @JsonProperty("DeploymentStatus") @Nullable AllocDeploymentStatus deploymentStatus,
    @JsonProperty("RescheduleTracker") @Nullable RescheduleTracker rescheduleTracker,
    @JsonProperty("PreviousAllocation") String previousAllocation,
    @JsonProperty("NextAllocation") String nextAllocation,
    @JsonProperty("FollowupEvalID") String followupEvalID,
    @JsonProperty("PreemptedAllocations") @Nullable List<String> preemptedAllocations,
    @JsonProperty("PreemptedByAllocation") String preemptedByAllocation,
    @JsonProperty("CreateIndex") long createIndex,
    @JsonProperty("ModifyIndex") long modifyIndex,
    @JsonProperty("AllocModifyIndex") long allocModifyIndex,
    @JsonProperty("CreateTime") long createTime,
    @JsonProperty("ModifyTime") long modifyTime) {

  /** Copies collections into immutable ones and replaces nulls of Go value fields by their zero values. */
  public Allocation {
    id = id == null ? "" : id;
    namespace = namespace == null ? "" : namespace;
    evalID = evalID == null ? "" : evalID;
    name = name == null ? "" : name;
    nodeID = nodeID == null ? "" : nodeID;
    nodeName = nodeName == null ? "" : nodeName;
    jobID = jobID == null ? "" : jobID;
    taskGroup = taskGroup == null ? "" : taskGroup;
    desiredStatus = desiredStatus == null ? "" : desiredStatus;
    desiredDescription = desiredDescription == null ? "" : desiredDescription;
    clientStatus = clientStatus == null ? "" : clientStatus;
    clientDescription = clientDescription == null ? "" : clientDescription;
    taskStates = ModelCollections.copyOfMap(taskStates);
    deploymentID = deploymentID == null ? "" : deploymentID;
    previousAllocation = previousAllocation == null ? "" : previousAllocation;
    nextAllocation = nextAllocation == null ? "" : nextAllocation;
    followupEvalID = followupEvalID == null ? "" : followupEvalID;
    preemptedAllocations = ModelCollections.copyOfList(preemptedAllocations);
    preemptedByAllocation = preemptedByAllocation == null ? "" : preemptedByAllocation;
  }

  /** True when the servers want the allocation gone (desired stop or evict). */
  public boolean serverTerminal() {
    return AllocStatus.DESIRED_STOP.equals(desiredStatus) || AllocStatus.DESIRED_EVICT.equals(desiredStatus);
  }

  /** True when the client reports it finished (complete, failed or lost). */
  public boolean clientTerminal() {
    return AllocStatus.CLIENT_COMPLETE.equals(clientStatus)
        || AllocStatus.CLIENT_FAILED.equals(clientStatus)
        || AllocStatus.CLIENT_LOST.equals(clientStatus);
  }

  /** True when either the server or the client considers the allocation terminal. */
  public boolean terminal() {
    return serverTerminal() || clientTerminal();
  }
}
