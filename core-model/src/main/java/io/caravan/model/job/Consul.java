package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Consul namespace, cluster and partition used by a group or task. */
@JsonPropertyOrder({"Namespace", "Cluster", "Partition"})
public record Consul(
    @JsonProperty("Namespace") String namespace,
    @JsonProperty("Cluster") String cluster,
    @JsonProperty("Partition") String partition) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public Consul {
    namespace = namespace == null ? "" : namespace;
    cluster = cluster == null ? "" : cluster;
    partition = partition == null ? "" : partition;
  }
}
