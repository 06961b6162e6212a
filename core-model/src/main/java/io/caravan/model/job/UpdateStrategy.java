package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** How a job or group is updated: rolling update parallelism, canaries and health checking. */
@JsonPropertyOrder({"Stagger", "MaxParallel", "HealthCheck", "MinHealthyTime", "HealthyDeadline", "ProgressDeadline", "Canary", "AutoRevert", "AutoPromote"})
public record UpdateStrategy(
    @JsonProperty("Stagger") @Nullable Duration stagger,
    @JsonProperty("MaxParallel") @Nullable Integer maxParallel,
    @JsonProperty("HealthCheck") @Nullable String healthCheck,
    @JsonProperty("MinHealthyTime") @Nullable Duration minHealthyTime,
    @JsonProperty("HealthyDeadline") @Nullable Duration healthyDeadline,
    @JsonProperty("ProgressDeadline") @Nullable Duration progressDeadline,
    @JsonProperty("Canary") @Nullable Integer canary,
    @JsonProperty("AutoRevert") @Nullable Boolean autoRevert,
    @JsonProperty("AutoPromote") @Nullable Boolean autoPromote) {

  /** Returns an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder initialised with this value's fields. */
  public Builder toBuilder() {
    return new Builder()
        .stagger(stagger)
        .maxParallel(maxParallel)
        .healthCheck(healthCheck)
        .minHealthyTime(minHealthyTime)
        .healthyDeadline(healthyDeadline)
        .progressDeadline(progressDeadline)
        .canary(canary)
        .autoRevert(autoRevert)
        .autoPromote(autoPromote);
  }

  /** Mutable builder of {@link UpdateStrategy}; {@link #build()} makes an immutable copy. */
  public static final class Builder {
    private @Nullable Duration stagger;
    private @Nullable Integer maxParallel;
    private @Nullable String healthCheck;
    private @Nullable Duration minHealthyTime;
    private @Nullable Duration healthyDeadline;
    private @Nullable Duration progressDeadline;
    private @Nullable Integer canary;
    private @Nullable Boolean autoRevert;
    private @Nullable Boolean autoPromote;

    private Builder() {}

    /** Sets {@code Stagger}. */
    public Builder stagger(@Nullable Duration stagger) {
      this.stagger = stagger;
      return this;
    }

    /** Sets {@code MaxParallel}. */
    public Builder maxParallel(@Nullable Integer maxParallel) {
      this.maxParallel = maxParallel;
      return this;
    }

    /** Sets {@code HealthCheck}. */
    public Builder healthCheck(@Nullable String healthCheck) {
      this.healthCheck = healthCheck;
      return this;
    }

    /** Sets {@code MinHealthyTime}. */
    public Builder minHealthyTime(@Nullable Duration minHealthyTime) {
      this.minHealthyTime = minHealthyTime;
      return this;
    }

    /** Sets {@code HealthyDeadline}. */
    public Builder healthyDeadline(@Nullable Duration healthyDeadline) {
      this.healthyDeadline = healthyDeadline;
      return this;
    }

    /** Sets {@code ProgressDeadline}. */
    public Builder progressDeadline(@Nullable Duration progressDeadline) {
      this.progressDeadline = progressDeadline;
      return this;
    }

    /** Sets {@code Canary}. */
    public Builder canary(@Nullable Integer canary) {
      this.canary = canary;
      return this;
    }

    /** Sets {@code AutoRevert}. */
    public Builder autoRevert(@Nullable Boolean autoRevert) {
      this.autoRevert = autoRevert;
      return this;
    }

    /** Sets {@code AutoPromote}. */
    public Builder autoPromote(@Nullable Boolean autoPromote) {
      this.autoPromote = autoPromote;
      return this;
    }

    /** Builds the immutable value. */
    public UpdateStrategy build() {
      return new UpdateStrategy(stagger, maxParallel, healthCheck, minHealthyTime, healthyDeadline, progressDeadline, canary, autoRevert, autoPromote);
    }
  }
}
