package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;

/** A drain's deadline and whether system jobs are left alone. */
@JsonPropertyOrder({"Deadline", "IgnoreSystemJobs"})
public record DrainSpec(
    @JsonProperty("Deadline") Duration deadline,
    @JsonProperty("IgnoreSystemJobs") boolean ignoreSystemJobs) {

  /** Copies collections into immutable ones and replaces nulls of Go value fields by their zero values. */
  public DrainSpec {
    deadline = deadline == null ? Duration.ZERO : deadline;
  }
}
