package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A service registration of a group or task, with its health checks and Connect settings. */
@JsonPropertyOrder({"Name", "Tags", "CanaryTags", "EnableTagOverride", "PortLabel", "AddressMode", "Address", "Checks", "CheckRestart", "Connect", "Meta", "CanaryMeta", "TaggedAddresses", "TaskName", "OnUpdate", "Identity", "Weights", "Provider", "Cluster", "Kind"})
public record Service(
    @JsonProperty("Name") String name,
    @JsonProperty("Tags") @Nullable List<String> tags,
    @JsonProperty("CanaryTags") @Nullable List<String> canaryTags,
    @JsonProperty("EnableTagOverride") boolean enableTagOverride,
    @JsonProperty("PortLabel") String portLabel,
    @JsonProperty("AddressMode") String addressMode,
    @JsonProperty("Address") String address,
    @JsonProperty("Checks") @Nullable List<ServiceCheck> checks,
    @JsonProperty("CheckRestart") @Nullable CheckRestart checkRestart,
    @JsonProperty("Connect") @Nullable ConsulConnect connect,
    @JsonProperty("Meta") @Nullable Map<String, String> meta,
    @JsonProperty("CanaryMeta") @Nullable Map<String, String> canaryMeta,
    @JsonProperty("TaggedAddresses") @Nullable Map<String, String> taggedAddresses,
    @JsonProperty("TaskName") String taskName,
    @JsonProperty("OnUpdate") String onUpdate,
    @JsonProperty("Identity") @Nullable WorkloadIdentity identity,
    @JsonProperty("Weights") @Nullable ServiceWeights weights,
    @JsonProperty("Provider") String provider,
    @JsonProperty("Cluster") String cluster,
    @JsonProperty("Kind") String kind) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public Service {
    name = name == null ? "" : name;
    tags = ModelCollections.copyOfList(tags);
    canaryTags = ModelCollections.copyOfList(canaryTags);
    portLabel = portLabel == null ? "" : portLabel;
    addressMode = addressMode == null ? "" : addressMode;
    address = address == null ? "" : address;
    checks = ModelCollections.copyOfList(checks);
    meta = ModelCollections.copyOfMap(meta);
    canaryMeta = ModelCollections.copyOfMap(canaryMeta);
    taggedAddresses = ModelCollections.copyOfMap(taggedAddresses);
    taskName = taskName == null ? "" : taskName;
    onUpdate = onUpdate == null ? "" : onUpdate;
    provider = provider == null ? "" : provider;
    cluster = cluster == null ? "" : cluster;
    kind = kind == null ? "" : kind;
  }

  /** Returns {@code Tags}, or an empty list when it is absent (Go nil). */
  public List<String> tagsOrEmpty() {
    return tags == null ? List.of() : tags;
  }

  /** Returns {@code CanaryTags}, or an empty list when it is absent (Go nil). */
  public List<String> canaryTagsOrEmpty() {
    return canaryTags == null ? List.of() : canaryTags;
  }

  /** Returns {@code Checks}, or an empty list when it is absent (Go nil). */
  public List<ServiceCheck> checksOrEmpty() {
    return checks == null ? List.of() : checks;
  }

  /** Returns {@code Meta}, or an empty map when it is absent (Go nil). */
  public Map<String, String> metaOrEmpty() {
    return meta == null ? Map.of() : meta;
  }

  /** Returns {@code CanaryMeta}, or an empty map when it is absent (Go nil). */
  public Map<String, String> canaryMetaOrEmpty() {
    return canaryMeta == null ? Map.of() : canaryMeta;
  }

  /** Returns {@code TaggedAddresses}, or an empty map when it is absent (Go nil). */
  public Map<String, String> taggedAddressesOrEmpty() {
    return taggedAddresses == null ? Map.of() : taggedAddresses;
  }
  /** Returns an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder initialised with this value's fields. */
  public Builder toBuilder() {
    return new Builder()
        .name(name)
        .tags(tags)
        .canaryTags(canaryTags)
        .enableTagOverride(enableTagOverride)
        .portLabel(portLabel)
        .addressMode(addressMode)
        .address(address)
        .checks(checks)
        .checkRestart(checkRestart)
        .connect(connect)
        .meta(meta)
        .canaryMeta(canaryMeta)
        .taggedAddresses(taggedAddresses)
        .taskName(taskName)
        .onUpdate(onUpdate)
        .identity(identity)
        .weights(weights)
        .provider(provider)
        .cluster(cluster)
        .kind(kind);
  }

  /** Mutable builder of {@link Service}; {@link #build()} makes an immutable copy. */
  public static final class Builder {
    private String name = "";
    private @Nullable List<String> tags;
    private @Nullable List<String> canaryTags;
    private boolean enableTagOverride;
    private String portLabel = "";
    private String addressMode = "";
    private String address = "";
    private @Nullable List<ServiceCheck> checks;
    private @Nullable CheckRestart checkRestart;
    private @Nullable ConsulConnect connect;
    private @Nullable Map<String, String> meta;
    private @Nullable Map<String, String> canaryMeta;
    private @Nullable Map<String, String> taggedAddresses;
    private String taskName = "";
    private String onUpdate = "";
    private @Nullable WorkloadIdentity identity;
    private @Nullable ServiceWeights weights;
    private String provider = "";
    private String cluster = "";
    private String kind = "";

    private Builder() {}

    /** Sets {@code Name}. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Sets {@code Tags}. */
    public Builder tags(@Nullable List<String> tags) {
      this.tags = tags;
      return this;
    }

    /** Sets {@code CanaryTags}. */
    public Builder canaryTags(@Nullable List<String> canaryTags) {
      this.canaryTags = canaryTags;
      return this;
    }

    /** Sets {@code EnableTagOverride}. */
    public Builder enableTagOverride(boolean enableTagOverride) {
      this.enableTagOverride = enableTagOverride;
      return this;
    }

    /** Sets {@code PortLabel}. */
    public Builder portLabel(String portLabel) {
      this.portLabel = portLabel;
      return this;
    }

    /** Sets {@code AddressMode}. */
    public Builder addressMode(String addressMode) {
      this.addressMode = addressMode;
      return this;
    }

    /** Sets {@code Address}. */
    public Builder address(String address) {
      this.address = address;
      return this;
    }

    /** Sets {@code Checks}. */
    public Builder checks(@Nullable List<ServiceCheck> checks) {
      this.checks = checks;
      return this;
    }

    /** Sets {@code CheckRestart}. */
    public Builder checkRestart(@Nullable CheckRestart checkRestart) {
      this.checkRestart = checkRestart;
      return this;
    }

    /** Sets {@code Connect}. */
    public Builder connect(@Nullable ConsulConnect connect) {
      this.connect = connect;
      return this;
    }

    /** Sets {@code Meta}. */
    public Builder meta(@Nullable Map<String, String> meta) {
      this.meta = meta;
      return this;
    }

    /** Sets {@code CanaryMeta}. */
    public Builder canaryMeta(@Nullable Map<String, String> canaryMeta) {
      this.canaryMeta = canaryMeta;
      return this;
    }

    /** Sets {@code TaggedAddresses}. */
    public Builder taggedAddresses(@Nullable Map<String, String> taggedAddresses) {
      this.taggedAddresses = taggedAddresses;
      return this;
    }

    /** Sets {@code TaskName}. */
    public Builder taskName(String taskName) {
      this.taskName = taskName;
      return this;
    }

    /** Sets {@code OnUpdate}. */
    public Builder onUpdate(String onUpdate) {
      this.onUpdate = onUpdate;
      return this;
    }

    /** Sets {@code Identity}. */
    public Builder identity(@Nullable WorkloadIdentity identity) {
      this.identity = identity;
      return this;
    }

    /** Sets {@code Weights}. */
    public Builder weights(@Nullable ServiceWeights weights) {
      this.weights = weights;
      return this;
    }

    /** Sets {@code Provider}. */
    public Builder provider(String provider) {
      this.provider = provider;
      return this;
    }

    /** Sets {@code Cluster}. */
    public Builder cluster(String cluster) {
      this.cluster = cluster;
      return this;
    }

    /** Sets {@code Kind}. */
    public Builder kind(String kind) {
      this.kind = kind;
      return this;
    }

    /** Builds the immutable value. */
    public Service build() {
      return new Service(name, tags, canaryTags, enableTagOverride, portLabel, addressMode, address, checks, checkRestart, connect, meta, canaryMeta, taggedAddresses, taskName, onUpdate, identity, weights, provider, cluster, kind);
    }
  }
}
