package io.caravan.scheduler.resources;

import com.google.common.collect.ImmutableList;
import io.caravan.model.job.NetworkResource;
import io.caravan.model.job.Port;
import io.caravan.model.job.RequestedDevice;
import io.caravan.model.job.Resources;
import io.caravan.model.job.Task;
import io.caravan.model.job.TaskGroup;
import java.util.ArrayList;
import java.util.List;

/**
 * What one allocation of a task group needs from a node, flattened once per evaluation with
 * Nomad's lifecycle rule: per dimension the maximum of the main phase (plain, poststart and
 * prestart-sidecar tasks), the prestart phase and the poststop phase.
 *
 * <p>{@code cores} is the number of CPU cores the allocation reserves: every task asking for
 * cores gets its own (Nomad selects each task's cores from those no earlier task took), so it is
 * the sum over tasks, not a phase maximum. A task with cores gets their bandwidth as its CPU
 * instead of its MHz ask, so with cores the CPU ask depends on the node: {@link #cpu()} is then
 * the MHz part only and {@link #onNode(long)} gives the ask on a node with a given per-core MHz.
 */
public record TaskGroupAsk(
    long cpu,
    long memoryMB,
    long memoryMaxMB,
    long diskMB,
    int cores,
    List<Port> staticPorts,
    List<Port> dynamicPorts,
    List<RequestedDevice> devices,
    List<String> networkModes,
    CorePhases corePhases) {

  /**
   * The MHz asks and core counts of the three lifecycle phases (main, prestart, poststop), from
   * which the CPU ask on a node with a given per-core MHz is computed.
   */
  public record CorePhases(long mainCpu, int mainCores, long prestartCpu, int prestartCores,
      long poststopCpu, int poststopCores) {
    /** The lifecycle maximum of each phase's MHz plus its cores' bandwidth at {@code mhzPerCore}. */
    public long cpu(long mhzPerCore) {
      return Math.max(mainCpu + mainCores * mhzPerCore,
          Math.max(prestartCpu + prestartCores * mhzPerCore, poststopCpu + poststopCores * mhzPerCore));
    }
  }

  /**
   * This ask on a node whose cores run at {@code mhzPerCore}: the CPU ask includes the reserved
   * cores' bandwidth. Without cores the ask is returned as it is.
   */
  public TaskGroupAsk onNode(long mhzPerCore) {
    if (cores == 0) {
      return this;
    }
    long withCores = corePhases.cpu(mhzPerCore);
    return withCores == cpu ? this : new TaskGroupAsk(withCores, memoryMB, memoryMaxMB, diskMB, cores,
        staticPorts, dynamicPorts, devices, networkModes, corePhases);
  }

  /** Nomad's default task CPU (MHz) when a task has no resources. */
  public static final int DEFAULT_CPU = 100;
  /** Nomad's default task memory (MB) when a task has no resources. */
  public static final int DEFAULT_MEMORY = 300;
  /** Nomad's default ephemeral disk (MB). */
  public static final int DEFAULT_DISK = 300;

  /** Flattens the group's tasks and networks into one ask. */
  public static TaskGroupAsk of(TaskGroup tg) {
    long[] main = new long[4];
    long[] pre = new long[4];
    long[] post = new long[4];
    List<Port> statics = new ArrayList<>();
    List<Port> dynamics = new ArrayList<>();
    List<RequestedDevice> devices = new ArrayList<>();
    List<String> modes = new ArrayList<>();
    long totalCores = 0;
    for (NetworkResource n : tg.networksOrEmpty()) {
      statics.addAll(n.reservedPortsOrEmpty());
      dynamics.addAll(n.dynamicPortsOrEmpty());
      modes.add(n.mode());
    }
    for (Task t : tg.tasksOrEmpty()) {
      Resources r = t.resources();
      long cpu = r == null || r.cpu() == null ? DEFAULT_CPU : r.cpu();
      long mem = r == null || r.memoryMB() == null ? DEFAULT_MEMORY : r.memoryMB();
      if (r != null && r.secretsMB() != null) {
        mem += r.secretsMB();
      }
      long memMax = r == null || r.memoryMaxMB() == null ? 0 : r.memoryMaxMB();
      long cores = r == null || r.cores() == null ? 0 : r.cores();
      if (cores > 0) {
        cpu = 0; // the task's CPU is its cores' bandwidth, added per node
      }
      totalCores += cores;
      String hook = t.lifecycle() == null ? "" : t.lifecycle().hook();
      boolean sidecar = t.lifecycle() != null && t.lifecycle().sidecar();
      long[] phase = switch (hook) {
        case "prestart" -> sidecar ? main : pre;
        case "poststop" -> post;
        default -> main;
      };
      phase[0] += cpu;
      phase[1] += mem;
      phase[2] += Math.max(memMax, 0);
      phase[3] += cores;
      if (hook.equals("prestart") && sidecar) {
        pre[0] += cpu;
        pre[1] += mem;
        pre[2] += Math.max(memMax, 0);
        pre[3] += cores;
      }
      if (r != null) {
        devices.addAll(r.devicesOrEmpty());
        for (NetworkResource n : r.networksOrEmpty()) {
          statics.addAll(n.reservedPortsOrEmpty());
          dynamics.addAll(n.dynamicPortsOrEmpty());
        }
      }
    }
    long disk = tg.ephemeralDisk() == null || tg.ephemeralDisk().sizeMB() == null
        ? DEFAULT_DISK : tg.ephemeralDisk().sizeMB();
    return new TaskGroupAsk(
        Math.max(main[0], Math.max(pre[0], post[0])),
        Math.max(main[1], Math.max(pre[1], post[1])),
        Math.max(main[2], Math.max(pre[2], post[2])),
        disk,
        (int) totalCores,
        ImmutableList.copyOf(statics),
        ImmutableList.copyOf(dynamics),
        ImmutableList.copyOf(devices),
        ImmutableList.copyOf(modes),
        new CorePhases(main[0], (int) main[3], pre[0], (int) pre[3], post[0], (int) post[3]));
  }
}
