package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import io.caravan.model.job.Job;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One placement of a task group on a node, with its desired and client state (Nomad's {@code Allocation}). */
@JsonPropertyOrder({"ID", "Namespace", "EvalID", "Name", "NodeID", "NodeName", "JobID", "Job", "TaskGroup", "AllocatedResources", "Metrics", "DesiredStatus", "DesiredDescription", "DesiredTransition", "ClientStatus", "ClientDescription", "TaskStates", "AllocStates", "DeploymentID", "DeploymentStatus", "RescheduleTracker", "PreviousAllocation", "NextAllocation", "FollowupEvalID", "PreemptedAllocations", "PreemptedByAllocation", "CreateIndex", "ModifyIndex", "AllocModifyIndex", "CreateTime", "ModifyTime"})
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
    @JsonProperty("ModifyTime") long modifyTime,
    @JsonProperty("AllocStates") @Nullable List<AllocState> allocStates) {

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
    allocStates = ModelCollections.copyOfList(allocStates);
  }

  /** An allocation without recorded state changes ({@code AllocStates} null). */
  public Allocation(String id, String namespace, String evalID, String name, String nodeID, String nodeName,
      String jobID, @Nullable Job job, String taskGroup, @Nullable AllocatedResources allocatedResources,
      @Nullable AllocMetric metrics, String desiredStatus, String desiredDescription,
      @Nullable DesiredTransition desiredTransition, String clientStatus, String clientDescription,
      @Nullable Map<String, TaskState> taskStates, String deploymentID, @Nullable AllocDeploymentStatus deploymentStatus,
      @Nullable RescheduleTracker rescheduleTracker, String previousAllocation, String nextAllocation,
      String followupEvalID, @Nullable List<String> preemptedAllocations, String preemptedByAllocation,
      long createIndex, long modifyIndex, long allocModifyIndex, long createTime, long modifyTime) {
    this(id, namespace, evalID, name, nodeID, nodeName, jobID, job, taskGroup, allocatedResources, metrics,
        desiredStatus, desiredDescription, desiredTransition, clientStatus, clientDescription, taskStates,
        deploymentID, deploymentStatus, rescheduleTracker, previousAllocation, nextAllocation, followupEvalID,
        preemptedAllocations, preemptedByAllocation, createIndex, modifyIndex, allocModifyIndex, createTime,
        modifyTime, null);
  }

  /** Returns {@code AllocStates}, or an empty list when it is absent. */
  public List<AllocState> allocStatesOrEmpty() {
    return allocStates == null ? List.of() : allocStates;
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

  /** A builder with every component at its Go zero value (null for pointers and collections). */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this record's components, to make a modified copy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.namespace = namespace;
    b.evalID = evalID;
    b.name = name;
    b.nodeID = nodeID;
    b.nodeName = nodeName;
    b.jobID = jobID;
    b.job = job;
    b.taskGroup = taskGroup;
    b.allocatedResources = allocatedResources;
    b.metrics = metrics;
    b.desiredStatus = desiredStatus;
    b.desiredDescription = desiredDescription;
    b.desiredTransition = desiredTransition;
    b.clientStatus = clientStatus;
    b.clientDescription = clientDescription;
    b.taskStates = taskStates;
    b.deploymentID = deploymentID;
    b.deploymentStatus = deploymentStatus;
    b.rescheduleTracker = rescheduleTracker;
    b.previousAllocation = previousAllocation;
    b.nextAllocation = nextAllocation;
    b.followupEvalID = followupEvalID;
    b.preemptedAllocations = preemptedAllocations;
    b.preemptedByAllocation = preemptedByAllocation;
    b.createIndex = createIndex;
    b.modifyIndex = modifyIndex;
    b.allocModifyIndex = allocModifyIndex;
    b.createTime = createTime;
    b.modifyTime = modifyTime;
    b.allocStates = allocStates;
    return b;
  }

  /** Mutable builder of {@link Allocation}; {@link #build()} makes an immutable record. */
  public static final class Builder {
    private String id = "";
    private String namespace = "";
    private String evalID = "";
    private String name = "";
    private String nodeID = "";
    private String nodeName = "";
    private String jobID = "";
    private @Nullable Job job;
    private String taskGroup = "";
    private @Nullable AllocatedResources allocatedResources;
    private @Nullable AllocMetric metrics;
    private String desiredStatus = "";
    private String desiredDescription = "";
    private @Nullable DesiredTransition desiredTransition;
    private String clientStatus = "";
    private String clientDescription = "";
    private @Nullable Map<String, TaskState> taskStates;
    private String deploymentID = "";
    private @Nullable AllocDeploymentStatus deploymentStatus;
    private @Nullable RescheduleTracker rescheduleTracker;
    private String previousAllocation = "";
    private String nextAllocation = "";
    private String followupEvalID = "";
    private @Nullable List<String> preemptedAllocations;
    private String preemptedByAllocation = "";
    private long createIndex;
    private long modifyIndex;
    private long allocModifyIndex;
    private long createTime;
    private long modifyTime;
    private @Nullable List<AllocState> allocStates;

    private Builder() {}

    /** Sets {@code ID}. */
    public Builder id(String id) {
      this.id = id;
      return this;
    }

    /** Sets {@code Namespace}. */
    public Builder namespace(String namespace) {
      this.namespace = namespace;
      return this;
    }

    /** Sets {@code EvalID}. */
    public Builder evalID(String evalID) {
      this.evalID = evalID;
      return this;
    }

    /** Sets {@code Name}. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Sets {@code NodeID}. */
    public Builder nodeID(String nodeID) {
      this.nodeID = nodeID;
      return this;
    }

    /** Sets {@code NodeName}. */
    public Builder nodeName(String nodeName) {
      this.nodeName = nodeName;
      return this;
    }

    /** Sets {@code JobID}. */
    public Builder jobID(String jobID) {
      this.jobID = jobID;
      return this;
    }

    /** Sets {@code Job}. */
    public Builder job(@Nullable Job job) {
      this.job = job;
      return this;
    }

    /** Sets {@code TaskGroup}. */
    public Builder taskGroup(String taskGroup) {
      this.taskGroup = taskGroup;
      return this;
    }

    /** Sets {@code AllocatedResources}. */
    public Builder allocatedResources(@Nullable AllocatedResources allocatedResources) {
      this.allocatedResources = allocatedResources;
      return this;
    }

    /** Sets {@code Metrics}. */
    public Builder metrics(@Nullable AllocMetric metrics) {
      this.metrics = metrics;
      return this;
    }

    /** Sets {@code DesiredStatus}. */
    public Builder desiredStatus(String desiredStatus) {
      this.desiredStatus = desiredStatus;
      return this;
    }

    /** Sets {@code DesiredDescription}. */
    public Builder desiredDescription(String desiredDescription) {
      this.desiredDescription = desiredDescription;
      return this;
    }

    /** Sets {@code DesiredTransition}. */
    public Builder desiredTransition(@Nullable DesiredTransition desiredTransition) {
      this.desiredTransition = desiredTransition;
      return this;
    }

    /** Sets {@code ClientStatus}. */
    public Builder clientStatus(String clientStatus) {
      this.clientStatus = clientStatus;
      return this;
    }

    /** Sets {@code ClientDescription}. */
    public Builder clientDescription(String clientDescription) {
      this.clientDescription = clientDescription;
      return this;
    }

    /** Sets {@code TaskStates}. */
    public Builder taskStates(@Nullable Map<String, TaskState> taskStates) {
      this.taskStates = taskStates;
      return this;
    }

    /** Sets {@code DeploymentID}. */
    public Builder deploymentID(String deploymentID) {
      this.deploymentID = deploymentID;
      return this;
    }

    /** Sets {@code DeploymentStatus}. */
    public Builder deploymentStatus(@Nullable AllocDeploymentStatus deploymentStatus) {
      this.deploymentStatus = deploymentStatus;
      return this;
    }

    /** Sets {@code RescheduleTracker}. */
    public Builder rescheduleTracker(@Nullable RescheduleTracker rescheduleTracker) {
      this.rescheduleTracker = rescheduleTracker;
      return this;
    }

    /** Sets {@code PreviousAllocation}. */
    public Builder previousAllocation(String previousAllocation) {
      this.previousAllocation = previousAllocation;
      return this;
    }

    /** Sets {@code NextAllocation}. */
    public Builder nextAllocation(String nextAllocation) {
      this.nextAllocation = nextAllocation;
      return this;
    }

    /** Sets {@code FollowupEvalID}. */
    public Builder followupEvalID(String followupEvalID) {
      this.followupEvalID = followupEvalID;
      return this;
    }

    /** Sets {@code PreemptedAllocations}. */
    public Builder preemptedAllocations(@Nullable List<String> preemptedAllocations) {
      this.preemptedAllocations = preemptedAllocations;
      return this;
    }

    /** Sets {@code PreemptedByAllocation}. */
    public Builder preemptedByAllocation(String preemptedByAllocation) {
      this.preemptedByAllocation = preemptedByAllocation;
      return this;
    }

    /** Sets {@code CreateIndex}. */
    public Builder createIndex(long createIndex) {
      this.createIndex = createIndex;
      return this;
    }

    /** Sets {@code ModifyIndex}. */
    public Builder modifyIndex(long modifyIndex) {
      this.modifyIndex = modifyIndex;
      return this;
    }

    /** Sets {@code AllocModifyIndex}. */
    public Builder allocModifyIndex(long allocModifyIndex) {
      this.allocModifyIndex = allocModifyIndex;
      return this;
    }

    /** Sets {@code CreateTime}. */
    public Builder createTime(long createTime) {
      this.createTime = createTime;
      return this;
    }

    /** Sets {@code ModifyTime}. */
    public Builder modifyTime(long modifyTime) {
      this.modifyTime = modifyTime;
      return this;
    }

    /** Sets {@code AllocStates}. */
    public Builder allocStates(@Nullable List<AllocState> allocStates) {
      this.allocStates = allocStates;
      return this;
    }

    /** The immutable Allocation. */
    public Allocation build() {
      return new Allocation(
          id, namespace, evalID, name, nodeID, nodeName, jobID, job, taskGroup, allocatedResources,
          metrics, desiredStatus, desiredDescription, desiredTransition, clientStatus,
          clientDescription, taskStates, deploymentID, deploymentStatus, rescheduleTracker,
          previousAllocation, nextAllocation, followupEvalID, preemptedAllocations,
          preemptedByAllocation, createIndex, modifyIndex, allocModifyIndex, createTime,
          modifyTime, allocStates);
    }
  }
}
