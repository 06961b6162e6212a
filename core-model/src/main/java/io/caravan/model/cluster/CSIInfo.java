package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/** A CSI plugin instance on a node: identity, health and node info. */
@JsonPropertyOrder({"PluginID", "AllocID", "Healthy", "HealthDescription", "UpdateTime", "RequiresControllerPlugin", "RequiresTopologies", "NodeInfo"})
public record CSIInfo(
    @JsonProperty("PluginID") String pluginID,
    @JsonProperty("AllocID") String allocID,
    @JsonProperty("Healthy") boolean healthy,
    @JsonProperty("HealthDescription") String healthDescription,
    @JsonProperty("UpdateTime") String updateTime,
    @JsonProperty("RequiresControllerPlugin") boolean requiresControllerPlugin,
    @JsonProperty("RequiresTopologies") boolean requiresTopologies,
    @JsonProperty("NodeInfo") @Nullable CSINodeInfo nodeInfo) {

  /** Copies collections into immutable ones and replaces nulls of Go value fields by their zero values. */
  public CSIInfo {
    pluginID = pluginID == null ? "" : pluginID;
    allocID = allocID == null ? "" : allocID;
    healthDescription = healthDescription == null ? "" : healthDescription;
    updateTime = updateTime == null ? "" : updateTime;
  }
}
