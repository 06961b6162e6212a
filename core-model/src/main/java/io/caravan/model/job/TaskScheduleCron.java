package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Cron start and end expressions of a task schedule. */
@JsonPropertyOrder({"Start", "End", "Timezone"})
public record TaskScheduleCron(
    @JsonProperty("Start") String start,
    @JsonProperty("End") String end,
    @JsonProperty("Timezone") String timezone) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public TaskScheduleCron {
    start = start == null ? "" : start;
    end = end == null ? "" : end;
    timezone = timezone == null ? "" : timezone;
  }
}
