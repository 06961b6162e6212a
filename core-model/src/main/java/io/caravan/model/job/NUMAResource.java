package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** NUMA placement request of a task's resources. */
@JsonPropertyOrder({"Affinity", "Devices"})
public record NUMAResource(
    @JsonProperty("Affinity") String affinity,
    @JsonProperty("Devices") @Nullable List<String> devices) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public NUMAResource {
    affinity = affinity == null ? "" : affinity;
    devices = ModelCollections.copyOfList(devices);
  }

  /** Returns {@code Devices}, or an empty list when it is absent (Go nil). */
  public List<String> devicesOrEmpty() {
    return devices == null ? List.of() : devices;
  }}
