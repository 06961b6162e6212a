package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A task group: a set of tasks that are always placed together on one node. */
@JsonPropertyOrder({"Name", "Count", "Constraints", "Affinities", "Tasks", "Spreads", "Volumes", "RestartPolicy", "Disconnect", "ReschedulePolicy", "EphemeralDisk", "Update", "Migrate", "Networks", "Meta", "Services", "ShutdownDelay", "StopAfterClientDisconnect", "MaxClientDisconnect", "Scaling", "Consul", "PreventRescheduleOnLost"})
public record TaskGroup(
    @JsonProperty("Name") @Nullable String name,
    @JsonProperty("Count") @Nullable Integer count,
    @JsonProperty("Constraints") @Nullable List<Constraint> constraints,
    @JsonProperty("Affinities") @Nullable List<Affinity> affinities,
    @JsonProperty("Tasks") @Nullable List<Task> tasks,
    @JsonProperty("Spreads") @Nullable List<Spread> spreads,
    @JsonProperty("Volumes") @Nullable Map<String, VolumeRequest> volumes,
    @JsonProperty("RestartPolicy") @Nullable RestartPolicy restartPolicy,
    @JsonProperty("Disconnect") @Nullable DisconnectStrategy disconnect,
    @JsonProperty("ReschedulePolicy") @Nullable ReschedulePolicy reschedulePolicy,
    @JsonProperty("EphemeralDisk") @Nullable EphemeralDisk ephemeralDisk,
    @JsonProperty("Update") @Nullable UpdateStrategy update,
    @JsonProperty("Migrate") @Nullable MigrateStrategy migrate,
    @JsonProperty("Networks") @Nullable List<NetworkResource> networks,
    @JsonProperty("Meta") @Nullable Map<String, String> meta,
    @JsonProperty("Services") @Nullable List<Service> services,
    @JsonProperty("ShutdownDelay") @Nullable Duration shutdownDelay,
    @JsonProperty("StopAfterClientDisconnect") @Nullable Duration stopAfterClientDisconnect,
    @JsonProperty("MaxClientDisconnect") @Nullable Duration maxClientDisconnect,
    @JsonProperty("Scaling") @Nullable ScalingPolicy scaling,
    @JsonProperty("Consul") @Nullable Consul consul,
    @JsonProperty("PreventRescheduleOnLost") @Nullable Boolean preventRescheduleOnLost) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public TaskGroup {
    constraints = ModelCollections.copyOfList(constraints);
    affinities = ModelCollections.copyOfList(affinities);
    tasks = ModelCollections.copyOfList(tasks);
    spreads = ModelCollections.copyOfList(spreads);
    volumes = ModelCollections.copyOfMap(volumes);
    networks = ModelCollections.copyOfList(networks);
    meta = ModelCollections.copyOfMap(meta);
    services = ModelCollections.copyOfList(services);
  }

  /** Returns {@code Constraints}, or an empty list when it is absent (Go nil). */
  public List<Constraint> constraintsOrEmpty() {
    return constraints == null ? List.of() : constraints;
  }

  /** Returns {@code Affinities}, or an empty list when it is absent (Go nil). */
  public List<Affinity> affinitiesOrEmpty() {
    return affinities == null ? List.of() : affinities;
  }

  /** Returns {@code Tasks}, or an empty list when it is absent (Go nil). */
  public List<Task> tasksOrEmpty() {
    return tasks == null ? List.of() : tasks;
  }

  /** Returns {@code Spreads}, or an empty list when it is absent (Go nil). */
  public List<Spread> spreadsOrEmpty() {
    return spreads == null ? List.of() : spreads;
  }

  /** Returns {@code Volumes}, or an empty map when it is absent (Go nil). */
  public Map<String, VolumeRequest> volumesOrEmpty() {
    return volumes == null ? Map.of() : volumes;
  }

  /** Returns {@code Networks}, or an empty list when it is absent (Go nil). */
  public List<NetworkResource> networksOrEmpty() {
    return networks == null ? List.of() : networks;
  }

  /** Returns {@code Meta}, or an empty map when it is absent (Go nil). */
  public Map<String, String> metaOrEmpty() {
    return meta == null ? Map.of() : meta;
  }

  /** Returns {@code Services}, or an empty list when it is absent (Go nil). */
  public List<Service> servicesOrEmpty() {
    return services == null ? List.of() : services;
  }
  /** Returns an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts a builder for a group named {@code name}. */
  public static Builder builder(String name) {
    return new Builder().name(name);
  }

  /** Returns a builder initialised with this value's fields. */
  public Builder toBuilder() {
    return new Builder()
        .name(name)
        .count(count)
        .constraints(constraints)
        .affinities(affinities)
        .tasks(tasks)
        .spreads(spreads)
        .volumes(volumes)
        .restartPolicy(restartPolicy)
        .disconnect(disconnect)
        .reschedulePolicy(reschedulePolicy)
        .ephemeralDisk(ephemeralDisk)
        .update(update)
        .migrate(migrate)
        .networks(networks)
        .meta(meta)
        .services(services)
        .shutdownDelay(shutdownDelay)
        .stopAfterClientDisconnect(stopAfterClientDisconnect)
        .maxClientDisconnect(maxClientDisconnect)
        .scaling(scaling)
        .consul(consul)
        .preventRescheduleOnLost(preventRescheduleOnLost);
  }

  /** Mutable builder of {@link TaskGroup}; {@link #build()} makes an immutable copy. */
  public static final class Builder {
    private @Nullable String name;
    private @Nullable Integer count;
    private @Nullable List<Constraint> constraints;
    private @Nullable List<Affinity> affinities;
    private @Nullable List<Task> tasks;
    private @Nullable List<Spread> spreads;
    private @Nullable Map<String, VolumeRequest> volumes;
    private @Nullable RestartPolicy restartPolicy;
    private @Nullable DisconnectStrategy disconnect;
    private @Nullable ReschedulePolicy reschedulePolicy;
    private @Nullable EphemeralDisk ephemeralDisk;
    private @Nullable UpdateStrategy update;
    private @Nullable MigrateStrategy migrate;
    private @Nullable List<NetworkResource> networks;
    private @Nullable Map<String, String> meta;
    private @Nullable List<Service> services;
    private @Nullable Duration shutdownDelay;
    private @Nullable Duration stopAfterClientDisconnect;
    private @Nullable Duration maxClientDisconnect;
    private @Nullable ScalingPolicy scaling;
    private @Nullable Consul consul;
    private @Nullable Boolean preventRescheduleOnLost;

    private Builder() {}

    /** Sets {@code Name}. */
    public Builder name(@Nullable String name) {
      this.name = name;
      return this;
    }

    /** Sets {@code Count}. */
    public Builder count(@Nullable Integer count) {
      this.count = count;
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

    /** Sets {@code Tasks}. */
    public Builder tasks(@Nullable List<Task> tasks) {
      this.tasks = tasks;
      return this;
    }

    /** Sets {@code Spreads}. */
    public Builder spreads(@Nullable List<Spread> spreads) {
      this.spreads = spreads;
      return this;
    }

    /** Sets {@code Volumes}. */
    public Builder volumes(@Nullable Map<String, VolumeRequest> volumes) {
      this.volumes = volumes;
      return this;
    }

    /** Sets {@code RestartPolicy}. */
    public Builder restartPolicy(@Nullable RestartPolicy restartPolicy) {
      this.restartPolicy = restartPolicy;
      return this;
    }

    /** Sets {@code Disconnect}. */
    public Builder disconnect(@Nullable DisconnectStrategy disconnect) {
      this.disconnect = disconnect;
      return this;
    }

    /** Sets {@code ReschedulePolicy}. */
    public Builder reschedulePolicy(@Nullable ReschedulePolicy reschedulePolicy) {
      this.reschedulePolicy = reschedulePolicy;
      return this;
    }

    /** Sets {@code EphemeralDisk}. */
    public Builder ephemeralDisk(@Nullable EphemeralDisk ephemeralDisk) {
      this.ephemeralDisk = ephemeralDisk;
      return this;
    }

    /** Sets {@code Update}. */
    public Builder update(@Nullable UpdateStrategy update) {
      this.update = update;
      return this;
    }

    /** Sets {@code Migrate}. */
    public Builder migrate(@Nullable MigrateStrategy migrate) {
      this.migrate = migrate;
      return this;
    }

    /** Sets {@code Networks}. */
    public Builder networks(@Nullable List<NetworkResource> networks) {
      this.networks = networks;
      return this;
    }

    /** Sets {@code Meta}. */
    public Builder meta(@Nullable Map<String, String> meta) {
      this.meta = meta;
      return this;
    }

    /** Sets {@code Services}. */
    public Builder services(@Nullable List<Service> services) {
      this.services = services;
      return this;
    }

    /** Sets {@code ShutdownDelay}. */
    public Builder shutdownDelay(@Nullable Duration shutdownDelay) {
      this.shutdownDelay = shutdownDelay;
      return this;
    }

    /** Sets {@code StopAfterClientDisconnect}. */
    public Builder stopAfterClientDisconnect(@Nullable Duration stopAfterClientDisconnect) {
      this.stopAfterClientDisconnect = stopAfterClientDisconnect;
      return this;
    }

    /** Sets {@code MaxClientDisconnect}. */
    public Builder maxClientDisconnect(@Nullable Duration maxClientDisconnect) {
      this.maxClientDisconnect = maxClientDisconnect;
      return this;
    }

    /** Sets {@code Scaling}. */
    public Builder scaling(@Nullable ScalingPolicy scaling) {
      this.scaling = scaling;
      return this;
    }

    /** Sets {@code Consul}. */
    public Builder consul(@Nullable Consul consul) {
      this.consul = consul;
      return this;
    }

    /** Sets {@code PreventRescheduleOnLost}. */
    public Builder preventRescheduleOnLost(@Nullable Boolean preventRescheduleOnLost) {
      this.preventRescheduleOnLost = preventRescheduleOnLost;
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

    /** Appends one element to {@code Tasks}. */
    public Builder task(Task value) {
      List<Task> list = tasks == null ? new ArrayList<>() : new ArrayList<>(tasks);
      list.add(value);
      this.tasks = list;
      return this;
    }

    /** Appends one element to {@code Spreads}. */
    public Builder spread(Spread value) {
      List<Spread> list = spreads == null ? new ArrayList<>() : new ArrayList<>(spreads);
      list.add(value);
      this.spreads = list;
      return this;
    }

    /** Appends one element to {@code Networks}. */
    public Builder network(NetworkResource value) {
      List<NetworkResource> list = networks == null ? new ArrayList<>() : new ArrayList<>(networks);
      list.add(value);
      this.networks = list;
      return this;
    }

    /** Appends one element to {@code Services}. */
    public Builder service(Service value) {
      List<Service> list = services == null ? new ArrayList<>() : new ArrayList<>(services);
      list.add(value);
      this.services = list;
      return this;
    }

    /** Puts one entry into {@code Meta}, keeping insertion order. */
    public Builder meta(String key, String value) {
      Map<String, String> map = meta == null ? new LinkedHashMap<>() : new LinkedHashMap<>(meta);
      map.put(key, value);
      this.meta = map;
      return this;
    }

    /** Puts one entry into {@code Volumes}, keeping insertion order. */
    public Builder volume(String key, VolumeRequest value) {
      Map<String, VolumeRequest> map = volumes == null ? new LinkedHashMap<>() : new LinkedHashMap<>(volumes);
      map.put(key, value);
      this.volumes = map;
      return this;
    }

    /** Convenience overload of {@link #task(Task)} that builds {@code builder} first. */
    public Builder task(Task.Builder builder) {
      return task(builder.build());
    }

    /** Builds the immutable value. */
    public TaskGroup build() {
      return new TaskGroup(name, count, constraints, affinities, tasks, spreads, volumes, restartPolicy, disconnect, reschedulePolicy, ephemeralDisk, update, migrate, networks, meta, services, shutdownDelay, stopAfterClientDisconnect, maxClientDisconnect, scaling, consul, preventRescheduleOnLost);
    }
  }
}
