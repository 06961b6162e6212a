package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** How the client restarts failed tasks in place. */
@JsonPropertyOrder({"Interval", "Attempts", "Delay", "Mode", "RenderTemplates"})
public record RestartPolicy(
    @JsonProperty("Interval") @Nullable Duration interval,
    @JsonProperty("Attempts") @Nullable Integer attempts,
    @JsonProperty("Delay") @Nullable Duration delay,
    @JsonProperty("Mode") @Nullable String mode,
    @JsonProperty("RenderTemplates") @Nullable Boolean renderTemplates) {

  /** Returns an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder initialised with this value's fields. */
  public Builder toBuilder() {
    return new Builder()
        .interval(interval)
        .attempts(attempts)
        .delay(delay)
        .mode(mode)
        .renderTemplates(renderTemplates);
  }

  /** Mutable builder of {@link RestartPolicy}; {@link #build()} makes an immutable copy. */
  public static final class Builder {
    private @Nullable Duration interval;
    private @Nullable Integer attempts;
    private @Nullable Duration delay;
    private @Nullable String mode;
    private @Nullable Boolean renderTemplates;

    private Builder() {}

    /** Sets {@code Interval}. */
    public Builder interval(@Nullable Duration interval) {
      this.interval = interval;
      return this;
    }

    /** Sets {@code Attempts}. */
    public Builder attempts(@Nullable Integer attempts) {
      this.attempts = attempts;
      return this;
    }

    /** Sets {@code Delay}. */
    public Builder delay(@Nullable Duration delay) {
      this.delay = delay;
      return this;
    }

    /** Sets {@code Mode}. */
    public Builder mode(@Nullable String mode) {
      this.mode = mode;
      return this;
    }

    /** Sets {@code RenderTemplates}. */
    public Builder renderTemplates(@Nullable Boolean renderTemplates) {
      this.renderTemplates = renderTemplates;
      return this;
    }

    /** Builds the immutable value. */
    public RestartPolicy build() {
      return new RestartPolicy(interval, attempts, delay, mode, renderTemplates);
    }
  }
}
