package io.caravan.runtime.driver;

import com.google.common.collect.ImmutableSet;

/**
 * What a driver can do, as in Nomad's driver capabilities.
 *
 * @param sendSignals whether {@link TaskDriver#signal} works
 * @param exec whether {@link TaskDriver#exec} works
 * @param fsIsolation how the task's filesystem is isolated
 * @param networkIsolationModes the network modes the driver supports
 */
public record DriverCapabilities(
    boolean sendSignals,
    boolean exec,
    FsIsolation fsIsolation,
    ImmutableSet<NetworkIsolationMode> networkIsolationModes) {

  public DriverCapabilities {
    if (fsIsolation == null) {
      throw new IllegalArgumentException("fsIsolation is required");
    }
    networkIsolationModes = networkIsolationModes == null ? ImmutableSet.of() : networkIsolationModes;
  }

  /** How a task's filesystem is isolated from the host. */
  public enum FsIsolation {
    /** The task sees the host filesystem. */
    NONE,
    /** The task runs in a chroot or a private mount namespace built from host directories. */
    CHROOT,
    /** The task runs in its own image (containers). */
    IMAGE
  }

  /** A network isolation mode a driver supports. */
  public enum NetworkIsolationMode {
    /** The host's network namespace. */
    HOST,
    /** A namespace shared by the allocation's tasks. */
    GROUP,
    /** A namespace of the task's own. */
    TASK,
    /** No network at all. */
    NONE
  }
}
