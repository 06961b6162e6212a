package io.caravan.scheduler.preemption;

import io.caravan.scheduler.feasibility.DeviceConstraints;
import io.caravan.scheduler.resources.AllocUsage;
import io.caravan.scheduler.resources.DeviceAllocator;
import io.caravan.scheduler.resources.NodeUsage;
import io.caravan.scheduler.resources.TaskGroupAsk;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Chooses everything to preempt on one node for one task group, in Nomad's order: the holders of
 * the static ports it needs ({@link PortPreemption}), then holders of device instances
 * ({@link DevicePreemption}), then allocations by resource distance until cpu, memory, disk, cores
 * and the allocation limit fit ({@link Preemptor#forTaskGroup}).
 */
public final class NodePreemption {
  private NodePreemption() {}

  /**
   * What preemption on a node gives: the allocations to preempt and, when the task group asks for
   * devices, the device offer that freeing them makes possible.
   */
  public record Choice(List<AllocUsage> victims, DeviceAllocator.@Nullable Result devices) {
    /** Copies the victims. */
    public Choice {
      victims = List.copyOf(victims);
    }
  }

  /**
   * The preemption that lets the ask ({@code askOnNode}: the ask on this node, see
   * {@link TaskGroupAsk#onNode}) fit, or {@code null} when none does. Dynamic ports are never
   * freed by preemption: a node out of dynamic ports stays exhausted.
   */
  public static @Nullable Choice choose(NodeUsage usage, TaskGroupAsk askOnNode,
      List<DeviceAllocator.TaskRequest> deviceRequests, DeviceConstraints deviceConstraints, String jobId,
      int jobPriority) {
    List<AllocUsage> ports = PortPreemption.forStaticPorts(usage, askOnNode, jobId, jobPriority);
    if (ports == null) {
      return null;
    }
    List<AllocUsage> victims = new ArrayList<>(ports);
    DeviceAllocator.Result offer = null;
    if (!deviceRequests.isEmpty()) {
      List<AllocUsage> devices = DevicePreemption.forDevices(usage, deviceRequests, deviceConstraints, jobId,
          jobPriority, victims);
      if (devices == null) {
        return null;
      }
      victims.addAll(devices);
      offer = DeviceAllocator.allocate(usage, deviceRequests, deviceConstraints, DevicePreemption.ids(victims));
    }
    if (!Preemptor.fits(usage, askOnNode, victims)) {
      List<AllocUsage> more = Preemptor.forTaskGroup(usage, askOnNode, jobId, jobPriority, victims);
      if (more == null) {
        return null;
      }
      victims.addAll(more);
    }
    return new Choice(victims, offer);
  }
}
