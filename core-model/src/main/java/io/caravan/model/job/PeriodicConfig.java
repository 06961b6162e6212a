package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Cron-like schedule for launching a periodic job. */
@JsonPropertyOrder({"Enabled", "Spec", "Specs", "SpecType", "ProhibitOverlap", "TimeZone"})
public record PeriodicConfig(
    @JsonProperty("Enabled") @Nullable Boolean enabled,
    @JsonProperty("Spec") @Nullable String spec,
    @JsonProperty("Specs") @Nullable List<String> specs,
    @JsonProperty("SpecType") @Nullable String specType,
    @JsonProperty("ProhibitOverlap") @Nullable Boolean prohibitOverlap,
    @JsonProperty("TimeZone") @Nullable String timeZone) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public PeriodicConfig {
    specs = ModelCollections.copyOfList(specs);
  }

  /** Returns {@code Specs}, or an empty list when it is absent (Go nil). */
  public List<String> specsOrEmpty() {
    return specs == null ? List.of() : specs;
  }
  /** Returns an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder initialised with this value's fields. */
  public Builder toBuilder() {
    return new Builder()
        .enabled(enabled)
        .spec(spec)
        .specs(specs)
        .specType(specType)
        .prohibitOverlap(prohibitOverlap)
        .timeZone(timeZone);
  }

  /** Mutable builder of {@link PeriodicConfig}; {@link #build()} makes an immutable copy. */
  public static final class Builder {
    private @Nullable Boolean enabled;
    private @Nullable String spec;
    private @Nullable List<String> specs;
    private @Nullable String specType;
    private @Nullable Boolean prohibitOverlap;
    private @Nullable String timeZone;

    private Builder() {}

    /** Sets {@code Enabled}. */
    public Builder enabled(@Nullable Boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    /** Sets {@code Spec}. */
    public Builder spec(@Nullable String spec) {
      this.spec = spec;
      return this;
    }

    /** Sets {@code Specs}. */
    public Builder specs(@Nullable List<String> specs) {
      this.specs = specs;
      return this;
    }

    /** Sets {@code SpecType}. */
    public Builder specType(@Nullable String specType) {
      this.specType = specType;
      return this;
    }

    /** Sets {@code ProhibitOverlap}. */
    public Builder prohibitOverlap(@Nullable Boolean prohibitOverlap) {
      this.prohibitOverlap = prohibitOverlap;
      return this;
    }

    /** Sets {@code TimeZone}. */
    public Builder timeZone(@Nullable String timeZone) {
      this.timeZone = timeZone;
      return this;
    }

    /** Builds the immutable value. */
    public PeriodicConfig build() {
      return new PeriodicConfig(enabled, spec, specs, specType, prohibitOverlap, timeZone);
    }
  }
}
