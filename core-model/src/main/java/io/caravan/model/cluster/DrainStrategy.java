package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/** How a node drains: the spec, the forced deadline and when it started (RFC 3339 times). */
@JsonPropertyOrder({"DrainSpec", "ForceDeadline", "StartedAt"})
public record DrainStrategy(
    @JsonProperty("DrainSpec") @Nullable DrainSpec drainSpec,
    @JsonProperty("ForceDeadline") String forceDeadline,
    @JsonProperty("StartedAt") String startedAt) {

  /** Copies collections into immutable ones and replaces nulls of Go value fields by their zero values. */
  public DrainStrategy {
    forceDeadline = forceDeadline == null ? "" : forceDeadline;
    startedAt = startedAt == null ? "" : startedAt;
  }
}
