package io.caravan.model.cluster;

/** Nomad's exact strings for a node's {@code Status} and {@code SchedulingEligibility}. */
public final class NodeStatus {
  private NodeStatus() {}

  /** The node is registering and not yet usable. */
  public static final String INITIALIZING = "initializing";
  /** The node heartbeats and can run work. */
  public static final String READY = "ready";
  /** The node missed its heartbeats. */
  public static final String DOWN = "down";
  /** The node lost contact but some allocations may still reconnect. */
  public static final String DISCONNECTED = "disconnected";
  /** The node accepts new placements. */
  public static final String ELIGIBLE = "eligible";
  /** The node accepts no new placements. */
  public static final String INELIGIBLE = "ineligible";
}
