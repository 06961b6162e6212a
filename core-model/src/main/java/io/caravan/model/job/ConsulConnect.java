package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/** Consul Connect settings of a service: native, sidecar or gateway. */
@JsonPropertyOrder({"Native", "Gateway", "SidecarService", "SidecarTask"})
public record ConsulConnect(
    @JsonProperty("Native") boolean isNative,
    @JsonProperty("Gateway") @Nullable ConsulGateway gateway,
    @JsonProperty("SidecarService") @Nullable ConsulSidecarService sidecarService,
    @JsonProperty("SidecarTask") @Nullable SidecarTask sidecarTask) {
}
