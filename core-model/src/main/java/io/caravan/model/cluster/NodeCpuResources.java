package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** CPU of a node: total MHz (CpuShares), core counts and the cores that can be reserved. */
@JsonPropertyOrder({"CpuShares", "TotalCpuCores", "ReservableCpuCores"})
public record NodeCpuResources(
    @JsonProperty("CpuShares") long cpuShares,
    @JsonProperty("TotalCpuCores") int totalCpuCores,
    @JsonProperty("ReservableCpuCores") @Nullable List<Integer> reservableCpuCores) {

  /** Copies collections into immutable ones and replaces nulls of Go value fields by their zero values. */
  public NodeCpuResources {
    reservableCpuCores = ModelCollections.copyOfList(reservableCpuCores);
  }
}
