package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A request for a number of devices matching a name, with constraints and affinities. */
@JsonPropertyOrder({"Name", "Count", "Constraints", "Affinities"})
public record RequestedDevice(
    @JsonProperty("Name") String name,
    @JsonProperty("Count") @Nullable Long count,
    @JsonProperty("Constraints") @Nullable List<Constraint> constraints,
    @JsonProperty("Affinities") @Nullable List<Affinity> affinities) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public RequestedDevice {
    name = name == null ? "" : name;
    constraints = ModelCollections.copyOfList(constraints);
    affinities = ModelCollections.copyOfList(affinities);
  }

  /** Returns {@code Constraints}, or an empty list when it is absent (Go nil). */
  public List<Constraint> constraintsOrEmpty() {
    return constraints == null ? List.of() : constraints;
  }

  /** Returns {@code Affinities}, or an empty list when it is absent (Go nil). */
  public List<Affinity> affinitiesOrEmpty() {
    return affinities == null ? List.of() : affinities;
  }}
