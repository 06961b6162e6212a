package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** An artifact downloaded into the task directory before the task starts. */
@JsonPropertyOrder({"GetterSource", "GetterOptions", "GetterHeaders", "GetterMode", "GetterInsecure", "RelativeDest", "Chown"})
public record TaskArtifact(
    @JsonProperty("GetterSource") @Nullable String getterSource,
    @JsonProperty("GetterOptions") @Nullable Map<String, String> getterOptions,
    @JsonProperty("GetterHeaders") @Nullable Map<String, String> getterHeaders,
    @JsonProperty("GetterMode") @Nullable String getterMode,
    @JsonProperty("GetterInsecure") @Nullable Boolean getterInsecure,
    @JsonProperty("RelativeDest") @Nullable String relativeDest,
    @JsonProperty("Chown") boolean chown) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public TaskArtifact {
    getterOptions = ModelCollections.copyOfMap(getterOptions);
    getterHeaders = ModelCollections.copyOfMap(getterHeaders);
  }

  /** Returns {@code GetterOptions}, or an empty map when it is absent (Go nil). */
  @JsonIgnore // not a JSON property despite the getter-like name
  public Map<String, String> getterOptionsOrEmpty() {
    return getterOptions == null ? Map.of() : getterOptions;
  }

  /** Returns {@code GetterHeaders}, or an empty map when it is absent (Go nil). */
  @JsonIgnore // not a JSON property despite the getter-like name
  public Map<String, String> getterHeadersOrEmpty() {
    return getterHeaders == null ? Map.of() : getterHeaders;
  }
  /** Returns an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder initialised with this value's fields. */
  public Builder toBuilder() {
    return new Builder()
        .getterSource(getterSource)
        .getterOptions(getterOptions)
        .getterHeaders(getterHeaders)
        .getterMode(getterMode)
        .getterInsecure(getterInsecure)
        .relativeDest(relativeDest)
        .chown(chown);
  }

  /** Mutable builder of {@link TaskArtifact}; {@link #build()} makes an immutable copy. */
  public static final class Builder {
    private @Nullable String getterSource;
    private @Nullable Map<String, String> getterOptions;
    private @Nullable Map<String, String> getterHeaders;
    private @Nullable String getterMode;
    private @Nullable Boolean getterInsecure;
    private @Nullable String relativeDest;
    private boolean chown;

    private Builder() {}

    /** Sets {@code GetterSource}. */
    public Builder getterSource(@Nullable String getterSource) {
      this.getterSource = getterSource;
      return this;
    }

    /** Sets {@code GetterOptions}. */
    public Builder getterOptions(@Nullable Map<String, String> getterOptions) {
      this.getterOptions = getterOptions;
      return this;
    }

    /** Sets {@code GetterHeaders}. */
    public Builder getterHeaders(@Nullable Map<String, String> getterHeaders) {
      this.getterHeaders = getterHeaders;
      return this;
    }

    /** Sets {@code GetterMode}. */
    public Builder getterMode(@Nullable String getterMode) {
      this.getterMode = getterMode;
      return this;
    }

    /** Sets {@code GetterInsecure}. */
    public Builder getterInsecure(@Nullable Boolean getterInsecure) {
      this.getterInsecure = getterInsecure;
      return this;
    }

    /** Sets {@code RelativeDest}. */
    public Builder relativeDest(@Nullable String relativeDest) {
      this.relativeDest = relativeDest;
      return this;
    }

    /** Sets {@code Chown}. */
    public Builder chown(boolean chown) {
      this.chown = chown;
      return this;
    }

    /** Builds the immutable value. */
    public TaskArtifact build() {
      return new TaskArtifact(getterSource, getterOptions, getterHeaders, getterMode, getterInsecure, relativeDest, chown);
    }
  }
}
