package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.FreeForm;
import io.caravan.model.internal.ModelCollections;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A secret fetched by a provider and exposed to a task. */
@JsonPropertyOrder({"Name", "Provider", "Path", "Config", "Env"})
public record Secret(
    @JsonProperty("Name") String name,
    @JsonProperty("Provider") String provider,
    @JsonProperty("Path") String path,
    @JsonProperty("Config") @Nullable Map<String, Object> config,
    @JsonProperty("Env") @Nullable Map<String, String> env) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public Secret {
    name = name == null ? "" : name;
    provider = provider == null ? "" : provider;
    path = path == null ? "" : path;
    config = FreeForm.copyOf(config);
    env = ModelCollections.copyOfMap(env);
  }

  /** Returns {@code Config}, or an empty map when it is absent (Go nil). */
  public Map<String, Object> configOrEmpty() {
    return config == null ? Map.of() : config;
  }

  /** Returns {@code Env}, or an empty map when it is absent (Go nil). */
  public Map<String, String> envOrEmpty() {
    return env == null ? Map.of() : env;
  }
  /** Returns an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder initialised with this value's fields. */
  public Builder toBuilder() {
    return new Builder()
        .name(name)
        .provider(provider)
        .path(path)
        .config(config)
        .env(env);
  }

  /** Mutable builder of {@link Secret}; {@link #build()} makes an immutable copy. */
  public static final class Builder {
    private String name = "";
    private String provider = "";
    private String path = "";
    private @Nullable Map<String, Object> config;
    private @Nullable Map<String, String> env;

    private Builder() {}

    /** Sets {@code Name}. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Sets {@code Provider}. */
    public Builder provider(String provider) {
      this.provider = provider;
      return this;
    }

    /** Sets {@code Path}. */
    public Builder path(String path) {
      this.path = path;
      return this;
    }

    /** Sets {@code Config}. */
    public Builder config(@Nullable Map<String, Object> config) {
      this.config = config;
      return this;
    }

    /** Sets {@code Env}. */
    public Builder env(@Nullable Map<String, String> env) {
      this.env = env;
      return this;
    }

    /** Builds the immutable value. */
    public Secret build() {
      return new Secret(name, provider, path, config, env);
    }
  }
}
