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

  /**
   * Copies collections into immutable ones and replaces nulls of Go value fields by their zero
   * values. The few-valued strings (datacenter, class, pool, eligibility, status, computed class)
   * are interned: thousands of nodes share a handful of values, and schedulers compare and hash
   * them for every node they look at, which is then one shared object instead of one per node.
   */
  public Node {
    id = id == null ? "" : id;
    secretID = secretID == null ? "" : secretID;
    datacenter = datacenter == null ? "" : datacenter.intern();
    name = name == null ? "" : name;
    httpAddr = httpAddr == null ? "" : httpAddr;
    attributes = ModelCollections.copyOfMap(attributes);
    links = ModelCollections.copyOfMap(links);
    meta = ModelCollections.copyOfMap(meta);
    nodeClass = nodeClass == null ? "" : nodeClass.intern();
    nodePool = nodePool == null ? "" : nodePool.intern();
    cgroupParent = cgroupParent == null ? "" : cgroupParent;
    schedulingEligibility = schedulingEligibility == null ? "" : schedulingEligibility.intern();
    status = status == null ? "" : status.intern();
    statusDescription = statusDescription == null ? "" : statusDescription;
    events = ModelCollections.copyOfList(events);
    drivers = ModelCollections.copyOfMap(drivers);
    hostVolumes = ModelCollections.copyOfMap(hostVolumes);
    hostNetworks = ModelCollections.copyOfMap(hostNetworks);
    csiControllerPlugins = ModelCollections.copyOfMap(csiControllerPlugins);
    csiNodePlugins = ModelCollections.copyOfMap(csiNodePlugins);
    computedClass = computedClass == null ? "" : computedClass.intern();
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

  /** A builder with every component at its Go zero value (null for pointers and collections). */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this record's components, to make a modified copy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.secretID = secretID;
    b.datacenter = datacenter;
    b.name = name;
    b.httpAddr = httpAddr;
    b.tlsEnabled = tlsEnabled;
    b.attributes = attributes;
    b.nodeResources = nodeResources;
    b.reservedResources = reservedResources;
    b.links = links;
    b.meta = meta;
    b.nodeClass = nodeClass;
    b.nodePool = nodePool;
    b.cgroupParent = cgroupParent;
    b.drain = drain;
    b.drainStrategy = drainStrategy;
    b.schedulingEligibility = schedulingEligibility;
    b.status = status;
    b.statusDescription = statusDescription;
    b.statusUpdatedAt = statusUpdatedAt;
    b.events = events;
    b.drivers = drivers;
    b.hostVolumes = hostVolumes;
    b.hostNetworks = hostNetworks;
    b.csiControllerPlugins = csiControllerPlugins;
    b.csiNodePlugins = csiNodePlugins;
    b.lastDrain = lastDrain;
    b.nodeMaxAllocs = nodeMaxAllocs;
    b.computedClass = computedClass;
    b.createIndex = createIndex;
    b.modifyIndex = modifyIndex;
    return b;
  }

  /** Mutable builder of {@link Node}; {@link #build()} makes an immutable record. */
  public static final class Builder {
    private String id = "";
    private String secretID = "";
    private String datacenter = "";
    private String name = "";
    private String httpAddr = "";
    private boolean tlsEnabled;
    private @Nullable Map<String, String> attributes;
    private @Nullable NodeResources nodeResources;
    private @Nullable NodeReservedResources reservedResources;
    private @Nullable Map<String, String> links;
    private @Nullable Map<String, String> meta;
    private String nodeClass = "";
    private String nodePool = "";
    private String cgroupParent = "";
    private boolean drain;
    private @Nullable DrainStrategy drainStrategy;
    private String schedulingEligibility = "";
    private String status = "";
    private String statusDescription = "";
    private long statusUpdatedAt;
    private @Nullable List<NodeEvent> events;
    private @Nullable Map<String, DriverInfo> drivers;
    private @Nullable Map<String, ClientHostVolumeConfig> hostVolumes;
    private @Nullable Map<String, ClientHostNetworkConfig> hostNetworks;
    private @Nullable Map<String, CSIInfo> csiControllerPlugins;
    private @Nullable Map<String, CSIInfo> csiNodePlugins;
    private @Nullable DrainMetadata lastDrain;
    private int nodeMaxAllocs;
    private String computedClass = "";
    private long createIndex;
    private long modifyIndex;

    private Builder() {}

    /** Sets {@code ID}. */
    public Builder id(String id) {
      this.id = id;
      return this;
    }

    /** Sets {@code SecretID}. */
    public Builder secretID(String secretID) {
      this.secretID = secretID;
      return this;
    }

    /** Sets {@code Datacenter}. */
    public Builder datacenter(String datacenter) {
      this.datacenter = datacenter;
      return this;
    }

    /** Sets {@code Name}. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Sets {@code HTTPAddr}. */
    public Builder httpAddr(String httpAddr) {
      this.httpAddr = httpAddr;
      return this;
    }

    /** Sets {@code TLSEnabled}. */
    public Builder tlsEnabled(boolean tlsEnabled) {
      this.tlsEnabled = tlsEnabled;
      return this;
    }

    /** Sets {@code Attributes}. */
    public Builder attributes(@Nullable Map<String, String> attributes) {
      this.attributes = attributes;
      return this;
    }

    /** Sets {@code NodeResources}. */
    public Builder nodeResources(@Nullable NodeResources nodeResources) {
      this.nodeResources = nodeResources;
      return this;
    }

    /** Sets {@code ReservedResources}. */
    public Builder reservedResources(@Nullable NodeReservedResources reservedResources) {
      this.reservedResources = reservedResources;
      return this;
    }

    /** Sets {@code Links}. */
    public Builder links(@Nullable Map<String, String> links) {
      this.links = links;
      return this;
    }

    /** Sets {@code Meta}. */
    public Builder meta(@Nullable Map<String, String> meta) {
      this.meta = meta;
      return this;
    }

    /** Sets {@code NodeClass}. */
    public Builder nodeClass(String nodeClass) {
      this.nodeClass = nodeClass;
      return this;
    }

    /** Sets {@code NodePool}. */
    public Builder nodePool(String nodePool) {
      this.nodePool = nodePool;
      return this;
    }

    /** Sets {@code CgroupParent}. */
    public Builder cgroupParent(String cgroupParent) {
      this.cgroupParent = cgroupParent;
      return this;
    }

    /** Sets {@code Drain}. */
    public Builder drain(boolean drain) {
      this.drain = drain;
      return this;
    }

    /** Sets {@code DrainStrategy}. */
    public Builder drainStrategy(@Nullable DrainStrategy drainStrategy) {
      this.drainStrategy = drainStrategy;
      return this;
    }

    /** Sets {@code SchedulingEligibility}. */
    public Builder schedulingEligibility(String schedulingEligibility) {
      this.schedulingEligibility = schedulingEligibility;
      return this;
    }

    /** Sets {@code Status}. */
    public Builder status(String status) {
      this.status = status;
      return this;
    }

    /** Sets {@code StatusDescription}. */
    public Builder statusDescription(String statusDescription) {
      this.statusDescription = statusDescription;
      return this;
    }

    /** Sets {@code StatusUpdatedAt}. */
    public Builder statusUpdatedAt(long statusUpdatedAt) {
      this.statusUpdatedAt = statusUpdatedAt;
      return this;
    }

    /** Sets {@code Events}. */
    public Builder events(@Nullable List<NodeEvent> events) {
      this.events = events;
      return this;
    }

    /** Sets {@code Drivers}. */
    public Builder drivers(@Nullable Map<String, DriverInfo> drivers) {
      this.drivers = drivers;
      return this;
    }

    /** Sets {@code HostVolumes}. */
    public Builder hostVolumes(@Nullable Map<String, ClientHostVolumeConfig> hostVolumes) {
      this.hostVolumes = hostVolumes;
      return this;
    }

    /** Sets {@code HostNetworks}. */
    public Builder hostNetworks(@Nullable Map<String, ClientHostNetworkConfig> hostNetworks) {
      this.hostNetworks = hostNetworks;
      return this;
    }

    /** Sets {@code CSIControllerPlugins}. */
    public Builder csiControllerPlugins(@Nullable Map<String, CSIInfo> csiControllerPlugins) {
      this.csiControllerPlugins = csiControllerPlugins;
      return this;
    }

    /** Sets {@code CSINodePlugins}. */
    public Builder csiNodePlugins(@Nullable Map<String, CSIInfo> csiNodePlugins) {
      this.csiNodePlugins = csiNodePlugins;
      return this;
    }

    /** Sets {@code LastDrain}. */
    public Builder lastDrain(@Nullable DrainMetadata lastDrain) {
      this.lastDrain = lastDrain;
      return this;
    }

    /** Sets {@code NodeMaxAllocs}. */
    public Builder nodeMaxAllocs(int nodeMaxAllocs) {
      this.nodeMaxAllocs = nodeMaxAllocs;
      return this;
    }

    /** Sets {@code ComputedClass}. */
    public Builder computedClass(String computedClass) {
      this.computedClass = computedClass;
      return this;
    }

    /** Sets {@code CreateIndex}. */
    public Builder createIndex(long createIndex) {
      this.createIndex = createIndex;
      return this;
    }

    /** Sets {@code ModifyIndex}. */
    public Builder modifyIndex(long modifyIndex) {
      this.modifyIndex = modifyIndex;
      return this;
    }

    /** The immutable Node. */
    public Node build() {
      return new Node(
          id, secretID, datacenter, name, httpAddr, tlsEnabled, attributes, nodeResources,
          reservedResources, links, meta, nodeClass, nodePool, cgroupParent, drain, drainStrategy,
          schedulingEligibility, status, statusDescription, statusUpdatedAt, events, drivers,
          hostVolumes, hostNetworks, csiControllerPlugins, csiNodePlugins, lastDrain,
          nodeMaxAllocs, computedClass, createIndex, modifyIndex);
    }
  }
}
