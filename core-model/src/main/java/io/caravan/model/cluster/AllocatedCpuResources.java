package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** CPU MHz and reserved cores granted to a task. */
@JsonPropertyOrder({"CpuShares", "ReservedCores"})
public record AllocatedCpuResources(
    @JsonProperty("CpuShares") long cpuShares,
    @JsonProperty("ReservedCores") @Nullable List<Integer> reservedCores) {

  /** Copies collections into immutable ones and replaces nulls of Go value fields by their zero values. */
  public AllocatedCpuResources {
    reservedCores = ModelCollections.copyOfList(reservedCores);
  }
}
