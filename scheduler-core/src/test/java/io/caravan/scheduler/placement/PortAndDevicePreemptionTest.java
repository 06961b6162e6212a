package io.caravan.scheduler.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.cluster.AllocatedCpuResources;
import io.caravan.model.cluster.AllocatedDeviceResource;
import io.caravan.model.cluster.AllocatedMemoryResources;
import io.caravan.model.cluster.AllocatedPortMapping;
import io.caravan.model.cluster.AllocatedResources;
import io.caravan.model.cluster.AllocatedSharedResources;
import io.caravan.model.cluster.AllocatedTaskResources;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Node;
import io.caravan.model.job.EphemeralDisk;
import io.caravan.model.job.Job;
import io.caravan.model.job.NetworkResource;
import io.caravan.model.job.Port;
import io.caravan.model.job.RequestedDevice;
import io.caravan.model.job.Resources;
import io.caravan.model.job.Task;
import io.caravan.model.job.TaskGroup;
import io.caravan.scheduler.snapshot.InMemoryCluster;
import io.caravan.scheduler.snapshot.SchedulerConfiguration;
import io.caravan.scheduler.testing.Jobs;
import io.caravan.scheduler.testing.Nodes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Preemption for static ports and device instances (Nomad's PreemptForNetwork and PreemptForDevice). */
class PortAndDevicePreemptionTest {
  private static final SchedulerConfiguration PREEMPT_SERVICE = new SchedulerConfiguration("binpack", null, false);

  static Job jobOfPriority(String id, int priority) {
    return Jobs.mockBuilder(id, Jobs.group(1, 100, 64).build()).priority(priority).build();
  }

  /** A small running allocation of {@code job} holding the given static host ports and device instances. */
  static Allocation holding(String allocId, Job job, String nodeId, List<Integer> ports,
      List<AllocatedDeviceResource> devices) {
    List<AllocatedPortMapping> mappings = ports.stream()
        .map(p -> new AllocatedPortMapping("p" + p, p, p, "192.168.0.100")).toList();
    AllocatedResources res = new AllocatedResources(
        Map.of("web", new AllocatedTaskResources(new AllocatedCpuResources(100, null),
            new AllocatedMemoryResources(64, 0), null, devices.isEmpty() ? null : devices)),
        null, new AllocatedSharedResources(null, 0, mappings.isEmpty() ? null : mappings));
    return PlacementEngineTest.running(allocId, job.id(), job, nodeId, 100, 64).toBuilder()
        .allocatedResources(res).build();
  }

  static Job staticPortJob(int port, int priority) {
    TaskGroup tg = TaskGroup.builder().name("web").count(1)
        .ephemeralDisk(new EphemeralDisk(false, false, 150))
        .network(NetworkResource.builder().mode("host")
            .reservedPorts(List.of(Port.builder().label("http").value(port).build())).build())
        .task(Task.builder().name("web").driver("exec")
            .resources(Resources.builder().cpu(100).memoryMB(64).build()).build())
        .build();
    return Jobs.mockBuilder("high", tg).priority(priority).build();
  }

  static Job gpuJob(long count, int priority) {
    return DevicePlacementTest.gpuJob(1, new RequestedDevice("nvidia/gpu", count, null, null)).toBuilder()
        .id("high").priority(priority).build();
  }

  static AllocatedDeviceResource t4(String... ids) {
    return new AllocatedDeviceResource("nvidia", "gpu", "t4", List.of(ids));
  }

  @Test
  void preemptsTheLowerPriorityHolderOfANeededStaticPort() {
    InMemoryCluster c = PlacementEngineTest.cluster(List.of(Nodes.mock("node-000")));
    c.upsertAlloc(holding("a-low", jobOfPriority("low", 30), "node-000", List.of(8080), List.of()));
    c.upsertAlloc(holding("a-other", jobOfPriority("other", 30), "node-000", List.of(9090), List.of()));
    PlacementResult r = PlacementEngineTest.place(c, staticPortJob(8080, 100), PREEMPT_SERVICE);
    assertThat(r.failures()).isEmpty();
    Placement p = r.placements().get(0);
    assertThat(p.preemptedAllocIds()).containsExactly("a-low");
    assertThat(p.resources().shared().ports()).extracting(AllocatedPortMapping::value).containsExactly(8080);
  }

  @Test
  void aStaticPortHeldWithinTenPriorityIsNotPreempted() {
    InMemoryCluster c = PlacementEngineTest.cluster(List.of(Nodes.mock("node-000")));
    c.upsertAlloc(holding("a-close", jobOfPriority("close", 95), "node-000", List.of(8080), List.of()));
    PlacementResult r = PlacementEngineTest.place(c, staticPortJob(8080, 100), PREEMPT_SERVICE);
    assertThat(r.placements()).isEmpty();
    assertThat(r.failures().get("web").metrics().dimensionExhausted())
        .containsEntry("network: reserved port collision", 1);
  }

  @Test
  void aPortTheNodeReservesIsNeverFreed() {
    InMemoryCluster c = PlacementEngineTest.cluster(List.of(Nodes.mock("node-000")));
    c.upsertAlloc(holding("a-low", jobOfPriority("low", 10), "node-000", List.of(8080), List.of()));
    PlacementResult r = PlacementEngineTest.place(c, staticPortJob(22, 100), PREEMPT_SERVICE);
    assertThat(r.placements()).isEmpty();
    assertThat(r.failures().get("web").metrics().dimensionExhausted())
        .containsEntry("network: reserved port collision", 1);
  }

  @Test
  void noPortPreemptionWhenPreemptionIsOffForTheScheduler() {
    InMemoryCluster c = PlacementEngineTest.cluster(List.of(Nodes.mock("node-000")));
    c.upsertAlloc(holding("a-low", jobOfPriority("low", 30), "node-000", List.of(8080), List.of()));
    PlacementResult r = PlacementEngineTest.place(c, staticPortJob(8080, 100), SchedulerConfiguration.serverDefaults());
    assertThat(r.placements()).isEmpty();
  }

  @Test
  void preemptsTheLowestPriorityHolderOfATakenGpu() {
    Node n = DevicePlacementTest.withDevices("node-0", DevicePlacementTest.gpus("t4", 16, "G-0", "G-1"));
    InMemoryCluster c = PlacementEngineTest.cluster(List.of(n));
    c.upsertAlloc(holding("a-30", jobOfPriority("p30", 30), n.id(), List.of(), List.of(t4("G-0"))));
    c.upsertAlloc(holding("a-20", jobOfPriority("p20", 20), n.id(), List.of(), List.of(t4("G-1"))));
    PlacementResult r = PlacementEngineTest.place(c, gpuJob(1, 100), PREEMPT_SERVICE);
    assertThat(r.failures()).isEmpty();
    Placement p = r.placements().get(0);
    assertThat(p.preemptedAllocIds()).containsExactly("a-20");
    assertThat(DevicePlacementTest.grantedIds(p)).containsExactly("G-1");
  }

  @Test
  void keepsOnlyTheHoldersWithTheMostInstancesThatCoverTheCount() {
    // Lowest priority first gives a-20 (1 instance) then a-30 (2): 3 >= 2. Taken by instance count,
    // a-30 alone covers the count, so only it is preempted (net priority 30, not 20 + 30).
    Node n = DevicePlacementTest.withDevices("node-0", DevicePlacementTest.gpus("t4", 16, "G-0", "G-1", "G-2"));
    InMemoryCluster c = PlacementEngineTest.cluster(List.of(n));
    c.upsertAlloc(holding("a-20", jobOfPriority("p20", 20), n.id(), List.of(), List.of(t4("G-0"))));
    c.upsertAlloc(holding("a-30", jobOfPriority("p30", 30), n.id(), List.of(), List.of(t4("G-1", "G-2"))));
    PlacementResult r = PlacementEngineTest.place(c, gpuJob(2, 100), PREEMPT_SERVICE);
    assertThat(r.failures()).isEmpty();
    Placement p = r.placements().get(0);
    assertThat(p.preemptedAllocIds()).containsExactly("a-30");
    assertThat(DevicePlacementTest.grantedIds(p)).containsExactlyInAnyOrder("G-1", "G-2");
  }

  @Test
  void aGpuHeldWithinTenPriorityIsNotPreempted() {
    Node n = DevicePlacementTest.withDevices("node-0", DevicePlacementTest.gpus("t4", 16, "G-0"));
    InMemoryCluster c = PlacementEngineTest.cluster(List.of(n));
    c.upsertAlloc(holding("a-95", jobOfPriority("p95", 95), n.id(), List.of(), List.of(t4("G-0"))));
    PlacementResult r = PlacementEngineTest.place(c, gpuJob(1, 100), PREEMPT_SERVICE);
    assertThat(r.placements()).isEmpty();
    assertThat(r.failures().get("web").metrics().dimensionExhausted())
        .containsEntry("devices: no devices match request", 1);
  }

  @Test
  void portAndCpuPreemptionCombineOnOneNode() {
    // The port holder is small; the node is also full on cpu, so a second victim frees the cpu.
    Node node = Nodes.node("node-000", "dc1", 1000, 2048, 50, 256, Map.of(), "ready", "eligible");
    InMemoryCluster c = PlacementEngineTest.cluster(List.of(node));
    c.upsertAlloc(holding("a-port", jobOfPriority("porty", 30), "node-000", List.of(8080), List.of()));
    c.upsertAlloc(PlacementEngineTest.running("a-big", "big", jobOfPriority("big", 30), "node-000", 800, 512));
    TaskGroup tg = staticPortJob(8080, 100).taskGroups().get(0).toBuilder()
        .tasks(List.of(Task.builder().name("web").driver("exec")
            .resources(Resources.builder().cpu(500).memoryMB(64).build()).build()))
        .build();
    Job high = staticPortJob(8080, 100).toBuilder().taskGroups(List.of(tg)).build();
    PlacementResult r = PlacementEngineTest.place(c, high, PREEMPT_SERVICE);
    assertThat(r.failures()).isEmpty();
    assertThat(r.placements().get(0).preemptedAllocIds()).containsExactlyInAnyOrder("a-port", "a-big");
  }
}
