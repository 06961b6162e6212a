package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** How failed allocations are rescheduled onto other nodes. */
@JsonPropertyOrder({"Attempts", "Interval", "Delay", "DelayFunction", "MaxDelay", "Unlimited"})
public record ReschedulePolicy(
    @JsonProperty("Attempts") @Nullable Integer attempts,
    @JsonProperty("Interval") @Nullable Duration interval,
    @JsonProperty("Delay") @Nullable Duration delay,
    @JsonProperty("DelayFunction") @Nullable String delayFunction,
    @JsonProperty("MaxDelay") @Nullable Duration maxDelay,
    @JsonProperty("Unlimited") @Nullable Boolean unlimited) {

  /** Returns an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder initialised with this value's fields. */
  public Builder toBuilder() {
    return new Builder()
        .attempts(attempts)
        .interval(interval)
        .delay(delay)
        .delayFunction(delayFunction)
        .maxDelay(maxDelay)
        .unlimited(unlimited);
  }

  /** Mutable builder of {@link ReschedulePolicy}; {@link #build()} makes an immutable copy. */
  public static final class Builder {
    private @Nullable Integer attempts;
    private @Nullable Duration interval;
    private @Nullable Duration delay;
    private @Nullable String delayFunction;
    private @Nullable Duration maxDelay;
    private @Nullable Boolean unlimited;

    private Builder() {}

    /** Sets {@code Attempts}. */
    public Builder attempts(@Nullable Integer attempts) {
      this.attempts = attempts;
      return this;
    }

    /** Sets {@code Interval}. */
    public Builder interval(@Nullable Duration interval) {
      this.interval = interval;
      return this;
    }

    /** Sets {@code Delay}. */
    public Builder delay(@Nullable Duration delay) {
      this.delay = delay;
      return this;
    }

    /** Sets {@code DelayFunction}. */
    public Builder delayFunction(@Nullable String delayFunction) {
      this.delayFunction = delayFunction;
      return this;
    }

    /** Sets {@code MaxDelay}. */
    public Builder maxDelay(@Nullable Duration maxDelay) {
      this.maxDelay = maxDelay;
      return this;
    }

    /** Sets {@code Unlimited}. */
    public Builder unlimited(@Nullable Boolean unlimited) {
      this.unlimited = unlimited;
      return this;
    }

    /** Builds the immutable value. */
    public ReschedulePolicy build() {
      return new ReschedulePolicy(attempts, interval, delay, delayFunction, maxDelay, unlimited);
    }
  }
}
