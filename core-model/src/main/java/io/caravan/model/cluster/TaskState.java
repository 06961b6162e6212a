package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.FreeForm;
import io.caravan.model.internal.ModelCollections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The client-reported state of one task in an allocation. */
@JsonPropertyOrder({"State", "Failed", "Restarts", "LastRestart", "StartedAt", "FinishedAt", "Events"})
public record TaskState(
    @JsonProperty("State") String state,
    @JsonProperty("Failed") boolean failed,
    @JsonProperty("Restarts") long restarts,
    @JsonProperty("LastRestart") @Nullable String lastRestart,
    @JsonProperty("StartedAt") @Nullable String startedAt,
    @JsonProperty("FinishedAt") @Nullable String finishedAt,
    @JsonProperty("Events") @Nullable List<Map<String, Object>> events) {

  /** Copies collections into immutable ones and replaces nulls of Go value fields by their zero values. */
  public TaskState {
    state = state == null ? "" : state;
    events = events == null ? null : events.stream().map(m -> (Map<String, Object>) FreeForm.copyOf(m)).collect(com.google.common.collect.ImmutableList.toImmutableList());
  }
}
