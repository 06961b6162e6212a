package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A Nomad job: the unit of submission, with its task groups and job-wide placement and update policy. */
@JsonPropertyOrder({"Region", "Namespace", "ID", "Name", "Type", "Priority", "AllAtOnce", "Datacenters", "NodePool", "Constraints", "Affinities", "TaskGroups", "Update", "Multiregion", "Spreads", "Periodic", "ParameterizedJob", "Reschedule", "Migrate", "Meta", "UI", "Stop", "ParentID", "Dispatched", "DispatchIdempotencyToken", "Payload", "ConsulNamespace", "VaultNamespace", "NomadTokenID", "Status", "StatusDescription", "Stable", "Version", "SubmitTime", "CreateIndex", "ModifyIndex", "JobModifyIndex", "VersionTag"})
public record Job(
    @JsonProperty("Region") @Nullable String region,
    @JsonProperty("Namespace") @Nullable String namespace,
    @JsonProperty("ID") @Nullable String id,
    @JsonProperty("Name") @Nullable String name,
    @JsonProperty("Type") @Nullable String type,
    @JsonProperty("Priority") @Nullable Integer priority,
    @JsonProperty("AllAtOnce") @Nullable Boolean allAtOnce,
    @JsonProperty("Datacenters") @Nullable List<String> datacenters,
    @JsonProperty("NodePool") @Nullable String nodePool,
    @JsonProperty("Constraints") @Nullable List<Constraint> constraints,
    @JsonProperty("Affinities") @Nullable List<Affinity> affinities,
    @JsonProperty("TaskGroups") @Nullable List<TaskGroup> taskGroups,
    @JsonProperty("Update") @Nullable UpdateStrategy update,
    @JsonProperty("Multiregion") @Nullable Multiregion multiregion,
    @JsonProperty("Spreads") @Nullable List<Spread> spreads,
    @JsonProperty("Periodic") @Nullable PeriodicConfig periodic,
    @JsonProperty("ParameterizedJob") @Nullable ParameterizedJobConfig parameterizedJob,
    @JsonProperty("Reschedule") @Nullable ReschedulePolicy reschedule,
    @JsonProperty("Migrate") @Nullable MigrateStrategy migrate,
    @JsonProperty("Meta") @Nullable Map<String, String> meta,
    @JsonProperty("UI") @Nullable JobUIConfig ui,
    @JsonProperty("Stop") @Nullable Boolean stop,
    @JsonProperty("ParentID") @Nullable String parentID,
    @JsonProperty("Dispatched") boolean dispatched,
    @JsonProperty("DispatchIdempotencyToken") @Nullable String dispatchIdempotencyToken,
    @JsonProperty("Payload") @Nullable Blob payload,
    @JsonProperty("ConsulNamespace") @Nullable String consulNamespace,
    @JsonProperty("VaultNamespace") @Nullable String vaultNamespace,
    @JsonProperty("NomadTokenID") @Nullable String nomadTokenID,
    @JsonProperty("Status") @Nullable String status,
    @JsonProperty("StatusDescription") @Nullable String statusDescription,
    @JsonProperty("Stable") @Nullable Boolean stable,
    @JsonProperty("Version") @Nullable Long version,
    @JsonProperty("SubmitTime") @Nullable Long submitTime,
    @JsonProperty("CreateIndex") @Nullable Long createIndex,
    @JsonProperty("ModifyIndex") @Nullable Long modifyIndex,
    @JsonProperty("JobModifyIndex") @Nullable Long jobModifyIndex,
    @JsonProperty("VersionTag") @Nullable JobVersionTag versionTag) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public Job {
    datacenters = ModelCollections.copyOfList(datacenters);
    constraints = ModelCollections.copyOfList(constraints);
    affinities = ModelCollections.copyOfList(affinities);
    taskGroups = ModelCollections.copyOfList(taskGroups);
    spreads = ModelCollections.copyOfList(spreads);
    meta = ModelCollections.copyOfMap(meta);
  }

  /** Returns {@code Datacenters}, or an empty list when it is absent (Go nil). */
  public List<String> datacentersOrEmpty() {
    return datacenters == null ? List.of() : datacenters;
  }

  /** Returns {@code Constraints}, or an empty list when it is absent (Go nil). */
  public List<Constraint> constraintsOrEmpty() {
    return constraints == null ? List.of() : constraints;
  }

  /** Returns {@code Affinities}, or an empty list when it is absent (Go nil). */
  public List<Affinity> affinitiesOrEmpty() {
    return affinities == null ? List.of() : affinities;
  }

  /** Returns {@code TaskGroups}, or an empty list when it is absent (Go nil). */
  public List<TaskGroup> taskGroupsOrEmpty() {
    return taskGroups == null ? List.of() : taskGroups;
  }

  /** Returns {@code Spreads}, or an empty list when it is absent (Go nil). */
  public List<Spread> spreadsOrEmpty() {
    return spreads == null ? List.of() : spreads;
  }

  /** Returns {@code Meta}, or an empty map when it is absent (Go nil). */
  public Map<String, String> metaOrEmpty() {
    return meta == null ? Map.of() : meta;
  }
  /** Returns an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts a builder for a job whose ID and Name are both {@code id}, as an HCL {@code job "id"} block gives. */
  public static Builder builder(String id) {
    return new Builder().id(id).name(id);
  }

  /** Returns a builder initialised with this value's fields. */
  public Builder toBuilder() {
    return new Builder()
        .region(region)
        .namespace(namespace)
        .id(id)
        .name(name)
        .type(type)
        .priority(priority)
        .allAtOnce(allAtOnce)
        .datacenters(datacenters)
        .nodePool(nodePool)
        .constraints(constraints)
        .affinities(affinities)
        .taskGroups(taskGroups)
        .update(update)
        .multiregion(multiregion)
        .spreads(spreads)
        .periodic(periodic)
        .parameterizedJob(parameterizedJob)
        .reschedule(reschedule)
        .migrate(migrate)
        .meta(meta)
        .ui(ui)
        .stop(stop)
        .parentID(parentID)
        .dispatched(dispatched)
        .dispatchIdempotencyToken(dispatchIdempotencyToken)
        .payload(payload)
        .consulNamespace(consulNamespace)
        .vaultNamespace(vaultNamespace)
        .nomadTokenID(nomadTokenID)
        .status(status)
        .statusDescription(statusDescription)
        .stable(stable)
        .version(version)
        .submitTime(submitTime)
        .createIndex(createIndex)
        .modifyIndex(modifyIndex)
        .jobModifyIndex(jobModifyIndex)
        .versionTag(versionTag);
  }

  /** Mutable builder of {@link Job}; {@link #build()} makes an immutable copy. */
  public static final class Builder {
    private @Nullable String region;
    private @Nullable String namespace;
    private @Nullable String id;
    private @Nullable String name;
    private @Nullable String type;
    private @Nullable Integer priority;
    private @Nullable Boolean allAtOnce;
    private @Nullable List<String> datacenters;
    private @Nullable String nodePool;
    private @Nullable List<Constraint> constraints;
    private @Nullable List<Affinity> affinities;
    private @Nullable List<TaskGroup> taskGroups;
    private @Nullable UpdateStrategy update;
    private @Nullable Multiregion multiregion;
    private @Nullable List<Spread> spreads;
    private @Nullable PeriodicConfig periodic;
    private @Nullable ParameterizedJobConfig parameterizedJob;
    private @Nullable ReschedulePolicy reschedule;
    private @Nullable MigrateStrategy migrate;
    private @Nullable Map<String, String> meta;
    private @Nullable JobUIConfig ui;
    private @Nullable Boolean stop;
    private @Nullable String parentID;
    private boolean dispatched;
    private @Nullable String dispatchIdempotencyToken;
    private @Nullable Blob payload;
    private @Nullable String consulNamespace;
    private @Nullable String vaultNamespace;
    private @Nullable String nomadTokenID;
    private @Nullable String status;
    private @Nullable String statusDescription;
    private @Nullable Boolean stable;
    private @Nullable Long version;
    private @Nullable Long submitTime;
    private @Nullable Long createIndex;
    private @Nullable Long modifyIndex;
    private @Nullable Long jobModifyIndex;
    private @Nullable JobVersionTag versionTag;

    private Builder() {}

    /** Sets {@code Region}. */
    public Builder region(@Nullable String region) {
      this.region = region;
      return this;
    }

    /** Sets {@code Namespace}. */
    public Builder namespace(@Nullable String namespace) {
      this.namespace = namespace;
      return this;
    }

    /** Sets {@code ID}. */
    public Builder id(@Nullable String id) {
      this.id = id;
      return this;
    }

    /** Sets {@code Name}. */
    public Builder name(@Nullable String name) {
      this.name = name;
      return this;
    }

    /** Sets {@code Type}. */
    public Builder type(@Nullable String type) {
      this.type = type;
      return this;
    }

    /** Sets {@code Priority}. */
    public Builder priority(@Nullable Integer priority) {
      this.priority = priority;
      return this;
    }

    /** Sets {@code AllAtOnce}. */
    public Builder allAtOnce(@Nullable Boolean allAtOnce) {
      this.allAtOnce = allAtOnce;
      return this;
    }

    /** Sets {@code Datacenters}. */
    public Builder datacenters(@Nullable List<String> datacenters) {
      this.datacenters = datacenters;
      return this;
    }

    /** Sets {@code NodePool}. */
    public Builder nodePool(@Nullable String nodePool) {
      this.nodePool = nodePool;
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

    /** Sets {@code TaskGroups}. */
    public Builder taskGroups(@Nullable List<TaskGroup> taskGroups) {
      this.taskGroups = taskGroups;
      return this;
    }

    /** Sets {@code Update}. */
    public Builder update(@Nullable UpdateStrategy update) {
      this.update = update;
      return this;
    }

    /** Sets {@code Multiregion}. */
    public Builder multiregion(@Nullable Multiregion multiregion) {
      this.multiregion = multiregion;
      return this;
    }

    /** Sets {@code Spreads}. */
    public Builder spreads(@Nullable List<Spread> spreads) {
      this.spreads = spreads;
      return this;
    }

    /** Sets {@code Periodic}. */
    public Builder periodic(@Nullable PeriodicConfig periodic) {
      this.periodic = periodic;
      return this;
    }

    /** Sets {@code ParameterizedJob}. */
    public Builder parameterizedJob(@Nullable ParameterizedJobConfig parameterizedJob) {
      this.parameterizedJob = parameterizedJob;
      return this;
    }

    /** Sets {@code Reschedule}. */
    public Builder reschedule(@Nullable ReschedulePolicy reschedule) {
      this.reschedule = reschedule;
      return this;
    }

    /** Sets {@code Migrate}. */
    public Builder migrate(@Nullable MigrateStrategy migrate) {
      this.migrate = migrate;
      return this;
    }

    /** Sets {@code Meta}. */
    public Builder meta(@Nullable Map<String, String> meta) {
      this.meta = meta;
      return this;
    }

    /** Sets {@code UI}. */
    public Builder ui(@Nullable JobUIConfig ui) {
      this.ui = ui;
      return this;
    }

    /** Sets {@code Stop}. */
    public Builder stop(@Nullable Boolean stop) {
      this.stop = stop;
      return this;
    }

    /** Sets {@code ParentID}. */
    public Builder parentID(@Nullable String parentID) {
      this.parentID = parentID;
      return this;
    }

    /** Sets {@code Dispatched}. */
    public Builder dispatched(boolean dispatched) {
      this.dispatched = dispatched;
      return this;
    }

    /** Sets {@code DispatchIdempotencyToken}. */
    public Builder dispatchIdempotencyToken(@Nullable String dispatchIdempotencyToken) {
      this.dispatchIdempotencyToken = dispatchIdempotencyToken;
      return this;
    }

    /** Sets {@code Payload}. */
    public Builder payload(@Nullable Blob payload) {
      this.payload = payload;
      return this;
    }

    /** Sets {@code ConsulNamespace}. */
    public Builder consulNamespace(@Nullable String consulNamespace) {
      this.consulNamespace = consulNamespace;
      return this;
    }

    /** Sets {@code VaultNamespace}. */
    public Builder vaultNamespace(@Nullable String vaultNamespace) {
      this.vaultNamespace = vaultNamespace;
      return this;
    }

    /** Sets {@code NomadTokenID}. */
    public Builder nomadTokenID(@Nullable String nomadTokenID) {
      this.nomadTokenID = nomadTokenID;
      return this;
    }

    /** Sets {@code Status}. */
    public Builder status(@Nullable String status) {
      this.status = status;
      return this;
    }

    /** Sets {@code StatusDescription}. */
    public Builder statusDescription(@Nullable String statusDescription) {
      this.statusDescription = statusDescription;
      return this;
    }

    /** Sets {@code Stable}. */
    public Builder stable(@Nullable Boolean stable) {
      this.stable = stable;
      return this;
    }

    /** Sets {@code Version}. */
    public Builder version(@Nullable Long version) {
      this.version = version;
      return this;
    }

    /** Sets {@code SubmitTime}. */
    public Builder submitTime(@Nullable Long submitTime) {
      this.submitTime = submitTime;
      return this;
    }

    /** Sets {@code CreateIndex}. */
    public Builder createIndex(@Nullable Long createIndex) {
      this.createIndex = createIndex;
      return this;
    }

    /** Sets {@code ModifyIndex}. */
    public Builder modifyIndex(@Nullable Long modifyIndex) {
      this.modifyIndex = modifyIndex;
      return this;
    }

    /** Sets {@code JobModifyIndex}. */
    public Builder jobModifyIndex(@Nullable Long jobModifyIndex) {
      this.jobModifyIndex = jobModifyIndex;
      return this;
    }

    /** Sets {@code VersionTag}. */
    public Builder versionTag(@Nullable JobVersionTag versionTag) {
      this.versionTag = versionTag;
      return this;
    }

    /** Appends one element to {@code Datacenters}. */
    public Builder datacenter(String value) {
      List<String> list = datacenters == null ? new ArrayList<>() : new ArrayList<>(datacenters);
      list.add(value);
      this.datacenters = list;
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

    /** Appends one element to {@code TaskGroups}. */
    public Builder taskGroup(TaskGroup value) {
      List<TaskGroup> list = taskGroups == null ? new ArrayList<>() : new ArrayList<>(taskGroups);
      list.add(value);
      this.taskGroups = list;
      return this;
    }

    /** Appends one element to {@code Spreads}. */
    public Builder spread(Spread value) {
      List<Spread> list = spreads == null ? new ArrayList<>() : new ArrayList<>(spreads);
      list.add(value);
      this.spreads = list;
      return this;
    }

    /** Puts one entry into {@code Meta}, keeping insertion order. */
    public Builder meta(String key, String value) {
      Map<String, String> map = meta == null ? new LinkedHashMap<>() : new LinkedHashMap<>(meta);
      map.put(key, value);
      this.meta = map;
      return this;
    }

    /** Convenience overload of {@link #taskGroup(TaskGroup)} that builds {@code builder} first. */
    public Builder taskGroup(TaskGroup.Builder builder) {
      return taskGroup(builder.build());
    }

    /** Builds the immutable value. */
    public Job build() {
      return new Job(region, namespace, id, name, type, priority, allAtOnce, datacenters, nodePool, constraints, affinities, taskGroups, update, multiregion, spreads, periodic, parameterizedJob, reschedule, migrate, meta, ui, stop, parentID, dispatched, dispatchIdempotencyToken, payload, consulNamespace, vaultNamespace, nomadTokenID, status, statusDescription, stable, version, submitTime, createIndex, modifyIndex, jobModifyIndex, versionTag);
    }
  }
}
