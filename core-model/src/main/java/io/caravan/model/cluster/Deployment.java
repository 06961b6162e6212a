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

  /** A builder with every component at its Go zero value (null for pointers and collections). */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this record's components, to make a modified copy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.namespace = namespace;
    b.jobID = jobID;
    b.jobVersion = jobVersion;
    b.jobModifyIndex = jobModifyIndex;
    b.jobSpecModifyIndex = jobSpecModifyIndex;
    b.jobCreateIndex = jobCreateIndex;
    b.isMultiregion = isMultiregion;
    b.taskGroups = taskGroups;
    b.status = status;
    b.statusDescription = statusDescription;
    b.evalPriority = evalPriority;
    b.createIndex = createIndex;
    b.modifyIndex = modifyIndex;
    b.createTime = createTime;
    b.modifyTime = modifyTime;
    return b;
  }

  /** Mutable builder of {@link Deployment}; {@link #build()} makes an immutable record. */
  public static final class Builder {
    private String id = "";
    private String namespace = "";
    private String jobID = "";
    private long jobVersion;
    private long jobModifyIndex;
    private long jobSpecModifyIndex;
    private long jobCreateIndex;
    private boolean isMultiregion;
    private @Nullable Map<String, DeploymentState> taskGroups;
    private String status = "";
    private String statusDescription = "";
    private int evalPriority;
    private long createIndex;
    private long modifyIndex;
    private long createTime;
    private long modifyTime;

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

    /** Sets {@code JobID}. */
    public Builder jobID(String jobID) {
      this.jobID = jobID;
      return this;
    }

    /** Sets {@code JobVersion}. */
    public Builder jobVersion(long jobVersion) {
      this.jobVersion = jobVersion;
      return this;
    }

    /** Sets {@code JobModifyIndex}. */
    public Builder jobModifyIndex(long jobModifyIndex) {
      this.jobModifyIndex = jobModifyIndex;
      return this;
    }

    /** Sets {@code JobSpecModifyIndex}. */
    public Builder jobSpecModifyIndex(long jobSpecModifyIndex) {
      this.jobSpecModifyIndex = jobSpecModifyIndex;
      return this;
    }

    /** Sets {@code JobCreateIndex}. */
    public Builder jobCreateIndex(long jobCreateIndex) {
      this.jobCreateIndex = jobCreateIndex;
      return this;
    }

    /** Sets {@code IsMultiregion}. */
    public Builder isMultiregion(boolean isMultiregion) {
      this.isMultiregion = isMultiregion;
      return this;
    }

    /** Sets {@code TaskGroups}. */
    public Builder taskGroups(@Nullable Map<String, DeploymentState> taskGroups) {
      this.taskGroups = taskGroups;
      return this;
    }

    /** Sets {@code Status}. */
    public Builder status(String status) {
      this.status = status;
      return this;
    }

    /** Sets {@code StatusDescription}. */
    public Builder statusDescription(String statusDescription) {
      this.statusDescription = statusDescription;
      return this;
    }

    /** Sets {@code EvalPriority}. */
    public Builder evalPriority(int evalPriority) {
      this.evalPriority = evalPriority;
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

    /** The immutable Deployment. */
    public Deployment build() {
      return new Deployment(
          id, namespace, jobID, jobVersion, jobModifyIndex, jobSpecModifyIndex, jobCreateIndex,
          isMultiregion, taskGroups, status, statusDescription, evalPriority, createIndex,
          modifyIndex, createTime, modifyTime);
    }
  }
}
