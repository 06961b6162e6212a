package io.caravan.model.canonical;

import io.caravan.model.job.EphemeralDisk;
import io.caravan.model.job.LogConfig;
import io.caravan.model.job.MigrateStrategy;
import io.caravan.model.job.ReschedulePolicy;
import io.caravan.model.job.RestartPolicy;
import io.caravan.model.job.UpdateStrategy;
import java.time.Duration;

/** Nomad's default values for jobs, as filled in by the API's {@code Canonicalize()} (Nomad 1.11). */
public final class JobDefaults {
  private JobDefaults() {}

  /** Job type used when none is given. */
  public static final String JOB_TYPE = "service";
  /** Region used when none is given. */
  public static final String REGION = "global";
  /** Namespace used when none is given. */
  public static final String NAMESPACE = "default";
  /** Job priority used when none is given. */
  public static final int PRIORITY = 50;
  /** Weight of affinities and spreads without one. */
  public static final int AFFINITY_AND_SPREAD_WEIGHT = 50;
  /** CPU (MHz) of a task without a CPU or cores request. */
  public static final int CPU_MHZ = 100;
  /** Memory (MB) of a task without a memory request. */
  public static final int MEMORY_MB = 300;
  /** Task kill timeout used when none is given. */
  public static final Duration KILL_TIMEOUT = Duration.ofSeconds(5);

  /** The update strategy of a service job without one. */
  public static UpdateStrategy updateStrategy() {
    return new UpdateStrategy(
        Duration.ofSeconds(30), 1, "checks", Duration.ofSeconds(10), Duration.ofMinutes(5),
        Duration.ofMinutes(10), 0, false, false);
  }

  /** The migrate strategy of a service group without one. */
  public static MigrateStrategy migrateStrategy() {
    return new MigrateStrategy(1, "checks", Duration.ofSeconds(10), Duration.ofMinutes(5));
  }

  /** The ephemeral disk of a group without one: 300 MB, not sticky, not migrated. */
  public static EphemeralDisk ephemeralDisk() {
    return new EphemeralDisk(false, false, 300);
  }

  /** The log rotation of a task without one: 10 files of 10 MB. */
  public static LogConfig logConfig() {
    return new LogConfig(10, 10, null, false);
  }

  /** The restart policy of groups in jobs of {@code jobType}. */
  public static RestartPolicy restartPolicy(String jobType) {
    return switch (jobType) {
      case "service", "system" ->
          new RestartPolicy(Duration.ofMinutes(30), 2, Duration.ofSeconds(15), "fail", false);
      default -> new RestartPolicy(Duration.ofHours(24), 3, Duration.ofSeconds(15), "fail", false);
    };
  }

  /** The reschedule policy of groups in jobs of {@code jobType} (system jobs get none by default). */
  public static ReschedulePolicy reschedulePolicy(String jobType) {
    return switch (jobType) {
      case "service" ->
          new ReschedulePolicy(0, Duration.ZERO, Duration.ofSeconds(30), "exponential", Duration.ofHours(1), true);
      case "batch" ->
          new ReschedulePolicy(1, Duration.ofHours(24), Duration.ofSeconds(5), "constant", Duration.ZERO, false);
      default -> new ReschedulePolicy(0, Duration.ZERO, Duration.ZERO, "", Duration.ZERO, false);
    };
  }
}
