package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;

/** One reschedule: when (Unix nanos), from which allocation and node, and the delay. */
@JsonPropertyOrder({"RescheduleTime", "PrevAllocID", "PrevNodeID", "Delay"})
public record RescheduleEvent(
    @JsonProperty("RescheduleTime") long rescheduleTime,
    @JsonProperty("PrevAllocID") String prevAllocID,
    @JsonProperty("PrevNodeID") String prevNodeID,
    @JsonProperty("Delay") Duration delay) {

  /** Copies collections into immutable ones and replaces nulls of Go value fields by their zero values. */
  public RescheduleEvent {
    prevAllocID = prevAllocID == null ? "" : prevAllocID;
    prevNodeID = prevNodeID == null ? "" : prevNodeID;
    delay = delay == null ? Duration.ZERO : delay;
  }
}
