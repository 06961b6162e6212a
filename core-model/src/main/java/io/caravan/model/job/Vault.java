package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Vault token settings of a task. */
@JsonPropertyOrder({"Policies", "Role", "Namespace", "Cluster", "Env", "DisableFile", "ChangeMode", "ChangeSignal", "AllowTokenExpiration"})
public record Vault(
    @JsonProperty("Policies") @Nullable List<String> policies,
    @JsonProperty("Role") String role,
    @JsonProperty("Namespace") @Nullable String namespace,
    @JsonProperty("Cluster") String cluster,
    @JsonProperty("Env") @Nullable Boolean env,
    @JsonProperty("DisableFile") @Nullable Boolean disableFile,
    @JsonProperty("ChangeMode") @Nullable String changeMode,
    @JsonProperty("ChangeSignal") @Nullable String changeSignal,
    @JsonProperty("AllowTokenExpiration") @Nullable Boolean allowTokenExpiration) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public Vault {
    policies = ModelCollections.copyOfList(policies);
    role = role == null ? "" : role;
    cluster = cluster == null ? "" : cluster;
  }

  /** Returns {@code Policies}, or an empty list when it is absent (Go nil). */
  public List<String> policiesOrEmpty() {
    return policies == null ? List.of() : policies;
  }
  /** Returns an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder initialised with this value's fields. */
  public Builder toBuilder() {
    return new Builder()
        .policies(policies)
        .role(role)
        .namespace(namespace)
        .cluster(cluster)
        .env(env)
        .disableFile(disableFile)
        .changeMode(changeMode)
        .changeSignal(changeSignal)
        .allowTokenExpiration(allowTokenExpiration);
  }

  /** Mutable builder of {@link Vault}; {@link #build()} makes an immutable copy. */
  public static final class Builder {
    private @Nullable List<String> policies;
    private String role = "";
    private @Nullable String namespace;
    private String cluster = "";
    private @Nullable Boolean env;
    private @Nullable Boolean disableFile;
    private @Nullable String changeMode;
    private @Nullable String changeSignal;
    private @Nullable Boolean allowTokenExpiration;

    private Builder() {}

    /** Sets {@code Policies}. */
    public Builder policies(@Nullable List<String> policies) {
      this.policies = policies;
      return this;
    }

    /** Sets {@code Role}. */
    public Builder role(String role) {
      this.role = role;
      return this;
    }

    /** Sets {@code Namespace}. */
    public Builder namespace(@Nullable String namespace) {
      this.namespace = namespace;
      return this;
    }

    /** Sets {@code Cluster}. */
    public Builder cluster(String cluster) {
      this.cluster = cluster;
      return this;
    }

    /** Sets {@code Env}. */
    public Builder env(@Nullable Boolean env) {
      this.env = env;
      return this;
    }

    /** Sets {@code DisableFile}. */
    public Builder disableFile(@Nullable Boolean disableFile) {
      this.disableFile = disableFile;
      return this;
    }

    /** Sets {@code ChangeMode}. */
    public Builder changeMode(@Nullable String changeMode) {
      this.changeMode = changeMode;
      return this;
    }

    /** Sets {@code ChangeSignal}. */
    public Builder changeSignal(@Nullable String changeSignal) {
      this.changeSignal = changeSignal;
      return this;
    }

    /** Sets {@code AllowTokenExpiration}. */
    public Builder allowTokenExpiration(@Nullable Boolean allowTokenExpiration) {
      this.allowTokenExpiration = allowTokenExpiration;
      return this;
    }

    /** Builds the immutable value. */
    public Vault build() {
      return new Vault(policies, role, namespace, cluster, env, disableFile, changeMode, changeSignal, allowTokenExpiration);
    }
  }
}
