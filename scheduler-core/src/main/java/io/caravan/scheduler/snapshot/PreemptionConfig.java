package io.caravan.scheduler.snapshot;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which schedulers may preempt lower-priority allocations (Nomad's {@code PreemptionConfig}). */
public record PreemptionConfig(
    @JsonProperty("SystemSchedulerEnabled") boolean systemSchedulerEnabled,
    @JsonProperty("SysBatchSchedulerEnabled") boolean sysBatchSchedulerEnabled,
    @JsonProperty("BatchSchedulerEnabled") boolean batchSchedulerEnabled,
    @JsonProperty("ServiceSchedulerEnabled") boolean serviceSchedulerEnabled) {

  /** Nomad's server defaults: only system jobs preempt. */
  public static PreemptionConfig serverDefaults() {
    return new PreemptionConfig(true, false, false, false);
  }

  /** Whether a job of {@code jobType} may preempt. */
  public boolean enabledFor(String jobType) {
    return switch (jobType) {
      case "system" -> systemSchedulerEnabled;
      case "sysbatch" -> sysBatchSchedulerEnabled;
      case "batch" -> batchSchedulerEnabled;
      default -> serviceSchedulerEnabled;
    };
  }
}
