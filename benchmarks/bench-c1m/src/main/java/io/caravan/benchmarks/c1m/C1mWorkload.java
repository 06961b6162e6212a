package io.caravan.benchmarks.c1m;

import io.caravan.model.cluster.DriverInfo;
import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.NodeCpuResources;
import io.caravan.model.cluster.NodeDiskResources;
import io.caravan.model.cluster.NodeMemoryResources;
import io.caravan.model.cluster.NodeReservedCpuResources;
import io.caravan.model.cluster.NodeReservedDiskResources;
import io.caravan.model.cluster.NodeReservedMemoryResources;
import io.caravan.model.cluster.NodeReservedNetworkResources;
import io.caravan.model.cluster.NodeReservedResources;
import io.caravan.model.cluster.NodeResources;
import io.caravan.model.cluster.NodeStatus;
import io.caravan.model.job.EphemeralDisk;
import io.caravan.model.job.Job;
import io.caravan.model.job.Resources;
import io.caravan.model.job.Task;
import io.caravan.model.job.TaskGroup;
import java.util.List;
import java.util.Map;

/**
 * The C1M nodes and jobs. A node offers 25,000 MHz / 16,384 MB / 100 GB of disk after its
 * reservations; an allocation asks 100 MHz / 64 MB / 150 MB of disk (the least that holds the
 * default 100 MB of task logs) and no network, so 250 fit a node by cpu (256 by memory, 682 by disk): 5,000 nodes hold 1,250,000, a quarter more than C1M's
 * 1,000,000, so binpacking never runs out of room.
 */
public final class C1mWorkload {
  private C1mWorkload() {}

  /** Allocations of this workload that fit one node (bounded by cpu). */
  public static final int ALLOCS_PER_NODE = 250;

  static final long NODE_CPU_MHZ = 25_100;
  static final long NODE_MEMORY_MB = 16_640;
  static final long RESERVED_CPU_MHZ = 100;
  static final long RESERVED_MEMORY_MB = 256;
  static final int TASK_CPU_MHZ = 100;
  static final int TASK_MEMORY_MB = 64;

  /** Simulated node {@code i}: ready, eligible, in dc1, with the mock driver healthy. */
  public static Node node(int i) {
    String id = String.format("00000000-0000-4000-8000-%012d", i);
    String name = "sim-" + i;
    NodeResources res = new NodeResources(new NodeCpuResources(NODE_CPU_MHZ, 16, null),
        new NodeMemoryResources(NODE_MEMORY_MB), new NodeDiskResources(100 * 1024), List.of(), null, null, 0, 0);
    NodeReservedResources reserved = new NodeReservedResources(new NodeReservedCpuResources(RESERVED_CPU_MHZ, null),
        new NodeReservedMemoryResources(RESERVED_MEMORY_MB), new NodeReservedDiskResources(0),
        new NodeReservedNetworkResources(""));
    return Node.builder().id(id).name(name).datacenter("dc1").nodePool("default")
        .attributes(Map.of("kernel.name", "linux", "arch", "x86", "cpu.numcores", "16", "unique.hostname", name,
            "driver.mock_driver", "1"))
        .drivers(Map.of("mock_driver", new DriverInfo(null, true, true, "healthy", "")))
        .nodeResources(res).reservedResources(reserved)
        .status(NodeStatus.READY).schedulingEligibility(NodeStatus.ELIGIBLE).build();
  }

  /** Service job {@code j} ({@code c1m-0000}, …): one group "web" of {@code count} mock_driver tasks. */
  public static Job job(int j, int count) {
    return Job.builder(jobId(j)).namespace("default").type("service").priority(50).datacenters(List.of("dc1"))
        .taskGroup(TaskGroup.builder("web").count(count).ephemeralDisk(new EphemeralDisk(false, false, 150))
            .task(Task.builder("app").driver("mock_driver").config("run_for", "1h")
                .resources(Resources.builder().cpu(TASK_CPU_MHZ).memoryMB(TASK_MEMORY_MB).build())))
        .build();
  }

  /** The ID of job {@code j}. */
  public static String jobId(int j) {
    return String.format("c1m-%04d", j);
  }
}
