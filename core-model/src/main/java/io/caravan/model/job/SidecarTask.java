package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.FreeForm;
import io.caravan.model.internal.ModelCollections;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Overrides for the injected Connect sidecar proxy task. */
@JsonPropertyOrder({"Name", "Driver", "User", "Config", "Env", "Resources", "Meta", "KillTimeout", "LogConfig", "ShutdownDelay", "KillSignal", "VolumeMounts", "Identities"})
public record SidecarTask(
    @JsonProperty("Name") String name,
    @JsonProperty("Driver") String driver,
    @JsonProperty("User") String user,
    @JsonProperty("Config") @Nullable Map<String, Object> config,
    @JsonProperty("Env") @Nullable Map<String, String> env,
    @JsonProperty("Resources") @Nullable Resources resources,
    @JsonProperty("Meta") @Nullable Map<String, String> meta,
    @JsonProperty("KillTimeout") @Nullable Duration killTimeout,
    @JsonProperty("LogConfig") @Nullable LogConfig logConfig,
    @JsonProperty("ShutdownDelay") @Nullable Duration shutdownDelay,
    @JsonProperty("KillSignal") String killSignal,
    @JsonProperty("VolumeMounts") @Nullable List<VolumeMount> volumeMounts,
    @JsonProperty("Identities") @Nullable List<WorkloadIdentity> identities) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public SidecarTask {
    name = name == null ? "" : name;
    driver = driver == null ? "" : driver;
    user = user == null ? "" : user;
    config = FreeForm.copyOf(config);
    env = ModelCollections.copyOfMap(env);
    meta = ModelCollections.copyOfMap(meta);
    killSignal = killSignal == null ? "" : killSignal;
    volumeMounts = ModelCollections.copyOfList(volumeMounts);
    identities = ModelCollections.copyOfList(identities);
  }

  /** Returns {@code Config}, or an empty map when it is absent (Go nil). */
  public Map<String, Object> configOrEmpty() {
    return config == null ? Map.of() : config;
  }

  /** Returns {@code Env}, or an empty map when it is absent (Go nil). */
  public Map<String, String> envOrEmpty() {
    return env == null ? Map.of() : env;
  }

  /** Returns {@code Meta}, or an empty map when it is absent (Go nil). */
  public Map<String, String> metaOrEmpty() {
    return meta == null ? Map.of() : meta;
  }

  /** Returns {@code VolumeMounts}, or an empty list when it is absent (Go nil). */
  public List<VolumeMount> volumeMountsOrEmpty() {
    return volumeMounts == null ? List.of() : volumeMounts;
  }

  /** Returns {@code Identities}, or an empty list when it is absent (Go nil). */
  public List<WorkloadIdentity> identitiesOrEmpty() {
    return identities == null ? List.of() : identities;
  }
  /** Returns an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder initialised with this value's fields. */
  public Builder toBuilder() {
    return new Builder()
        .name(name)
        .driver(driver)
        .user(user)
        .config(config)
        .env(env)
        .resources(resources)
        .meta(meta)
        .killTimeout(killTimeout)
        .logConfig(logConfig)
        .shutdownDelay(shutdownDelay)
        .killSignal(killSignal)
        .volumeMounts(volumeMounts)
        .identities(identities);
  }

  /** Mutable builder of {@link SidecarTask}; {@link #build()} makes an immutable copy. */
  public static final class Builder {
    private String name = "";
    private String driver = "";
    private String user = "";
    private @Nullable Map<String, Object> config;
    private @Nullable Map<String, String> env;
    private @Nullable Resources resources;
    private @Nullable Map<String, String> meta;
    private @Nullable Duration killTimeout;
    private @Nullable LogConfig logConfig;
    private @Nullable Duration shutdownDelay;
    private String killSignal = "";
    private @Nullable List<VolumeMount> volumeMounts;
    private @Nullable List<WorkloadIdentity> identities;

    private Builder() {}

    /** Sets {@code Name}. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Sets {@code Driver}. */
    public Builder driver(String driver) {
      this.driver = driver;
      return this;
    }

    /** Sets {@code User}. */
    public Builder user(String user) {
      this.user = user;
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

    /** Sets {@code Resources}. */
    public Builder resources(@Nullable Resources resources) {
      this.resources = resources;
      return this;
    }

    /** Sets {@code Meta}. */
    public Builder meta(@Nullable Map<String, String> meta) {
      this.meta = meta;
      return this;
    }

    /** Sets {@code KillTimeout}. */
    public Builder killTimeout(@Nullable Duration killTimeout) {
      this.killTimeout = killTimeout;
      return this;
    }

    /** Sets {@code LogConfig}. */
    public Builder logConfig(@Nullable LogConfig logConfig) {
      this.logConfig = logConfig;
      return this;
    }

    /** Sets {@code ShutdownDelay}. */
    public Builder shutdownDelay(@Nullable Duration shutdownDelay) {
      this.shutdownDelay = shutdownDelay;
      return this;
    }

    /** Sets {@code KillSignal}. */
    public Builder killSignal(String killSignal) {
      this.killSignal = killSignal;
      return this;
    }

    /** Sets {@code VolumeMounts}. */
    public Builder volumeMounts(@Nullable List<VolumeMount> volumeMounts) {
      this.volumeMounts = volumeMounts;
      return this;
    }

    /** Sets {@code Identities}. */
    public Builder identities(@Nullable List<WorkloadIdentity> identities) {
      this.identities = identities;
      return this;
    }

    /** Builds the immutable value. */
    public SidecarTask build() {
      return new SidecarTask(name, driver, user, config, env, resources, meta, killTimeout, logConfig, shutdownDelay, killSignal, volumeMounts, identities);
    }
  }
}
