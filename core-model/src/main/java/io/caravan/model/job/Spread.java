package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A preference to spread allocations over the values of a node attribute. */
@JsonPropertyOrder({"Attribute", "Weight", "SpreadTarget"})
public record Spread(
    @JsonProperty("Attribute") String attribute,
    @JsonProperty("Weight") @Nullable Integer weight,
    @JsonProperty("SpreadTarget") @Nullable List<SpreadTarget> spreadTarget) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public Spread {
    attribute = attribute == null ? "" : attribute;
    spreadTarget = ModelCollections.copyOfList(spreadTarget);
  }

  /** Returns {@code SpreadTarget}, or an empty list when it is absent (Go nil). */
  public List<SpreadTarget> spreadTargetOrEmpty() {
    return spreadTarget == null ? List.of() : spreadTarget;
  }}
