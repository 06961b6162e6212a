package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.FreeForm;
import io.caravan.model.internal.ModelCollections;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Envoy proxy settings of a Consul gateway. */
@JsonPropertyOrder({"ConnectTimeout", "EnvoyGatewayBindTaggedAddresses", "EnvoyGatewayBindAddresses", "EnvoyGatewayNoDefaultBind", "EnvoyDNSDiscoveryType", "Config"})
public record ConsulGatewayProxy(
    @JsonProperty("ConnectTimeout") @Nullable Duration connectTimeout,
    @JsonProperty("EnvoyGatewayBindTaggedAddresses") boolean envoyGatewayBindTaggedAddresses,
    @JsonProperty("EnvoyGatewayBindAddresses") @Nullable Map<String, ConsulGatewayBindAddress> envoyGatewayBindAddresses,
    @JsonProperty("EnvoyGatewayNoDefaultBind") boolean envoyGatewayNoDefaultBind,
    @JsonProperty("EnvoyDNSDiscoveryType") String envoyDNSDiscoveryType,
    @JsonProperty("Config") @Nullable Map<String, Object> config) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public ConsulGatewayProxy {
    envoyGatewayBindAddresses = ModelCollections.copyOfMap(envoyGatewayBindAddresses);
    envoyDNSDiscoveryType = envoyDNSDiscoveryType == null ? "" : envoyDNSDiscoveryType;
    config = FreeForm.copyOf(config);
  }

  /** Returns {@code EnvoyGatewayBindAddresses}, or an empty map when it is absent (Go nil). */
  public Map<String, ConsulGatewayBindAddress> envoyGatewayBindAddressesOrEmpty() {
    return envoyGatewayBindAddresses == null ? Map.of() : envoyGatewayBindAddresses;
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
        .connectTimeout(connectTimeout)
        .envoyGatewayBindTaggedAddresses(envoyGatewayBindTaggedAddresses)
        .envoyGatewayBindAddresses(envoyGatewayBindAddresses)
        .envoyGatewayNoDefaultBind(envoyGatewayNoDefaultBind)
        .envoyDNSDiscoveryType(envoyDNSDiscoveryType)
        .config(config);
  }

  /** Mutable builder of {@link ConsulGatewayProxy}; {@link #build()} makes an immutable copy. */
  public static final class Builder {
    private @Nullable Duration connectTimeout;
    private boolean envoyGatewayBindTaggedAddresses;
    private @Nullable Map<String, ConsulGatewayBindAddress> envoyGatewayBindAddresses;
    private boolean envoyGatewayNoDefaultBind;
    private String envoyDNSDiscoveryType = "";
    private @Nullable Map<String, Object> config;

    private Builder() {}

    /** Sets {@code ConnectTimeout}. */
    public Builder connectTimeout(@Nullable Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    /** Sets {@code EnvoyGatewayBindTaggedAddresses}. */
    public Builder envoyGatewayBindTaggedAddresses(boolean envoyGatewayBindTaggedAddresses) {
      this.envoyGatewayBindTaggedAddresses = envoyGatewayBindTaggedAddresses;
      return this;
    }

    /** Sets {@code EnvoyGatewayBindAddresses}. */
    public Builder envoyGatewayBindAddresses(@Nullable Map<String, ConsulGatewayBindAddress> envoyGatewayBindAddresses) {
      this.envoyGatewayBindAddresses = envoyGatewayBindAddresses;
      return this;
    }

    /** Sets {@code EnvoyGatewayNoDefaultBind}. */
    public Builder envoyGatewayNoDefaultBind(boolean envoyGatewayNoDefaultBind) {
      this.envoyGatewayNoDefaultBind = envoyGatewayNoDefaultBind;
      return this;
    }

    /** Sets {@code EnvoyDNSDiscoveryType}. */
    public Builder envoyDNSDiscoveryType(String envoyDNSDiscoveryType) {
      this.envoyDNSDiscoveryType = envoyDNSDiscoveryType;
      return this;
    }

    /** Sets {@code Config}. */
    public Builder config(@Nullable Map<String, Object> config) {
      this.config = config;
      return this;
    }

    /** Builds the immutable value. */
    public ConsulGatewayProxy build() {
      return new ConsulGatewayProxy(connectTimeout, envoyGatewayBindTaggedAddresses, envoyGatewayBindAddresses, envoyGatewayNoDefaultBind, envoyDNSDiscoveryType, config);
    }
  }
}
