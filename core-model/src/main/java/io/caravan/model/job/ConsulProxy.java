package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.FreeForm;
import io.caravan.model.internal.ModelCollections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Settings of a Connect sidecar proxy: local service, upstreams, expose paths. */
@JsonPropertyOrder({"LocalServiceAddress", "LocalServicePort", "Expose", "ExposeConfig", "Upstreams", "TransparentProxy", "Config"})
public record ConsulProxy(
    @JsonProperty("LocalServiceAddress") String localServiceAddress,
    @JsonProperty("LocalServicePort") int localServicePort,
    @JsonProperty("Expose") @Nullable ConsulExposeConfig expose,
    @JsonProperty("ExposeConfig") @Nullable ConsulExposeConfig exposeConfig,
    @JsonProperty("Upstreams") @Nullable List<ConsulUpstream> upstreams,
    @JsonProperty("TransparentProxy") @Nullable ConsulTransparentProxy transparentProxy,
    @JsonProperty("Config") @Nullable Map<String, Object> config) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public ConsulProxy {
    localServiceAddress = localServiceAddress == null ? "" : localServiceAddress;
    upstreams = ModelCollections.copyOfList(upstreams);
    config = FreeForm.copyOf(config);
  }

  /** Returns {@code Upstreams}, or an empty list when it is absent (Go nil). */
  public List<ConsulUpstream> upstreamsOrEmpty() {
    return upstreams == null ? List.of() : upstreams;
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
        .localServiceAddress(localServiceAddress)
        .localServicePort(localServicePort)
        .expose(expose)
        .exposeConfig(exposeConfig)
        .upstreams(upstreams)
        .transparentProxy(transparentProxy)
        .config(config);
  }

  /** Mutable builder of {@link ConsulProxy}; {@link #build()} makes an immutable copy. */
  public static final class Builder {
    private String localServiceAddress = "";
    private int localServicePort;
    private @Nullable ConsulExposeConfig expose;
    private @Nullable ConsulExposeConfig exposeConfig;
    private @Nullable List<ConsulUpstream> upstreams;
    private @Nullable ConsulTransparentProxy transparentProxy;
    private @Nullable Map<String, Object> config;

    private Builder() {}

    /** Sets {@code LocalServiceAddress}. */
    public Builder localServiceAddress(String localServiceAddress) {
      this.localServiceAddress = localServiceAddress;
      return this;
    }

    /** Sets {@code LocalServicePort}. */
    public Builder localServicePort(int localServicePort) {
      this.localServicePort = localServicePort;
      return this;
    }

    /** Sets {@code Expose}. */
    public Builder expose(@Nullable ConsulExposeConfig expose) {
      this.expose = expose;
      return this;
    }

    /** Sets {@code ExposeConfig}. */
    public Builder exposeConfig(@Nullable ConsulExposeConfig exposeConfig) {
      this.exposeConfig = exposeConfig;
      return this;
    }

    /** Sets {@code Upstreams}. */
    public Builder upstreams(@Nullable List<ConsulUpstream> upstreams) {
      this.upstreams = upstreams;
      return this;
    }

    /** Sets {@code TransparentProxy}. */
    public Builder transparentProxy(@Nullable ConsulTransparentProxy transparentProxy) {
      this.transparentProxy = transparentProxy;
      return this;
    }

    /** Sets {@code Config}. */
    public Builder config(@Nullable Map<String, Object> config) {
      this.config = config;
      return this;
    }

    /** Builds the immutable value. */
    public ConsulProxy build() {
      return new ConsulProxy(localServiceAddress, localServicePort, expose, exposeConfig, upstreams, transparentProxy, config);
    }
  }
}
