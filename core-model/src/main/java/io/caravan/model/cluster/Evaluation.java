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
}
