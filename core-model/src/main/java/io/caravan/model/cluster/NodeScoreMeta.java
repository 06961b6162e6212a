package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One of the top node scores of a placement: per-scorer scores and the normalized score. */
@JsonPropertyOrder({"NodeID", "Scores", "NormScore"})
public record NodeScoreMeta(
    @JsonProperty("NodeID") String nodeID,
    @JsonProperty("Scores") @Nullable Map<String, Double> scores,
    @JsonProperty("NormScore") double normScore) {

  /** Copies collections into immutable ones and replaces nulls of Go value fields by their zero values. */
  public NodeScoreMeta {
    nodeID = nodeID == null ? "" : nodeID;
    scores = ModelCollections.copyOfMap(scores);
  }
}
