package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A client node as the servers see it (Nomad's {@code structs.Node} in API JSON shape). */
@JsonPropertyOrder({"ID", "SecretID", "Datacenter", "Name", "HTTPAddr", "TLSEnabled", "Attributes", "NodeResources", "ReservedResources", "Links", "Meta", "NodeClass", "NodePool", "CgroupParent", "Drain", "DrainStrategy", "SchedulingEligibility", "Status", "StatusDescription", "StatusUpdatedAt", "Events", "Drivers", "HostVolumes", "HostNetworks", "CSIControllerPlugins", "CSINodePlugins", "LastDrain", "NodeMaxAllocs", "ComputedClass", "CreateIndex", "ModifyIndex"})
public record Node(
    @JsonProperty("ID") String id,
    @JsonProperty("SecretID") String secretID,
    @JsonProperty("Datacenter") String datacenter,
    @JsonProperty("Name") String name,
    @JsonProperty("HTTPAddr") String httpAddr,
    @JsonProperty("TLSEnabled") boolean tlsEnabled,
    @JsonProperty("Attributes") @Nullable Map<String, String> attributes,
    @JsonProperty("NodeResources") @Nullable NodeResources nodeResources,
    @JsonProperty("ReservedResources") @Nullable NodeReservedResources reservedResources,
    @JsonProperty("Links") @Nullable Map<String, String> links,
    @JsonProperty("Meta") @Nullable Map<String, String> meta,
    @JsonProperty("NodeClass") String nodeClass,
    @JsonProperty("NodePool") String nodePool,
    @JsonProperty("CgroupParent") String cgroupParent,
    @JsonProperty("Drain") boolean drain,
    @JsonProperty("DrainStrategy") @Nullable DrainStrategy drainStrategy,
    @JsonProperty("SchedulingEligibility") String schedulingEligibility,
    @JsonProperty("Status") String status,
    @JsonProperty("StatusDescription") String statusDescription,
    @JsonProperty("StatusUpdatedAt") long statusUpdatedAt,
    @JsonProperty("Events") @Nullable List<NodeEvent> events,
    @JsonProperty("Drivers") @Nullable Map<String, DriverInfo> drivers,
    @JsonProperty("HostVolumes") @Nullable Map<String, ClientHostVolumeConfig> hostVolumes,
    @JsonProperty("HostNetworks") @Nullable Map<String, ClientHostNetworkConfig> hostNetworks,
    @JsonProperty("CSIControllerPlugins") @Nullable Map<String, CSIInfo> csiControllerPlugins,
    @JsonProperty("CSINodePlugins") @Nullable Map<String, CSIInfo> csiNodePlugins,
    @JsonProperty("LastDrain") @Nullable DrainMetadata lastDrain,
    @JsonProperty("NodeMaxAllocs") int nodeMaxAllocs,
    @JsonProperty("ComputedClass") String computedClass,
    @JsonProperty("CreateIndex") long createIndex,
    @JsonProperty("ModifyIndex") long modifyIndex) {

  /** Copies collections into immutable ones and replaces nulls of Go value fields by their zero values. */
  public Node {
    id = id == null ? "" : id;
    secretID = secretID == null ? "" : secretID;
    datacenter = datacenter == null ? "" : datacenter;
    name = name == null ? "" : name;
    httpAddr = httpAddr == null ? "" : httpAddr;
    attributes = ModelCollections.copyOfMap(attributes);
    links = ModelCollections.copyOfMap(links);
    meta = ModelCollections.copyOfMap(meta);
    nodeClass = nodeClass == null ? "" : nodeClass;
    nodePool = nodePool == null ? "" : nodePool;
    cgroupParent = cgroupParent == null ? "" : cgroupParent;
    schedulingEligibility = schedulingEligibility == null ? "" : schedulingEligibility;
    status = status == null ? "" : status;
    statusDescription = statusDescription == null ? "" : statusDescription;
    events = ModelCollections.copyOfList(events);
    drivers = ModelCollections.copyOfMap(drivers);
    hostVolumes = ModelCollections.copyOfMap(hostVolumes);
    hostNetworks = ModelCollections.copyOfMap(hostNetworks);
    csiControllerPlugins = ModelCollections.copyOfMap(csiControllerPlugins);
    csiNodePlugins = ModelCollections.copyOfMap(csiNodePlugins);
    computedClass = computedClass == null ? "" : computedClass;
  }

  /** True when the node may receive new placements: status ready, not draining, eligible. */
  public boolean ready() {
    return NodeStatus.READY.equals(status)
        && drainStrategy == null
        && NodeStatus.ELIGIBLE.equals(schedulingEligibility);
  }

  /** Returns {@code Attributes}, or an empty map when it is absent. */
  public Map<String, String> attributesOrEmpty() {
    return attributes == null ? Map.of() : attributes;
  }

  /** Returns {@code Meta}, or an empty map when it is absent. */
  public Map<String, String> metaOrEmpty() {
    return meta == null ? Map.of() : meta;
  }

  /** Returns {@code Drivers}, or an empty map when it is absent. */
  public Map<String, DriverInfo> driversOrEmpty() {
    return drivers == null ? Map.of() : drivers;
  }

  /** Returns {@code HostVolumes}, or an empty map when it is absent. */
  public Map<String, ClientHostVolumeConfig> hostVolumesOrEmpty() {
    return hostVolumes == null ? Map.of() : hostVolumes;
  }

  /** Returns {@code CSINodePlugins}, or an empty map when it is absent. */
  public Map<String, CSIInfo> csiNodePluginsOrEmpty() {
    return csiNodePlugins == null ? Map.of() : csiNodePlugins;
  }

  /** Returns a copy with {@code ComputedClass} recomputed by {@link ComputedNodeClass#of(Node)}. */
  public Node withComputedClass() {
    return new Node(id, secretID, datacenter, name, httpAddr, tlsEnabled, attributes, nodeResources,
        reservedResources, links, meta, nodeClass, nodePool, cgroupParent, drain, drainStrategy,
        schedulingEligibility, status, statusDescription, statusUpdatedAt, events, drivers, hostVolumes,
        hostNetworks, csiControllerPlugins, csiNodePlugins, lastDrain, nodeMaxAllocs,
        ComputedNodeClass.of(this), createIndex, modifyIndex);
  }
}
