package io.caravan.scheduler.schedulers;

import io.caravan.scheduler.snapshot.ClusterSnapshot;
import io.caravan.scheduler.snapshot.Planner;
import io.caravan.scheduler.snapshot.SchedulerConfiguration;
import java.time.Clock;
import java.util.Objects;

/**
 * What a scheduler is built with: the snapshot it starts from, the planner it submits to, the
 * cluster's scheduler configuration and the clock that stamps created allocations and
 * evaluations (the only source of time; never the wall clock directly).
 */
public record SchedulerContext(ClusterSnapshot snapshot, Planner planner, SchedulerConfiguration config, Clock clock) {
  /** Rejects nulls. */
  public SchedulerContext {
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(planner, "planner");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
  }

  /** The clock's current instant as Unix nanoseconds, the unit of Nomad's CreateTime/ModifyTime. */
  public long nowNanos() {
    java.time.Instant now = clock.instant();
    return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
  }
}
