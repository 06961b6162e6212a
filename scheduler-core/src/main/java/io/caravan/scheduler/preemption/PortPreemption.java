package io.caravan.scheduler.preemption;

import io.caravan.model.job.Port;
import io.caravan.scheduler.resources.AllocUsage;
import io.caravan.scheduler.resources.NodeUsage;
import io.caravan.scheduler.resources.TaskGroupAsk;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Frees the static host ports a task group needs, as the reserved-port step of Nomad's
 * {@code PreemptForNetwork}: every allocation holding a needed port is preempted; if the node
 * itself reserves the port, or the holder is not preemptible (the same job, or a priority less
 * than 10 below), the ports cannot be freed. Caravan does not account network bandwidth, so the
 * MBits step of Nomad's network preemption has nothing to free.
 */
public final class PortPreemption {
  private PortPreemption() {}

  /**
   * The allocations to preempt so the ask's static ports are free (empty when none is taken), or
   * {@code null} when a taken port cannot be freed.
   */
  public static @Nullable List<AllocUsage> forStaticPorts(NodeUsage usage, TaskGroupAsk ask, String jobId,
      int jobPriority) {
    List<AllocUsage> victims = new ArrayList<>();
    for (Port p : ask.staticPorts()) {
      if (p.ignoreCollision() || p.value() <= 0 || p.value() >= 65536) {
        continue;
      }
      AllocUsage holder = usage.portHolder(p.value());
      if (holder == null) {
        if (usage.portTaken(p.value())) {
          return null; // the node itself reserves it
        }
        continue;
      }
      if (!Preemptor.preemptible(holder, jobId, jobPriority)) {
        return null;
      }
      if (!victims.contains(holder)) {
        victims.add(holder);
      }
    }
    return victims;
  }
}
