package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** CPU MHz and cores a node reserves. */
@JsonPropertyOrder({"CpuShares", "ReservedCpuCores"})
public record NodeReservedCpuResources(
    @JsonProperty("CpuShares") long cpuShares,
    @JsonProperty("ReservedCpuCores") @Nullable List<Integer> reservedCpuCores) {

  /** Copies collections into immutable ones and replaces nulls of Go value fields by their zero values. */
  public NodeReservedCpuResources {
    reservedCpuCores = ModelCollections.copyOfList(reservedCpuCores);
  }
}
