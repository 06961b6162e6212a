package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Description and links shown for a job in the web UI. */
@JsonPropertyOrder({"Description", "Links"})
public record JobUIConfig(
    @JsonProperty("Description") String description,
    @JsonProperty("Links") @Nullable List<JobUILink> links) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public JobUIConfig {
    description = description == null ? "" : description;
    links = ModelCollections.copyOfList(links);
  }

  /** Returns {@code Links}, or an empty list when it is absent (Go nil). */
  public List<JobUILink> linksOrEmpty() {
    return links == null ? List.of() : links;
  }}
