package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** TLS settings of an ingress gateway or one of its services. */
@JsonPropertyOrder({"Enabled", "TLSMinVersion", "TLSMaxVersion", "CipherSuites", "SDS"})
public record ConsulGatewayTLSConfig(
    @JsonProperty("Enabled") boolean enabled,
    @JsonProperty("TLSMinVersion") String tlsMinVersion,
    @JsonProperty("TLSMaxVersion") String tlsMaxVersion,
    @JsonProperty("CipherSuites") @Nullable List<String> cipherSuites,
    @JsonProperty("SDS") @Nullable ConsulGatewayTLSSDSConfig sds) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public ConsulGatewayTLSConfig {
    tlsMinVersion = tlsMinVersion == null ? "" : tlsMinVersion;
    tlsMaxVersion = tlsMaxVersion == null ? "" : tlsMaxVersion;
    cipherSuites = ModelCollections.copyOfList(cipherSuites);
  }

  /** Returns {@code CipherSuites}, or an empty list when it is absent (Go nil). */
  public List<String> cipherSuitesOrEmpty() {
    return cipherSuites == null ? List.of() : cipherSuites;
  }
  /** Returns an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder initialised with this value's fields. */
  public Builder toBuilder() {
    return new Builder()
        .enabled(enabled)
        .tlsMinVersion(tlsMinVersion)
        .tlsMaxVersion(tlsMaxVersion)
        .cipherSuites(cipherSuites)
        .sds(sds);
  }

  /** Mutable builder of {@link ConsulGatewayTLSConfig}; {@link #build()} makes an immutable copy. */
  public static final class Builder {
    private boolean enabled;
    private String tlsMinVersion = "";
    private String tlsMaxVersion = "";
    private @Nullable List<String> cipherSuites;
    private @Nullable ConsulGatewayTLSSDSConfig sds;

    private Builder() {}

    /** Sets {@code Enabled}. */
    public Builder enabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    /** Sets {@code TLSMinVersion}. */
    public Builder tlsMinVersion(String tlsMinVersion) {
      this.tlsMinVersion = tlsMinVersion;
      return this;
    }

    /** Sets {@code TLSMaxVersion}. */
    public Builder tlsMaxVersion(String tlsMaxVersion) {
      this.tlsMaxVersion = tlsMaxVersion;
      return this;
    }

    /** Sets {@code CipherSuites}. */
    public Builder cipherSuites(@Nullable List<String> cipherSuites) {
      this.cipherSuites = cipherSuites;
      return this;
    }

    /** Sets {@code SDS}. */
    public Builder sds(@Nullable ConsulGatewayTLSSDSConfig sds) {
      this.sds = sds;
      return this;
    }

    /** Builds the immutable value. */
    public ConsulGatewayTLSConfig build() {
      return new ConsulGatewayTLSConfig(enabled, tlsMinVersion, tlsMaxVersion, cipherSuites, sds);
    }
  }
}
