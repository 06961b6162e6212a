package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A workload identity token exposed to a task or service. */
@JsonPropertyOrder({"Name", "Audience", "ChangeMode", "ChangeSignal", "Env", "File", "Filepath", "ServiceName", "TTL"})
public record WorkloadIdentity(
    @JsonProperty("Name") String name,
    @JsonProperty("Audience") @Nullable List<String> audience,
    @JsonProperty("ChangeMode") String changeMode,
    @JsonProperty("ChangeSignal") String changeSignal,
    @JsonProperty("Env") boolean env,
    @JsonProperty("File") boolean file,
    @JsonProperty("Filepath") String filepath,
    @JsonProperty("ServiceName") String serviceName,
    @JsonProperty("TTL") Duration ttl) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public WorkloadIdentity {
    name = name == null ? "" : name;
    audience = ModelCollections.copyOfList(audience);
    changeMode = changeMode == null ? "" : changeMode;
    changeSignal = changeSignal == null ? "" : changeSignal;
    filepath = filepath == null ? "" : filepath;
    serviceName = serviceName == null ? "" : serviceName;
    ttl = ttl == null ? Duration.ZERO : ttl;
  }

  /** Returns {@code Audience}, or an empty list when it is absent (Go nil). */
  public List<String> audienceOrEmpty() {
    return audience == null ? List.of() : audience;
  }
  /** Returns an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder initialised with this value's fields. */
  public Builder toBuilder() {
    return new Builder()
        .name(name)
        .audience(audience)
        .changeMode(changeMode)
        .changeSignal(changeSignal)
        .env(env)
        .file(file)
        .filepath(filepath)
        .serviceName(serviceName)
        .ttl(ttl);
  }

  /** Mutable builder of {@link WorkloadIdentity}; {@link #build()} makes an immutable copy. */
  public static final class Builder {
    private String name = "";
    private @Nullable List<String> audience;
    private String changeMode = "";
    private String changeSignal = "";
    private boolean env;
    private boolean file;
    private String filepath = "";
    private String serviceName = "";
    private Duration ttl = Duration.ZERO;

    private Builder() {}

    /** Sets {@code Name}. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Sets {@code Audience}. */
    public Builder audience(@Nullable List<String> audience) {
      this.audience = audience;
      return this;
    }

    /** Sets {@code ChangeMode}. */
    public Builder changeMode(String changeMode) {
      this.changeMode = changeMode;
      return this;
    }

    /** Sets {@code ChangeSignal}. */
    public Builder changeSignal(String changeSignal) {
      this.changeSignal = changeSignal;
      return this;
    }

    /** Sets {@code Env}. */
    public Builder env(boolean env) {
      this.env = env;
      return this;
    }

    /** Sets {@code File}. */
    public Builder file(boolean file) {
      this.file = file;
      return this;
    }

    /** Sets {@code Filepath}. */
    public Builder filepath(String filepath) {
      this.filepath = filepath;
      return this;
    }

    /** Sets {@code ServiceName}. */
    public Builder serviceName(String serviceName) {
      this.serviceName = serviceName;
      return this;
    }

    /** Sets {@code TTL}. */
    public Builder ttl(Duration ttl) {
      this.ttl = ttl;
      return this;
    }

    /** Builds the immutable value. */
    public WorkloadIdentity build() {
      return new WorkloadIdentity(name, audience, changeMode, changeSignal, env, file, filepath, serviceName, ttl);
    }
  }
}
