package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;

/** Marks a task as a CSI plugin and says how to reach it. */
@JsonPropertyOrder({"ID", "Type", "MountDir", "StagePublishBaseDir", "HealthTimeout"})
public record TaskCSIPluginConfig(
    @JsonProperty("ID") String id,
    @JsonProperty("Type") String type,
    @JsonProperty("MountDir") String mountDir,
    @JsonProperty("StagePublishBaseDir") String stagePublishBaseDir,
    @JsonProperty("HealthTimeout") Duration healthTimeout) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public TaskCSIPluginConfig {
    id = id == null ? "" : id;
    type = type == null ? "" : type;
    mountDir = mountDir == null ? "" : mountDir;
    stagePublishBaseDir = stagePublishBaseDir == null ? "" : stagePublishBaseDir;
    healthTimeout = healthTimeout == null ? Duration.ZERO : healthTimeout;
  }

  /** Returns an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder initialised with this value's fields. */
  public Builder toBuilder() {
    return new Builder()
        .id(id)
        .type(type)
        .mountDir(mountDir)
        .stagePublishBaseDir(stagePublishBaseDir)
        .healthTimeout(healthTimeout);
  }

  /** Mutable builder of {@link TaskCSIPluginConfig}; {@link #build()} makes an immutable copy. */
  public static final class Builder {
    private String id = "";
    private String type = "";
    private String mountDir = "";
    private String stagePublishBaseDir = "";
    private Duration healthTimeout = Duration.ZERO;

    private Builder() {}

    /** Sets {@code ID}. */
    public Builder id(String id) {
      this.id = id;
      return this;
    }

    /** Sets {@code Type}. */
    public Builder type(String type) {
      this.type = type;
      return this;
    }

    /** Sets {@code MountDir}. */
    public Builder mountDir(String mountDir) {
      this.mountDir = mountDir;
      return this;
    }

    /** Sets {@code StagePublishBaseDir}. */
    public Builder stagePublishBaseDir(String stagePublishBaseDir) {
      this.stagePublishBaseDir = stagePublishBaseDir;
      return this;
    }

    /** Sets {@code HealthTimeout}. */
    public Builder healthTimeout(Duration healthTimeout) {
      this.healthTimeout = healthTimeout;
      return this;
    }

    /** Builds the immutable value. */
    public TaskCSIPluginConfig build() {
      return new TaskCSIPluginConfig(id, type, mountDir, stagePublishBaseDir, healthTimeout);
    }
  }
}
