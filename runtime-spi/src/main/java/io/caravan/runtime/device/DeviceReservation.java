package io.caravan.runtime.device;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;

/**
 * How to give reserved devices to a task (Nomad's {@code ContainerReservation}).
 *
 * @param env environment variables to set, e.g. {@code NVIDIA_VISIBLE_DEVICES}
 * @param mounts host paths to mount into the task
 * @param devices device nodes to expose
 */
public record DeviceReservation(
    ImmutableMap<String, String> env, ImmutableList<Mount> mounts, ImmutableList<DeviceNode> devices) {

  /** A host path mounted into the task. */
  public record Mount(String taskPath, String hostPath, boolean readOnly) {}

  /** A device node exposed to the task with cgroup permissions (e.g. {@code rwm}). */
  public record DeviceNode(String taskPath, String hostPath, String cgroupPermissions) {}
}
