package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.FreeForm;
import io.caravan.model.internal.ModelCollections;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Why a placement went where it did, or failed: Nomad's scheduling counters and top scores. */
@JsonPropertyOrder({"NodesEvaluated", "NodesFiltered", "NodesInPool", "NodePool", "NodesAvailable", "ClassFiltered", "ConstraintFiltered", "NodesExhausted", "ClassExhausted", "DimensionExhausted", "QuotaExhausted", "ResourcesExhausted", "ScoreMetaData", "AllocationTime", "CoalescedFailures"})
public record AllocMetric(
    @JsonProperty("NodesEvaluated") int nodesEvaluated,
    @JsonProperty("NodesFiltered") int nodesFiltered,
    @JsonProperty("NodesInPool") int nodesInPool,
    @JsonProperty("NodePool") String nodePool,
    @JsonProperty("NodesAvailable") @Nullable Map<String, Integer> nodesAvailable,
    @JsonProperty("ClassFiltered") @Nullable Map<String, Integer> classFiltered,
    @JsonProperty("ConstraintFiltered") @Nullable Map<String, Integer> constraintFiltered,
    @JsonProperty("NodesExhausted") int nodesExhausted,
    @JsonProperty("ClassExhausted") @Nullable Map<String, Integer> classExhausted,
    @JsonProperty("DimensionExhausted") @Nullable Map<String, Integer> dimensionExhausted,
    @JsonProperty("QuotaExhausted") @Nullable List<String> quotaExhausted,
    @JsonProperty("ResourcesExhausted") @Nullable Map<String, Object> resourcesExhausted,
    @JsonProperty("ScoreMetaData") @Nullable List<NodeScoreMeta> scoreMetaData,
    @JsonProperty("AllocationTime") Duration allocationTime,
    @JsonProperty("CoalescedFailures") int coalescedFailures) {

  /** Copies collections into immutable ones and replaces nulls of Go value fields by their zero values. */
  public AllocMetric {
    nodePool = nodePool == null ? "" : nodePool;
    nodesAvailable = ModelCollections.copyOfMap(nodesAvailable);
    classFiltered = ModelCollections.copyOfMap(classFiltered);
    constraintFiltered = ModelCollections.copyOfMap(constraintFiltered);
    classExhausted = ModelCollections.copyOfMap(classExhausted);
    dimensionExhausted = ModelCollections.copyOfMap(dimensionExhausted);
    quotaExhausted = ModelCollections.copyOfList(quotaExhausted);
    resourcesExhausted = FreeForm.copyOf(resourcesExhausted);
    scoreMetaData = ModelCollections.copyOfList(scoreMetaData);
    allocationTime = allocationTime == null ? Duration.ZERO : allocationTime;
  }
}
