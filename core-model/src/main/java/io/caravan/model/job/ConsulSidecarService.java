package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The Connect sidecar service registered next to a service. */
@JsonPropertyOrder({"Tags", "Port", "Proxy", "DisableDefaultTCPCheck", "Meta"})
public record ConsulSidecarService(
    @JsonProperty("Tags") @Nullable List<String> tags,
    @JsonProperty("Port") String port,
    @JsonProperty("Proxy") @Nullable ConsulProxy proxy,
    @JsonProperty("DisableDefaultTCPCheck") boolean disableDefaultTCPCheck,
    @JsonProperty("Meta") @Nullable Map<String, String> meta) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public ConsulSidecarService {
    tags = ModelCollections.copyOfList(tags);
    port = port == null ? "" : port;
    meta = ModelCollections.copyOfMap(meta);
  }

  /** Returns {@code Tags}, or an empty list when it is absent (Go nil). */
  public List<String> tagsOrEmpty() {
    return tags == null ? List.of() : tags;
  }

  /** Returns {@code Meta}, or an empty map when it is absent (Go nil). */
  public Map<String, String> metaOrEmpty() {
    return meta == null ? Map.of() : meta;
  }
  /** Returns an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder initialised with this value's fields. */
  public Builder toBuilder() {
    return new Builder()
        .tags(tags)
        .port(port)
        .proxy(proxy)
        .disableDefaultTCPCheck(disableDefaultTCPCheck)
        .meta(meta);
  }

  /** Mutable builder of {@link ConsulSidecarService}; {@link #build()} makes an immutable copy. */
  public static final class Builder {
    private @Nullable List<String> tags;
    private String port = "";
    private @Nullable ConsulProxy proxy;
    private boolean disableDefaultTCPCheck;
    private @Nullable Map<String, String> meta;

    private Builder() {}

    /** Sets {@code Tags}. */
    public Builder tags(@Nullable List<String> tags) {
      this.tags = tags;
      return this;
    }

    /** Sets {@code Port}. */
    public Builder port(String port) {
      this.port = port;
      return this;
    }

    /** Sets {@code Proxy}. */
    public Builder proxy(@Nullable ConsulProxy proxy) {
      this.proxy = proxy;
      return this;
    }

    /** Sets {@code DisableDefaultTCPCheck}. */
    public Builder disableDefaultTCPCheck(boolean disableDefaultTCPCheck) {
      this.disableDefaultTCPCheck = disableDefaultTCPCheck;
      return this;
    }

    /** Sets {@code Meta}. */
    public Builder meta(@Nullable Map<String, String> meta) {
      this.meta = meta;
      return this;
    }

    /** Builds the immutable value. */
    public ConsulSidecarService build() {
      return new ConsulSidecarService(tags, port, proxy, disableDefaultTCPCheck, meta);
    }
  }
}
