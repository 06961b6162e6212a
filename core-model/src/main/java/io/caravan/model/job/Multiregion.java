package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Multi-region deployment settings of a job. */
@JsonPropertyOrder({"Strategy", "Regions"})
public record Multiregion(
    @JsonProperty("Strategy") @Nullable MultiregionStrategy strategy,
    @JsonProperty("Regions") @Nullable List<MultiregionRegion> regions) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public Multiregion {
    regions = ModelCollections.copyOfList(regions);
  }

  /** Returns {@code Regions}, or an empty list when it is absent (Go nil). */
  public List<MultiregionRegion> regionsOrEmpty() {
    return regions == null ? List.of() : regions;
  }}
