package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A rolling update of a job version across its task groups. */
@JsonPropertyOrder({"ID", "Namespace", "JobID", "JobVersion", "JobModifyIndex", "JobSpecModifyIndex", "JobCreateIndex", "IsMultiregion", "TaskGroups", "Status", "StatusDescription", "EvalPriority", "CreateIndex", "ModifyIndex", "CreateTime", "ModifyTime"})
public record Deployment(
    @JsonProperty("ID") String id,
    @JsonProperty("Namespace") String namespace,
    @JsonProperty("JobID") String jobID,
    @JsonProperty("JobVersion") long jobVersion,
    @JsonProperty("JobModifyIndex") long jobModifyIndex,
    @JsonProperty("JobSpecModifyIndex") long jobSpecModifyIndex,
    @JsonProperty("JobCreateIndex") long jobCreateIndex,
    @JsonProperty("IsMultiregion") boolean isMultiregion,
    @JsonProperty("TaskGroups") @Nullable Map<String, DeploymentState> taskGroups,
    @JsonProperty("Status") String status,
    @JsonProperty("StatusDescription") String statusDescription,
    @JsonProperty("EvalPriority") int evalPriority,
    @JsonProperty("CreateIndex") long createIndex,
    @JsonProperty("ModifyIndex") long modifyIndex,
    @JsonProperty("CreateTime") long createTime,
    @JsonProperty("ModifyTime") long modifyTime) {

  /** Copies collections into immutable ones and replaces nulls of Go value fields by their zero values. */
  public Deployment {
    id = id == null ? "" : id;
    namespace = namespace == null ? "" : namespace;
    jobID = jobID == null ? "" : jobID;
    taskGroups = ModelCollections.copyOfMap(taskGroups);
    status = status == null ? "" : status;
    statusDescription = statusDescription == null ? "" : statusDescription;
  }
}
