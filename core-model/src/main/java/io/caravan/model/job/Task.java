package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.FreeForm;
import io.caravan.model.internal.ModelCollections;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A task: one unit of work run by a driver inside a task group. */
@JsonPropertyOrder({"Name", "Driver", "User", "Lifecycle", "Config", "Constraints", "Affinities", "Env", "Services", "Resources", "RestartPolicy", "Meta", "KillTimeout", "LogConfig", "Artifacts", "Vault", "Consul", "Templates", "DispatchPayload", "VolumeMounts", "CSIPluginConfig", "Leader", "ShutdownDelay", "KillSignal", "Kind", "ScalingPolicies", "Secrets", "Identity", "Identities", "Actions", "Schedule"})
public record Task(
    @JsonProperty("Name") String name,
    @JsonProperty("Driver") String driver,
    @JsonProperty("User") String user,
    @JsonProperty("Lifecycle") @Nullable TaskLifecycle lifecycle,
    @JsonProperty("Config") @Nullable Map<String, Object> config,
    @JsonProperty("Constraints") @Nullable List<Constraint> constraints,
    @JsonProperty("Affinities") @Nullable List<Affinity> affinities,
    @JsonProperty("Env") @Nullable Map<String, String> env,
    @JsonProperty("Services") @Nullable List<Service> services,
    @JsonProperty("Resources") @Nullable Resources resources,
    @JsonProperty("RestartPolicy") @Nullable RestartPolicy restartPolicy,
    @JsonProperty("Meta") @Nullable Map<String, String> meta,
    @JsonProperty("KillTimeout") @Nullable Duration killTimeout,
    @JsonProperty("LogConfig") @Nullable LogConfig logConfig,
    @JsonProperty("Artifacts") @Nullable List<TaskArtifact> artifacts,
    @JsonProperty("Vault") @Nullable Vault vault,
    @JsonProperty("Consul") @Nullable Consul consul,
    @JsonProperty("Templates") @Nullable List<Template> templates,
    @JsonProperty("DispatchPayload") @Nullable DispatchPayloadConfig dispatchPayload,
    @JsonProperty("VolumeMounts") @Nullable List<VolumeMount> volumeMounts,
    @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("CSIPluginConfig") @Nullable TaskCSIPluginConfig csiPluginConfig,
    @JsonProperty("Leader") boolean leader,
    @JsonProperty("ShutdownDelay") Duration shutdownDelay,
    @JsonProperty("KillSignal") String killSignal,
    @JsonProperty("Kind") String kind,
    @JsonProperty("ScalingPolicies") @Nullable List<ScalingPolicy> scalingPolicies,
    @JsonProperty("Secrets") @Nullable List<Secret> secrets,
    @JsonProperty("Identity") @Nullable WorkloadIdentity identity,
    @JsonProperty("Identities") @Nullable List<WorkloadIdentity> identities,
    @JsonProperty("Actions") @Nullable List<Action> actions,
    @JsonProperty("Schedule") @Nullable TaskSchedule schedule) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public Task {
    name = name == null ? "" : name;
    driver = driver == null ? "" : driver;
    user = user == null ? "" : user;
    config = FreeForm.copyOf(config);
    constraints = ModelCollections.copyOfList(constraints);
    affinities = ModelCollections.copyOfList(affinities);
    env = ModelCollections.copyOfMap(env);
    services = ModelCollections.copyOfList(services);
    meta = ModelCollections.copyOfMap(meta);
    artifacts = ModelCollections.copyOfList(artifacts);
    templates = ModelCollections.copyOfList(templates);
    volumeMounts = ModelCollections.copyOfList(volumeMounts);
    shutdownDelay = shutdownDelay == null ? Duration.ZERO : shutdownDelay;
    killSignal = killSignal == null ? "" : killSignal;
    kind = kind == null ? "" : kind;
    scalingPolicies = ModelCollections.copyOfList(scalingPolicies);
    secrets = ModelCollections.copyOfList(secrets);
    identities = ModelCollections.copyOfList(identities);
    actions = ModelCollections.copyOfList(actions);
  }

  /** Returns {@code Config}, or an empty map when it is absent (Go nil). */
  public Map<String, Object> configOrEmpty() {
    return config == null ? Map.of() : config;
  }

  /** Returns {@code Constraints}, or an empty list when it is absent (Go nil). */
  public List<Constraint> constraintsOrEmpty() {
    return constraints == null ? List.of() : constraints;
  }

  /** Returns {@code Affinities}, or an empty list when it is absent (Go nil). */
  public List<Affinity> affinitiesOrEmpty() {
    return affinities == null ? List.of() : affinities;
  }

  /** Returns {@code Env}, or an empty map when it is absent (Go nil). */
  public Map<String, String> envOrEmpty() {
    return env == null ? Map.of() : env;
  }

  /** Returns {@code Services}, or an empty list when it is absent (Go nil). */
  public List<Service> servicesOrEmpty() {
    return services == null ? List.of() : services;
  }

  /** Returns {@code Meta}, or an empty map when it is absent (Go nil). */
  public Map<String, String> metaOrEmpty() {
    return meta == null ? Map.of() : meta;
  }

  /** Returns {@code Artifacts}, or an empty list when it is absent (Go nil). */
  public List<TaskArtifact> artifactsOrEmpty() {
    return artifacts == null ? List.of() : artifacts;
  }

  /** Returns {@code Templates}, or an empty list when it is absent (Go nil). */
  public List<Template> templatesOrEmpty() {
    return templates == null ? List.of() : templates;
  }

  /** Returns {@code VolumeMounts}, or an empty list when it is absent (Go nil). */
  public List<VolumeMount> volumeMountsOrEmpty() {
    return volumeMounts == null ? List.of() : volumeMounts;
  }

  /** Returns {@code ScalingPolicies}, or an empty list when it is absent (Go nil). */
  public List<ScalingPolicy> scalingPoliciesOrEmpty() {
    return scalingPolicies == null ? List.of() : scalingPolicies;
  }

  /** Returns {@code Secrets}, or an empty list when it is absent (Go nil). */
  public List<Secret> secretsOrEmpty() {
    return secrets == null ? List.of() : secrets;
  }

  /** Returns {@code Identities}, or an empty list when it is absent (Go nil). */
  public List<WorkloadIdentity> identitiesOrEmpty() {
    return identities == null ? List.of() : identities;
  }

  /** Returns {@code Actions}, or an empty list when it is absent (Go nil). */
  public List<Action> actionsOrEmpty() {
    return actions == null ? List.of() : actions;
  }
  /** Returns an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts a builder for a task named {@code name}. */
  public static Builder builder(String name) {
    return new Builder().name(name);
  }

  /** Returns a builder initialised with this value's fields. */
  public Builder toBuilder() {
    return new Builder()
        .name(name)
        .driver(driver)
        .user(user)
        .lifecycle(lifecycle)
        .config(config)
        .constraints(constraints)
        .affinities(affinities)
        .env(env)
        .services(services)
        .resources(resources)
        .restartPolicy(restartPolicy)
        .meta(meta)
        .killTimeout(killTimeout)
        .logConfig(logConfig)
        .artifacts(artifacts)
        .vault(vault)
        .consul(consul)
        .templates(templates)
        .dispatchPayload(dispatchPayload)
        .volumeMounts(volumeMounts)
        .csiPluginConfig(csiPluginConfig)
        .leader(leader)
        .shutdownDelay(shutdownDelay)
        .killSignal(killSignal)
        .kind(kind)
        .scalingPolicies(scalingPolicies)
        .secrets(secrets)
        .identity(identity)
        .identities(identities)
        .actions(actions)
        .schedule(schedule);
  }

  /** Mutable builder of {@link Task}; {@link #build()} makes an immutable copy. */
  public static final class Builder {
    private String name = "";
    private String driver = "";
    private String user = "";
    private @Nullable TaskLifecycle lifecycle;
    private @Nullable Map<String, Object> config;
    private @Nullable List<Constraint> constraints;
    private @Nullable List<Affinity> affinities;
    private @Nullable Map<String, String> env;
    private @Nullable List<Service> services;
    private @Nullable Resources resources;
    private @Nullable RestartPolicy restartPolicy;
    private @Nullable Map<String, String> meta;
    private @Nullable Duration killTimeout;
    private @Nullable LogConfig logConfig;
    private @Nullable List<TaskArtifact> artifacts;
    private @Nullable Vault vault;
    private @Nullable Consul consul;
    private @Nullable List<Template> templates;
    private @Nullable DispatchPayloadConfig dispatchPayload;
    private @Nullable List<VolumeMount> volumeMounts;
    private @Nullable TaskCSIPluginConfig csiPluginConfig;
    private boolean leader;
    private Duration shutdownDelay = Duration.ZERO;
    private String killSignal = "";
    private String kind = "";
    private @Nullable List<ScalingPolicy> scalingPolicies;
    private @Nullable List<Secret> secrets;
    private @Nullable WorkloadIdentity identity;
    private @Nullable List<WorkloadIdentity> identities;
    private @Nullable List<Action> actions;
    private @Nullable TaskSchedule schedule;

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

    /** Sets {@code Lifecycle}. */
    public Builder lifecycle(@Nullable TaskLifecycle lifecycle) {
      this.lifecycle = lifecycle;
      return this;
    }

    /** Sets {@code Config}. */
    public Builder config(@Nullable Map<String, Object> config) {
      this.config = config;
      return this;
    }

    /** Sets {@code Constraints}. */
    public Builder constraints(@Nullable List<Constraint> constraints) {
      this.constraints = constraints;
      return this;
    }

    /** Sets {@code Affinities}. */
    public Builder affinities(@Nullable List<Affinity> affinities) {
      this.affinities = affinities;
      return this;
    }

    /** Sets {@code Env}. */
    public Builder env(@Nullable Map<String, String> env) {
      this.env = env;
      return this;
    }

    /** Sets {@code Services}. */
    public Builder services(@Nullable List<Service> services) {
      this.services = services;
      return this;
    }

    /** Sets {@code Resources}. */
    public Builder resources(@Nullable Resources resources) {
      this.resources = resources;
      return this;
    }

    /** Sets {@code RestartPolicy}. */
    public Builder restartPolicy(@Nullable RestartPolicy restartPolicy) {
      this.restartPolicy = restartPolicy;
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

    /** Sets {@code Artifacts}. */
    public Builder artifacts(@Nullable List<TaskArtifact> artifacts) {
      this.artifacts = artifacts;
      return this;
    }

    /** Sets {@code Vault}. */
    public Builder vault(@Nullable Vault vault) {
      this.vault = vault;
      return this;
    }

    /** Sets {@code Consul}. */
    public Builder consul(@Nullable Consul consul) {
      this.consul = consul;
      return this;
    }

    /** Sets {@code Templates}. */
    public Builder templates(@Nullable List<Template> templates) {
      this.templates = templates;
      return this;
    }

    /** Sets {@code DispatchPayload}. */
    public Builder dispatchPayload(@Nullable DispatchPayloadConfig dispatchPayload) {
      this.dispatchPayload = dispatchPayload;
      return this;
    }

    /** Sets {@code VolumeMounts}. */
    public Builder volumeMounts(@Nullable List<VolumeMount> volumeMounts) {
      this.volumeMounts = volumeMounts;
      return this;
    }

    /** Sets {@code CSIPluginConfig}. */
    public Builder csiPluginConfig(@Nullable TaskCSIPluginConfig csiPluginConfig) {
      this.csiPluginConfig = csiPluginConfig;
      return this;
    }

    /** Sets {@code Leader}. */
    public Builder leader(boolean leader) {
      this.leader = leader;
      return this;
    }

    /** Sets {@code ShutdownDelay}. */
    public Builder shutdownDelay(Duration shutdownDelay) {
      this.shutdownDelay = shutdownDelay;
      return this;
    }

    /** Sets {@code KillSignal}. */
    public Builder killSignal(String killSignal) {
      this.killSignal = killSignal;
      return this;
    }

    /** Sets {@code Kind}. */
    public Builder kind(String kind) {
      this.kind = kind;
      return this;
    }

    /** Sets {@code ScalingPolicies}. */
    public Builder scalingPolicies(@Nullable List<ScalingPolicy> scalingPolicies) {
      this.scalingPolicies = scalingPolicies;
      return this;
    }

    /** Sets {@code Secrets}. */
    public Builder secrets(@Nullable List<Secret> secrets) {
      this.secrets = secrets;
      return this;
    }

    /** Sets {@code Identity}. */
    public Builder identity(@Nullable WorkloadIdentity identity) {
      this.identity = identity;
      return this;
    }

    /** Sets {@code Identities}. */
    public Builder identities(@Nullable List<WorkloadIdentity> identities) {
      this.identities = identities;
      return this;
    }

    /** Sets {@code Actions}. */
    public Builder actions(@Nullable List<Action> actions) {
      this.actions = actions;
      return this;
    }

    /** Sets {@code Schedule}. */
    public Builder schedule(@Nullable TaskSchedule schedule) {
      this.schedule = schedule;
      return this;
    }

    /** Appends one element to {@code Constraints}. */
    public Builder constraint(Constraint value) {
      List<Constraint> list = constraints == null ? new ArrayList<>() : new ArrayList<>(constraints);
      list.add(value);
      this.constraints = list;
      return this;
    }

    /** Appends one element to {@code Affinities}. */
    public Builder affinity(Affinity value) {
      List<Affinity> list = affinities == null ? new ArrayList<>() : new ArrayList<>(affinities);
      list.add(value);
      this.affinities = list;
      return this;
    }

    /** Appends one element to {@code Services}. */
    public Builder service(Service value) {
      List<Service> list = services == null ? new ArrayList<>() : new ArrayList<>(services);
      list.add(value);
      this.services = list;
      return this;
    }

    /** Appends one element to {@code Artifacts}. */
    public Builder artifact(TaskArtifact value) {
      List<TaskArtifact> list = artifacts == null ? new ArrayList<>() : new ArrayList<>(artifacts);
      list.add(value);
      this.artifacts = list;
      return this;
    }

    /** Appends one element to {@code Templates}. */
    public Builder template(Template value) {
      List<Template> list = templates == null ? new ArrayList<>() : new ArrayList<>(templates);
      list.add(value);
      this.templates = list;
      return this;
    }

    /** Appends one element to {@code VolumeMounts}. */
    public Builder volumeMount(VolumeMount value) {
      List<VolumeMount> list = volumeMounts == null ? new ArrayList<>() : new ArrayList<>(volumeMounts);
      list.add(value);
      this.volumeMounts = list;
      return this;
    }

    /** Puts one entry into {@code Meta}, keeping insertion order. */
    public Builder meta(String key, String value) {
      Map<String, String> map = meta == null ? new LinkedHashMap<>() : new LinkedHashMap<>(meta);
      map.put(key, value);
      this.meta = map;
      return this;
    }

    /** Puts one entry into {@code Env}, keeping insertion order. */
    public Builder env(String key, String value) {
      Map<String, String> map = env == null ? new LinkedHashMap<>() : new LinkedHashMap<>(env);
      map.put(key, value);
      this.env = map;
      return this;
    }

    /** Puts one entry into {@code Config}, keeping insertion order. */
    public Builder config(String key, Object value) {
      Map<String, Object> map = config == null ? new LinkedHashMap<>() : new LinkedHashMap<>(config);
      map.put(key, value);
      this.config = map;
      return this;
    }

    /** Convenience overload of {@link #resources(Resources)} that builds {@code builder} first. */
    public Builder resources(Resources.Builder builder) {
      return resources(builder.build());
    }

    /** Builds the immutable value. */
    public Task build() {
      return new Task(name, driver, user, lifecycle, config, constraints, affinities, env, services, resources, restartPolicy, meta, killTimeout, logConfig, artifacts, vault, consul, templates, dispatchPayload, volumeMounts, csiPluginConfig, leader, shutdownDelay, killSignal, kind, scalingPolicies, secrets, identity, identities, actions, schedule);
    }
  }
}
