package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A labelled link shown for a job in the web UI. */
@JsonPropertyOrder({"Label", "URL"})
public record JobUILink(
    @JsonProperty("Label") String label,
    @JsonProperty("URL") String url) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public JobUILink {
    label = label == null ? "" : label;
    url = url == null ? "" : url;
  }
}
