package io.caravan.model.cluster;

/** Nomad's exact strings for an allocation's {@code DesiredStatus} and {@code ClientStatus}. */
public final class AllocStatus {
  private AllocStatus() {}

  /** Desired: keep running. */
  public static final String DESIRED_RUN = "run";
  /** Desired: stop. */
  public static final String DESIRED_STOP = "stop";
  /** Desired: evicted (preempted). */
  public static final String DESIRED_EVICT = "evict";
  /** Client: not started yet. */
  public static final String CLIENT_PENDING = "pending";
  /** Client: running. */
  public static final String CLIENT_RUNNING = "running";
  /** Client: finished successfully. */
  public static final String CLIENT_COMPLETE = "complete";
  /** Client: failed. */
  public static final String CLIENT_FAILED = "failed";
  /** Client: lost with its node. */
  public static final String CLIENT_LOST = "lost";
  /** Client: state unknown while its node is disconnected. */
  public static final String CLIENT_UNKNOWN = "unknown";
}
