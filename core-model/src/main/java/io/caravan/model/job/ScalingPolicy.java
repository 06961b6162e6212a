package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.FreeForm;
import io.caravan.model.internal.ModelCollections;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A horizontal or vertical scaling policy with its bounds. */
@JsonPropertyOrder({"Min", "Max", "Policy", "Enabled", "Type", "ID", "Namespace", "Target", "CreateIndex", "ModifyIndex"})
public record ScalingPolicy(
    @JsonProperty("Min") @Nullable Long min,
    @JsonProperty("Max") @Nullable Long max,
    @JsonProperty("Policy") @Nullable Map<String, Object> policy,
    @JsonProperty("Enabled") @Nullable Boolean enabled,
    @JsonProperty("Type") String type,
    @JsonProperty("ID") String id,
    @JsonProperty("Namespace") String namespace,
    @JsonProperty("Target") @Nullable Map<String, String> target,
    @JsonProperty("CreateIndex") long createIndex,
    @JsonProperty("ModifyIndex") long modifyIndex) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public ScalingPolicy {
    policy = FreeForm.copyOf(policy);
    type = type == null ? "" : type;
    id = id == null ? "" : id;
    namespace = namespace == null ? "" : namespace;
    target = ModelCollections.copyOfMap(target);
  }

  /** Returns {@code Policy}, or an empty map when it is absent (Go nil). */
  public Map<String, Object> policyOrEmpty() {
    return policy == null ? Map.of() : policy;
  }

  /** Returns {@code Target}, or an empty map when it is absent (Go nil). */
  public Map<String, String> targetOrEmpty() {
    return target == null ? Map.of() : target;
  }
  /** Returns an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder initialised with this value's fields. */
  public Builder toBuilder() {
    return new Builder()
        .min(min)
        .max(max)
        .policy(policy)
        .enabled(enabled)
        .type(type)
        .id(id)
        .namespace(namespace)
        .target(target)
        .createIndex(createIndex)
        .modifyIndex(modifyIndex);
  }

  /** Mutable builder of {@link ScalingPolicy}; {@link #build()} makes an immutable copy. */
  public static final class Builder {
    private @Nullable Long min;
    private @Nullable Long max;
    private @Nullable Map<String, Object> policy;
    private @Nullable Boolean enabled;
    private String type = "";
    private String id = "";
    private String namespace = "";
    private @Nullable Map<String, String> target;
    private long createIndex;
    private long modifyIndex;

    private Builder() {}

    /** Sets {@code Min}. */
    public Builder min(@Nullable Long min) {
      this.min = min;
      return this;
    }

    /** Sets {@code Max}. */
    public Builder max(@Nullable Long max) {
      this.max = max;
      return this;
    }

    /** Sets {@code Policy}. */
    public Builder policy(@Nullable Map<String, Object> policy) {
      this.policy = policy;
      return this;
    }

    /** Sets {@code Enabled}. */
    public Builder enabled(@Nullable Boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    /** Sets {@code Type}. */
    public Builder type(String type) {
      this.type = type;
      return this;
    }

    /** Sets {@code ID}. */
    public Builder id(String id) {
      this.id = id;
      return this;
    }

    /** Sets {@code Namespace}. */
    public Builder namespace(String namespace) {
      this.namespace = namespace;
      return this;
    }

    /** Sets {@code Target}. */
    public Builder target(@Nullable Map<String, String> target) {
      this.target = target;
      return this;
    }

    /** Sets {@code CreateIndex}. */
    public Builder createIndex(long createIndex) {
      this.createIndex = createIndex;
      return this;
    }

    /** Sets {@code ModifyIndex}. */
    public Builder modifyIndex(long modifyIndex) {
      this.modifyIndex = modifyIndex;
      return this;
    }

    /** Builds the immutable value. */
    public ScalingPolicy build() {
      return new ScalingPolicy(min, max, policy, enabled, type, id, namespace, target, createIndex, modifyIndex);
    }
  }
}
