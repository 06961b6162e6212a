package io.caravan.scheduler.testing;

import io.caravan.model.cluster.AllocatedCpuResources;
import io.caravan.model.cluster.AllocatedMemoryResources;
import io.caravan.model.cluster.AllocatedPortMapping;
import io.caravan.model.cluster.AllocatedResources;
import io.caravan.model.cluster.AllocatedSharedResources;
import io.caravan.model.cluster.AllocatedTaskResources;
import io.caravan.model.cluster.Allocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test allocations holding given resources. */
public final class Allocs {
  private Allocs() {}

  /**
   * A running allocation of job {@code job-<id>} with one task "web" holding cpu and memory, the
   * given shared disk and host ports.
   */
  public static Allocation sized(String id, String node, long cpu, long mem, long disk, int... ports) {
    List<AllocatedPortMapping> mapped = new ArrayList<>();
    for (int p : ports) {
      mapped.add(new AllocatedPortMapping("p" + p, p, 0, "192.168.0.100"));
    }
    AllocatedResources r = new AllocatedResources(
        Map.of("web", new AllocatedTaskResources(new AllocatedCpuResources(cpu, null),
            new AllocatedMemoryResources(mem, 0), null, null)),
        null, new AllocatedSharedResources(null, disk, mapped.isEmpty() ? null : mapped));
    return Allocation.builder().id(id).namespace("default").jobID("job-" + id).name("job-" + id + ".web[0]")
        .taskGroup("web").nodeID(node).allocatedResources(r).desiredStatus("run").clientStatus("running").build();
  }
}
