package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Transparent proxy settings of a Connect sidecar. */
@JsonPropertyOrder({"UID", "OutboundPort", "ExcludeInboundPorts", "ExcludeOutboundPorts", "ExcludeOutboundCIDRs", "ExcludeUIDs", "NoDNS"})
public record ConsulTransparentProxy(
    @JsonProperty("UID") String uid,
    @JsonProperty("OutboundPort") int outboundPort,
    @JsonProperty("ExcludeInboundPorts") @Nullable List<String> excludeInboundPorts,
    @JsonProperty("ExcludeOutboundPorts") @Nullable List<Integer> excludeOutboundPorts,
    @JsonProperty("ExcludeOutboundCIDRs") @Nullable List<String> excludeOutboundCIDRs,
    @JsonProperty("ExcludeUIDs") @Nullable List<String> excludeUIDs,
    @JsonProperty("NoDNS") boolean noDNS) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public ConsulTransparentProxy {
    uid = uid == null ? "" : uid;
    excludeInboundPorts = ModelCollections.copyOfList(excludeInboundPorts);
    excludeOutboundPorts = ModelCollections.copyOfList(excludeOutboundPorts);
    excludeOutboundCIDRs = ModelCollections.copyOfList(excludeOutboundCIDRs);
    excludeUIDs = ModelCollections.copyOfList(excludeUIDs);
  }

  /** Returns {@code ExcludeInboundPorts}, or an empty list when it is absent (Go nil). */
  public List<String> excludeInboundPortsOrEmpty() {
    return excludeInboundPorts == null ? List.of() : excludeInboundPorts;
  }

  /** Returns {@code ExcludeOutboundPorts}, or an empty list when it is absent (Go nil). */
  public List<Integer> excludeOutboundPortsOrEmpty() {
    return excludeOutboundPorts == null ? List.of() : excludeOutboundPorts;
  }

  /** Returns {@code ExcludeOutboundCIDRs}, or an empty list when it is absent (Go nil). */
  public List<String> excludeOutboundCIDRsOrEmpty() {
    return excludeOutboundCIDRs == null ? List.of() : excludeOutboundCIDRs;
  }

  /** Returns {@code ExcludeUIDs}, or an empty list when it is absent (Go nil). */
  public List<String> excludeUIDsOrEmpty() {
    return excludeUIDs == null ? List.of() : excludeUIDs;
  }
  /** Returns an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder initialised with this value's fields. */
  public Builder toBuilder() {
    return new Builder()
        .uid(uid)
        .outboundPort(outboundPort)
        .excludeInboundPorts(excludeInboundPorts)
        .excludeOutboundPorts(excludeOutboundPorts)
        .excludeOutboundCIDRs(excludeOutboundCIDRs)
        .excludeUIDs(excludeUIDs)
        .noDNS(noDNS);
  }

  /** Mutable builder of {@link ConsulTransparentProxy}; {@link #build()} makes an immutable copy. */
  public static final class Builder {
    private String uid = "";
    private int outboundPort;
    private @Nullable List<String> excludeInboundPorts;
    private @Nullable List<Integer> excludeOutboundPorts;
    private @Nullable List<String> excludeOutboundCIDRs;
    private @Nullable List<String> excludeUIDs;
    private boolean noDNS;

    private Builder() {}

    /** Sets {@code UID}. */
    public Builder uid(String uid) {
      this.uid = uid;
      return this;
    }

    /** Sets {@code OutboundPort}. */
    public Builder outboundPort(int outboundPort) {
      this.outboundPort = outboundPort;
      return this;
    }

    /** Sets {@code ExcludeInboundPorts}. */
    public Builder excludeInboundPorts(@Nullable List<String> excludeInboundPorts) {
      this.excludeInboundPorts = excludeInboundPorts;
      return this;
    }

    /** Sets {@code ExcludeOutboundPorts}. */
    public Builder excludeOutboundPorts(@Nullable List<Integer> excludeOutboundPorts) {
      this.excludeOutboundPorts = excludeOutboundPorts;
      return this;
    }

    /** Sets {@code ExcludeOutboundCIDRs}. */
    public Builder excludeOutboundCIDRs(@Nullable List<String> excludeOutboundCIDRs) {
      this.excludeOutboundCIDRs = excludeOutboundCIDRs;
      return this;
    }

    /** Sets {@code ExcludeUIDs}. */
    public Builder excludeUIDs(@Nullable List<String> excludeUIDs) {
      this.excludeUIDs = excludeUIDs;
      return this;
    }

    /** Sets {@code NoDNS}. */
    public Builder noDNS(boolean noDNS) {
      this.noDNS = noDNS;
      return this;
    }

    /** Builds the immutable value. */
    public ConsulTransparentProxy build() {
      return new ConsulTransparentProxy(uid, outboundPort, excludeInboundPorts, excludeOutboundPorts, excludeOutboundCIDRs, excludeUIDs, noDNS);
    }
  }
}
