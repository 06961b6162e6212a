package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/** A Consul gateway (ingress, terminating or mesh) run as a Connect service. */
@JsonPropertyOrder({"Proxy", "Ingress", "Terminating", "Mesh"})
public record ConsulGateway(
    @JsonProperty("Proxy") @Nullable ConsulGatewayProxy proxy,
    @JsonProperty("Ingress") @Nullable ConsulIngressConfigEntry ingress,
    @JsonProperty("Terminating") @Nullable ConsulTerminatingConfigEntry terminating,
    @JsonProperty("Mesh") @Nullable ConsulMeshConfigEntry mesh) {
}
