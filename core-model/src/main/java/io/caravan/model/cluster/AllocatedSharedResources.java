package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Group-level resources of an allocation: networks, ports and ephemeral disk. */
@JsonPropertyOrder({"Networks", "DiskMB", "Ports"})
public record AllocatedSharedResources(
    @JsonProperty("Networks") @Nullable List<NetworkResource> networks,
    @JsonProperty("DiskMB") long diskMB,
    @JsonProperty("Ports") @Nullable List<AllocatedPortMapping> ports) {

  /** Copies collections into immutable ones and replaces nulls of Go value fields by their zero values. */
  public AllocatedSharedResources {
    networks = ModelCollections.copyOfList(networks);
    ports = ModelCollections.copyOfList(ports);
  }
}
