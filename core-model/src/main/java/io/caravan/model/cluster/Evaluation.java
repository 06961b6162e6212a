package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.FreeForm;
import io.caravan.model.internal.ModelCollections;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A unit of scheduling work: why it was created, its status and what it could not place. */
@JsonPropertyOrder({"ID", "Namespace", "Priority", "Type", "TriggeredBy", "JobID", "JobModifyIndex", "NodeID", "NodeModifyIndex", "DeploymentID", "Status", "StatusDescription", "Wait", "WaitUntil", "NextEval", "PreviousEval", "BlockedEval", "RelatedEvals", "FailedTGAllocs", "ClassEligibility", "QuotaLimitReached", "EscapedComputedClass", "AnnotatePlan", "QueuedAllocations", "LeaderACL", "SnapshotIndex", "CreateIndex", "ModifyIndex", "CreateTime", "ModifyTime"})
public record Evaluation(
    @JsonProperty("ID") String id,
    @JsonProperty("Namespace") String namespace,
    @JsonProperty("Priority") int priority,
    @JsonProperty("Type") String type,
    @JsonProperty("TriggeredBy") String triggeredBy,
    @JsonProperty("JobID") String jobID,
    @JsonProperty("JobModifyIndex") long jobModifyIndex,
    @JsonProperty("NodeID") String nodeID,
    @JsonProperty("NodeModifyIndex") long nodeModifyIndex,
    @JsonProperty("DeploymentID") String deploymentID,
    @JsonProperty("Status") String status,
    @JsonProperty("StatusDescription") String statusDescription,
    @JsonProperty("Wait") Duration waitDuration,
    @JsonProperty("WaitUntil") @Nullable String waitUntil,
    @JsonProperty("NextEval") String nextEval,
    @JsonProperty("PreviousEval") String previousEval,
    @JsonProperty("BlockedEval") String blockedEval,
    @JsonProperty("RelatedEvals") @Nullable List<Map<String, Object>> relatedEvals,
    @JsonProperty("FailedTGAllocs") @Nullable Map<String, AllocMetric> failedTGAllocs,
    @JsonProperty("ClassEligibility") @Nullable Map<String, Boolean> classEligibility,
    @JsonProperty("QuotaLimitReached") String quotaLimitReached,
    @JsonProperty("EscapedComputedClass") boolean escapedComputedClass,
    @JsonProperty("AnnotatePlan") boolean annotatePlan,
    @JsonProperty("QueuedAllocations") @Nullable Map<String, Integer> queuedAllocations,
    @JsonProperty("LeaderACL") String leaderACL,
    @JsonProperty("SnapshotIndex") long snapshotIndex,
    @JsonProperty("CreateIndex") long createIndex,
    @JsonProperty("ModifyIndex") long modifyIndex,
    @JsonProperty("CreateTime") long createTime,
    @JsonProperty("ModifyTime") long modifyTime) {

  /** Copies collections into immutable ones and replaces nulls of Go value fields by their zero values. */
  public Evaluation {
    id = id == null ? "" : id;
    namespace = namespace == null ? "" : namespace;
    type = type == null ? "" : type;
    triggeredBy = triggeredBy == null ? "" : triggeredBy;
    jobID = jobID == null ? "" : jobID;
    nodeID = nodeID == null ? "" : nodeID;
    deploymentID = deploymentID == null ? "" : deploymentID;
    status = status == null ? "" : status;
    statusDescription = statusDescription == null ? "" : statusDescription;
    waitDuration = waitDuration == null ? Duration.ZERO : waitDuration;
    nextEval = nextEval == null ? "" : nextEval;
    previousEval = previousEval == null ? "" : previousEval;
    blockedEval = blockedEval == null ? "" : blockedEval;
    relatedEvals = relatedEvals == null ? null : relatedEvals.stream().map(m -> (Map<String, Object>) FreeForm.copyOf(m)).collect(com.google.common.collect.ImmutableList.toImmutableList());
    failedTGAllocs = ModelCollections.copyOfMap(failedTGAllocs);
    classEligibility = ModelCollections.copyOfMap(classEligibility);
    quotaLimitReached = quotaLimitReached == null ? "" : quotaLimitReached;
    queuedAllocations = ModelCollections.copyOfMap(queuedAllocations);
    leaderACL = leaderACL == null ? "" : leaderACL;
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
    b.priority = priority;
    b.type = type;
    b.triggeredBy = triggeredBy;
    b.jobID = jobID;
    b.jobModifyIndex = jobModifyIndex;
    b.nodeID = nodeID;
    b.nodeModifyIndex = nodeModifyIndex;
    b.deploymentID = deploymentID;
    b.status = status;
    b.statusDescription = statusDescription;
    b.waitDuration = waitDuration;
    b.waitUntil = waitUntil;
    b.nextEval = nextEval;
    b.previousEval = previousEval;
    b.blockedEval = blockedEval;
    b.relatedEvals = relatedEvals;
    b.failedTGAllocs = failedTGAllocs;
    b.classEligibility = classEligibility;
    b.quotaLimitReached = quotaLimitReached;
    b.escapedComputedClass = escapedComputedClass;
    b.annotatePlan = annotatePlan;
    b.queuedAllocations = queuedAllocations;
    b.leaderACL = leaderACL;
    b.snapshotIndex = snapshotIndex;
    b.createIndex = createIndex;
    b.modifyIndex = modifyIndex;
    b.createTime = createTime;
    b.modifyTime = modifyTime;
    return b;
  }

  /** Mutable builder of {@link Evaluation}; {@link #build()} makes an immutable record. */
  public static final class Builder {
    private String id = "";
    private String namespace = "";
    private int priority;
    private String type = "";
    private String triggeredBy = "";
    private String jobID = "";
    private long jobModifyIndex;
    private String nodeID = "";
    private long nodeModifyIndex;
    private String deploymentID = "";
    private String status = "";
    private String statusDescription = "";
    private @Nullable Duration waitDuration;
    private @Nullable String waitUntil;
    private String nextEval = "";
    private String previousEval = "";
    private String blockedEval = "";
    private @Nullable List<Map<String, Object>> relatedEvals;
    private @Nullable Map<String, AllocMetric> failedTGAllocs;
    private @Nullable Map<String, Boolean> classEligibility;
    private String quotaLimitReached = "";
    private boolean escapedComputedClass;
    private boolean annotatePlan;
    private @Nullable Map<String, Integer> queuedAllocations;
    private String leaderACL = "";
    private long snapshotIndex;
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

    /** Sets {@code Priority}. */
    public Builder priority(int priority) {
      this.priority = priority;
      return this;
    }

    /** Sets {@code Type}. */
    public Builder type(String type) {
      this.type = type;
      return this;
    }

    /** Sets {@code TriggeredBy}. */
    public Builder triggeredBy(String triggeredBy) {
      this.triggeredBy = triggeredBy;
      return this;
    }

    /** Sets {@code JobID}. */
    public Builder jobID(String jobID) {
      this.jobID = jobID;
      return this;
    }

    /** Sets {@code JobModifyIndex}. */
    public Builder jobModifyIndex(long jobModifyIndex) {
      this.jobModifyIndex = jobModifyIndex;
      return this;
    }

    /** Sets {@code NodeID}. */
    public Builder nodeID(String nodeID) {
      this.nodeID = nodeID;
      return this;
    }

    /** Sets {@code NodeModifyIndex}. */
    public Builder nodeModifyIndex(long nodeModifyIndex) {
      this.nodeModifyIndex = nodeModifyIndex;
      return this;
    }

    /** Sets {@code DeploymentID}. */
    public Builder deploymentID(String deploymentID) {
      this.deploymentID = deploymentID;
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

    /** Sets {@code Wait}. */
    public Builder waitDuration(@Nullable Duration waitDuration) {
      this.waitDuration = waitDuration;
      return this;
    }

    /** Sets {@code WaitUntil}. */
    public Builder waitUntil(@Nullable String waitUntil) {
      this.waitUntil = waitUntil;
      return this;
    }

    /** Sets {@code NextEval}. */
    public Builder nextEval(String nextEval) {
      this.nextEval = nextEval;
      return this;
    }

    /** Sets {@code PreviousEval}. */
    public Builder previousEval(String previousEval) {
      this.previousEval = previousEval;
      return this;
    }

    /** Sets {@code BlockedEval}. */
    public Builder blockedEval(String blockedEval) {
      this.blockedEval = blockedEval;
      return this;
    }

    /** Sets {@code RelatedEvals}. */
    public Builder relatedEvals(@Nullable List<Map<String, Object>> relatedEvals) {
      this.relatedEvals = relatedEvals;
      return this;
    }

    /** Sets {@code FailedTGAllocs}. */
    public Builder failedTGAllocs(@Nullable Map<String, AllocMetric> failedTGAllocs) {
      this.failedTGAllocs = failedTGAllocs;
      return this;
    }

    /** Sets {@code ClassEligibility}. */
    public Builder classEligibility(@Nullable Map<String, Boolean> classEligibility) {
      this.classEligibility = classEligibility;
      return this;
    }

    /** Sets {@code QuotaLimitReached}. */
    public Builder quotaLimitReached(String quotaLimitReached) {
      this.quotaLimitReached = quotaLimitReached;
      return this;
    }

    /** Sets {@code EscapedComputedClass}. */
    public Builder escapedComputedClass(boolean escapedComputedClass) {
      this.escapedComputedClass = escapedComputedClass;
      return this;
    }

    /** Sets {@code AnnotatePlan}. */
    public Builder annotatePlan(boolean annotatePlan) {
      this.annotatePlan = annotatePlan;
      return this;
    }

    /** Sets {@code QueuedAllocations}. */
    public Builder queuedAllocations(@Nullable Map<String, Integer> queuedAllocations) {
      this.queuedAllocations = queuedAllocations;
      return this;
    }

    /** Sets {@code LeaderACL}. */
    public Builder leaderACL(String leaderACL) {
      this.leaderACL = leaderACL;
      return this;
    }

    /** Sets {@code SnapshotIndex}. */
    public Builder snapshotIndex(long snapshotIndex) {
      this.snapshotIndex = snapshotIndex;
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

    /** The immutable Evaluation. */
    public Evaluation build() {
      return new Evaluation(
          id, namespace, priority, type, triggeredBy, jobID, jobModifyIndex, nodeID,
          nodeModifyIndex, deploymentID, status, statusDescription, waitDuration, waitUntil,
          nextEval, previousEval, blockedEval, relatedEvals, failedTGAllocs, classEligibility,
          quotaLimitReached, escapedComputedClass, annotatePlan, queuedAllocations, leaderACL,
          snapshotIndex, createIndex, modifyIndex, createTime, modifyTime);
    }
  }
}
