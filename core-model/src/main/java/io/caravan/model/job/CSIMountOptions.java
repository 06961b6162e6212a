package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Mount options for a CSI volume. */
@JsonPropertyOrder({"FSType", "MountFlags"})
public record CSIMountOptions(
    @JsonProperty("FSType") String fsType,
    @JsonProperty("MountFlags") @Nullable List<String> mountFlags) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public CSIMountOptions {
    fsType = fsType == null ? "" : fsType;
    mountFlags = ModelCollections.copyOfList(mountFlags);
  }

  /** Returns {@code MountFlags}, or an empty list when it is absent (Go nil). */
  public List<String> mountFlagsOrEmpty() {
    return mountFlags == null ? List.of() : mountFlags;
  }}
