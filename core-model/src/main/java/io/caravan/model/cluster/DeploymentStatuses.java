package io.caravan.model.cluster;

/** Nomad's exact strings for a deployment's {@code Status}. */
public final class DeploymentStatuses {
  private DeploymentStatuses() {}

  /** In progress. */
  public static final String RUNNING = "running";
  /** Paused by an operator. */
  public static final String PAUSED = "paused";
  /** Failed (unhealthy allocations or deadline missed). */
  public static final String FAILED = "failed";
  /** All groups healthy. */
  public static final String SUCCESSFUL = "successful";
  /** Superseded or stopped. */
  public static final String CANCELLED = "cancelled";
  /** Multiregion: being set up. */
  public static final String INITIALIZING = "initializing";
  /** Multiregion: waiting to start. */
  public static final String PENDING = "pending";
  /** Multiregion: waiting for other regions. */
  public static final String BLOCKED = "blocked";
  /** Multiregion: being unblocked. */
  public static final String UNBLOCKING = "unblocking";
}
