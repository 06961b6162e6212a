package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/** Mounts one of the group's volumes into a task. */
@JsonPropertyOrder({"Volume", "Destination", "ReadOnly", "PropagationMode", "SELinuxLabel"})
public record VolumeMount(
    @JsonProperty("Volume") @Nullable String volume,
    @JsonProperty("Destination") @Nullable String destination,
    @JsonProperty("ReadOnly") @Nullable Boolean readOnly,
    @JsonProperty("PropagationMode") @Nullable String propagationMode,
    @JsonProperty("SELinuxLabel") @Nullable String seLinuxLabel) {

  /** Returns an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder initialised with this value's fields. */
  public Builder toBuilder() {
    return new Builder()
        .volume(volume)
        .destination(destination)
        .readOnly(readOnly)
        .propagationMode(propagationMode)
        .seLinuxLabel(seLinuxLabel);
  }

  /** Mutable builder of {@link VolumeMount}; {@link #build()} makes an immutable copy. */
  public static final class Builder {
    private @Nullable String volume;
    private @Nullable String destination;
    private @Nullable Boolean readOnly;
    private @Nullable String propagationMode;
    private @Nullable String seLinuxLabel;

    private Builder() {}

    /** Sets {@code Volume}. */
    public Builder volume(@Nullable String volume) {
      this.volume = volume;
      return this;
    }

    /** Sets {@code Destination}. */
    public Builder destination(@Nullable String destination) {
      this.destination = destination;
      return this;
    }

    /** Sets {@code ReadOnly}. */
    public Builder readOnly(@Nullable Boolean readOnly) {
      this.readOnly = readOnly;
      return this;
    }

    /** Sets {@code PropagationMode}. */
    public Builder propagationMode(@Nullable String propagationMode) {
      this.propagationMode = propagationMode;
      return this;
    }

    /** Sets {@code SELinuxLabel}. */
    public Builder seLinuxLabel(@Nullable String seLinuxLabel) {
      this.seLinuxLabel = seLinuxLabel;
      return this;
    }

    /** Builds the immutable value. */
    public VolumeMount build() {
      return new VolumeMount(volume, destination, readOnly, propagationMode, seLinuxLabel);
    }
  }
}
