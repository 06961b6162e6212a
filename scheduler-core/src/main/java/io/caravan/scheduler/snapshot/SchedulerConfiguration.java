package io.caravan.scheduler.snapshot;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/** Cluster-wide scheduler settings (Nomad's {@code SchedulerConfiguration}): algorithm, preemption, oversubscription. */
public record SchedulerConfiguration(
    @JsonProperty("SchedulerAlgorithm") String schedulerAlgorithm,
    @JsonProperty("PreemptionConfig") @Nullable PreemptionConfig preemptionConfig,
    @JsonProperty("MemoryOversubscriptionEnabled") boolean memoryOversubscriptionEnabled) {

  /** The bin-packing algorithm name. */
  public static final String BINPACK = "binpack";
  /** The spread algorithm name. */
  public static final String SPREAD = "spread";

  /** Normalises an empty algorithm to binpack. */
  public SchedulerConfiguration {
    schedulerAlgorithm = schedulerAlgorithm == null || schedulerAlgorithm.isEmpty() ? BINPACK : schedulerAlgorithm;
  }

  /** Nomad's server defaults: binpack, only system preemption, no oversubscription. */
  public static SchedulerConfiguration serverDefaults() {
    return new SchedulerConfiguration(BINPACK, PreemptionConfig.serverDefaults(), false);
  }

  /** True when the spread algorithm is selected. */
  public boolean spreadAlgorithm() {
    return SPREAD.equals(schedulerAlgorithm);
  }

  /**
   * Whether a job of {@code jobType} may preempt; a missing preemption config counts as enabled,
   * as in Nomad's scheduler.
   */
  public boolean preemptionEnabledFor(String jobType) {
    return preemptionConfig == null || preemptionConfig.enabledFor(jobType);
  }
}
