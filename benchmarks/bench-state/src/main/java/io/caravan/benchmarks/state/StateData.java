package io.caravan.benchmarks.state;

import io.caravan.model.cluster.AllocatedCpuResources;
import io.caravan.model.cluster.AllocatedMemoryResources;
import io.caravan.model.cluster.AllocatedResources;
import io.caravan.model.cluster.AllocatedSharedResources;
import io.caravan.model.cluster.AllocatedTaskResources;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.NodeStatus;
import io.caravan.model.job.Job;
import io.caravan.model.job.Resources;
import io.caravan.model.job.Task;
import io.caravan.model.job.TaskGroup;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/** Jobs, nodes and allocations shaped like what the scheduler commits, for the state benchmarks. */
final class StateData {
  private StateData() {}

  /** A service job with one group of one task asking 500 MHz / 256 MB. */
  static Job job(String id, int count) {
    return Job.builder(id).namespace("default").type("service").priority(50)
        .taskGroup(TaskGroup.builder().name("web").count(count)
            .task(Task.builder("app").driver("mock_driver").resources(Resources.builder().cpu(500).memoryMB(256).build())))
        .build();
  }

  /** A ready node. */
  static Node node(int i) {
    return Node.builder().id(String.format("node-%05d", i)).name("node-" + i).datacenter("dc1").nodePool("default")
        .status(NodeStatus.READY).schedulingEligibility(NodeStatus.ELIGIBLE).build();
  }

  /** A random UUID drawn from a seeded source (the scheduler's IDs are UUIDs too). */
  static String uuid(SplittableRandom random) {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }

  /** A pending allocation of {@code job} on {@code nodeId}, with the resources the scheduler would give it. */
  static Allocation alloc(String id, Job job, String evalId, int index, String nodeId) {
    AllocatedResources res = new AllocatedResources(
        Map.of("app", new AllocatedTaskResources(new AllocatedCpuResources(500, null),
            new AllocatedMemoryResources(256, 0), null, null)),
        null, new AllocatedSharedResources(null, 300, null));
    return Allocation.builder().id(id).namespace("default").evalID(evalId).name(job.id() + ".web[" + index + "]")
        .nodeID(nodeId).nodeName(nodeId).jobID(job.id()).job(job).taskGroup("web").allocatedResources(res)
        .desiredStatus("run").clientStatus("pending").build();
  }
}
