package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.FreeForm;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** An upstream service a Connect proxy binds locally. */
@JsonPropertyOrder({"DestinationName", "DestinationNamespace", "DestinationPeer", "DestinationPartition", "DestinationType", "LocalBindPort", "Datacenter", "LocalBindAddress", "LocalBindSocketPath", "LocalBindSocketMode", "MeshGateway", "Config"})
public record ConsulUpstream(
    @JsonProperty("DestinationName") String destinationName,
    @JsonProperty("DestinationNamespace") String destinationNamespace,
    @JsonProperty("DestinationPeer") String destinationPeer,
    @JsonProperty("DestinationPartition") String destinationPartition,
    @JsonProperty("DestinationType") String destinationType,
    @JsonProperty("LocalBindPort") int localBindPort,
    @JsonProperty("Datacenter") String datacenter,
    @JsonProperty("LocalBindAddress") String localBindAddress,
    @JsonProperty("LocalBindSocketPath") String localBindSocketPath,
    @JsonProperty("LocalBindSocketMode") String localBindSocketMode,
    @JsonProperty("MeshGateway") @Nullable ConsulMeshGateway meshGateway,
    @JsonProperty("Config") @Nullable Map<String, Object> config) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public ConsulUpstream {
    destinationName = destinationName == null ? "" : destinationName;
    destinationNamespace = destinationNamespace == null ? "" : destinationNamespace;
    destinationPeer = destinationPeer == null ? "" : destinationPeer;
    destinationPartition = destinationPartition == null ? "" : destinationPartition;
    destinationType = destinationType == null ? "" : destinationType;
    datacenter = datacenter == null ? "" : datacenter;
    localBindAddress = localBindAddress == null ? "" : localBindAddress;
    localBindSocketPath = localBindSocketPath == null ? "" : localBindSocketPath;
    localBindSocketMode = localBindSocketMode == null ? "" : localBindSocketMode;
    config = FreeForm.copyOf(config);
  }

  /** Returns {@code Config}, or an empty map when it is absent (Go nil). */
  public Map<String, Object> configOrEmpty() {
    return config == null ? Map.of() : config;
  }
  /** Returns an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder initialised with this value's fields. */
  public Builder toBuilder() {
    return new Builder()
        .destinationName(destinationName)
        .destinationNamespace(destinationNamespace)
        .destinationPeer(destinationPeer)
        .destinationPartition(destinationPartition)
        .destinationType(destinationType)
        .localBindPort(localBindPort)
        .datacenter(datacenter)
        .localBindAddress(localBindAddress)
        .localBindSocketPath(localBindSocketPath)
        .localBindSocketMode(localBindSocketMode)
        .meshGateway(meshGateway)
        .config(config);
  }

  /** Mutable builder of {@link ConsulUpstream}; {@link #build()} makes an immutable copy. */
  public static final class Builder {
    private String destinationName = "";
    private String destinationNamespace = "";
    private String destinationPeer = "";
    private String destinationPartition = "";
    private String destinationType = "";
    private int localBindPort;
    private String datacenter = "";
    private String localBindAddress = "";
    private String localBindSocketPath = "";
    private String localBindSocketMode = "";
    private @Nullable ConsulMeshGateway meshGateway;
    private @Nullable Map<String, Object> config;

    private Builder() {}

    /** Sets {@code DestinationName}. */
    public Builder destinationName(String destinationName) {
      this.destinationName = destinationName;
      return this;
    }

    /** Sets {@code DestinationNamespace}. */
    public Builder destinationNamespace(String destinationNamespace) {
      this.destinationNamespace = destinationNamespace;
      return this;
    }

    /** Sets {@code DestinationPeer}. */
    public Builder destinationPeer(String destinationPeer) {
      this.destinationPeer = destinationPeer;
      return this;
    }

    /** Sets {@code DestinationPartition}. */
    public Builder destinationPartition(String destinationPartition) {
      this.destinationPartition = destinationPartition;
      return this;
    }

    /** Sets {@code DestinationType}. */
    public Builder destinationType(String destinationType) {
      this.destinationType = destinationType;
      return this;
    }

    /** Sets {@code LocalBindPort}. */
    public Builder localBindPort(int localBindPort) {
      this.localBindPort = localBindPort;
      return this;
    }

    /** Sets {@code Datacenter}. */
    public Builder datacenter(String datacenter) {
      this.datacenter = datacenter;
      return this;
    }

    /** Sets {@code LocalBindAddress}. */
    public Builder localBindAddress(String localBindAddress) {
      this.localBindAddress = localBindAddress;
      return this;
    }

    /** Sets {@code LocalBindSocketPath}. */
    public Builder localBindSocketPath(String localBindSocketPath) {
      this.localBindSocketPath = localBindSocketPath;
      return this;
    }

    /** Sets {@code LocalBindSocketMode}. */
    public Builder localBindSocketMode(String localBindSocketMode) {
      this.localBindSocketMode = localBindSocketMode;
      return this;
    }

    /** Sets {@code MeshGateway}. */
    public Builder meshGateway(@Nullable ConsulMeshGateway meshGateway) {
      this.meshGateway = meshGateway;
      return this;
    }

    /** Sets {@code Config}. */
    public Builder config(@Nullable Map<String, Object> config) {
      this.config = config;
      return this;
    }

    /** Builds the immutable value. */
    public ConsulUpstream build() {
      return new ConsulUpstream(destinationName, destinationNamespace, destinationPeer, destinationPartition, destinationType, localBindPort, datacenter, localBindAddress, localBindSocketPath, localBindSocketMode, meshGateway, config);
    }
  }
}
