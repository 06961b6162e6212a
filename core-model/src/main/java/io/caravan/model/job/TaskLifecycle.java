package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** When a task runs relative to the main tasks (prestart, poststart, poststop) and whether it is a sidecar. */
@JsonPropertyOrder({"Hook", "Sidecar"})
public record TaskLifecycle(
    @JsonProperty("Hook") String hook,
    @JsonProperty("Sidecar") boolean sidecar) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public TaskLifecycle {
    hook = hook == null ? "" : hook;
  }
}
