package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A host volume a node exposes (static, or dynamic when ID is set). */
@JsonPropertyOrder({"Name", "Path", "ReadOnly", "ID"})
public record ClientHostVolumeConfig(
    @JsonProperty("Name") String name,
    @JsonProperty("Path") String path,
    @JsonProperty("ReadOnly") boolean readOnly,
    @JsonProperty("ID") String id) {

  /** Copies collections into immutable ones and replaces nulls of Go value fields by their zero values. */
  public ClientHostVolumeConfig {
    name = name == null ? "" : name;
    path = path == null ? "" : path;
    id = id == null ? "" : id;
  }
}
