package io.caravan.scheduler.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.caravan.model.cluster.AllocatedCpuResources;
import io.caravan.model.cluster.AllocatedDeviceResource;
import io.caravan.model.cluster.AllocatedMemoryResources;
import io.caravan.model.cluster.AllocatedResources;
import io.caravan.model.cluster.AllocatedSharedResources;
import io.caravan.model.cluster.AllocatedTaskResources;
import io.caravan.model.cluster.DeviceAttribute;
import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.NodeDevice;
import io.caravan.model.cluster.NodeDeviceResource;
import io.caravan.model.cluster.NodeResources;
import io.caravan.model.cluster.NodeScoreMeta;
import io.caravan.model.job.Affinity;
import io.caravan.model.job.Constraint;
import io.caravan.model.job.EphemeralDisk;
import io.caravan.model.job.Job;
import io.caravan.model.job.RequestedDevice;
import io.caravan.model.job.Resources;
import io.caravan.model.job.Task;
import io.caravan.model.job.TaskGroup;
import io.caravan.scheduler.snapshot.InMemoryCluster;
import io.caravan.scheduler.testing.Jobs;
import io.caravan.scheduler.testing.Nodes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Device requests end to end: constraints with units, instance choice and accounting, device affinities. */
class DevicePlacementTest {

  static NodeDeviceResource gpus(String model, long memoryGiB, String... ids) {
    List<NodeDevice> instances = new ArrayList<>();
    for (String id : ids) {
      instances.add(new NodeDevice(id.replace("!", ""), !id.endsWith("!"), "", null));
    }
    return new NodeDeviceResource("nvidia", "gpu", model, instances,
        Map.of("memory", new DeviceAttribute(null, memoryGiB, null, null, "GiB")));
  }

  static Node withDevices(String id, NodeDeviceResource... groups) {
    Node base = Nodes.mock(id);
    NodeResources r = base.nodeResources();
    return base.toBuilder()
        .nodeResources(new NodeResources(r.cpu(), r.memory(), r.disk(), r.networks(), r.nodeNetworks(),
            List.of(groups), r.minDynamicPort(), r.maxDynamicPort()))
        .build().withComputedClass();
  }

  static Job gpuJob(int count, RequestedDevice device) {
    TaskGroup tg = TaskGroup.builder().name("web").count(count)
        .ephemeralDisk(new EphemeralDisk(false, false, 150))
        .task(Task.builder().name("train").driver("exec")
            .resources(Resources.builder().cpu(500).memoryMB(256).devices(List.of(device)).build()).build())
        .build();
    return Jobs.mockBuilder("gpu-job", tg).build();
  }

  static List<String> grantedIds(Placement p) {
    List<String> ids = new ArrayList<>();
    for (AllocatedTaskResources t : p.resources().tasks().values()) {
      if (t.devices() != null) {
        for (AllocatedDeviceResource d : t.devices()) {
          ids.addAll(d.deviceIDs());
        }
      }
    }
    return ids;
  }

  @Test
  void placesOnTheNodeWhoseGpuMeetsTheMemoryConstraintWithUnits() {
    Node small = withDevices("node-small", gpus("t4", 4, "S-0", "S-1"));
    Node big = withDevices("node-big", gpus("a100", 16, "B-0"));
    RequestedDevice req = new RequestedDevice("nvidia/gpu", 1L,
        List.of(new Constraint("${device.attr.memory}", "8192 MiB", ">=")), null);
    PlacementResult r = PlacementEngineTest.place(PlacementEngineTest.cluster(List.of(small, big)), gpuJob(2, req));
    assertThat(r.placements()).hasSize(1);
    Placement p = r.placements().get(0);
    assertThat(p.node().id()).isEqualTo("node-big");
    assertThat(p.resources().tasks().get("train").devices())
        .containsExactly(new AllocatedDeviceResource("nvidia", "gpu", "a100", List.of("B-0")));
    assertThat(p.metrics().constraintFiltered()).containsEntry("missing devices", 1);
    // The second placement: the small node's class is known ineligible, the big node's only GPU is taken.
    PlacementFailure f = r.failures().get("web");
    assertThat(f.unplaced()).isEqualTo(1);
    assertThat(f.metrics().constraintFiltered()).containsEntry("computed class ineligible", 1);
    assertThat(f.metrics().dimensionExhausted()).containsEntry("devices: no devices match request", 1);
  }

  @Test
  void grantsDistinctHealthyInstancesUntilTheyRunOut() {
    Node n = withDevices("node-0", gpus("t4", 16, "G-0", "G-1!", "G-2", "G-3"));
    RequestedDevice req = new RequestedDevice("gpu", 1L, null, null);
    PlacementResult r = PlacementEngineTest.place(PlacementEngineTest.cluster(List.of(n)), gpuJob(4, req));
    assertThat(r.placements()).hasSize(3);
    Set<String> seen = new HashSet<>();
    for (Placement p : r.placements()) {
      assertThat(grantedIds(p)).hasSize(1);
      seen.addAll(grantedIds(p));
    }
    assertThat(seen).containsExactlyInAnyOrder("G-0", "G-2", "G-3");
    assertThat(r.failures().get("web").metrics().dimensionExhausted())
        .containsEntry("devices: no devices match request", 1);
  }

  @Test
  void instancesHeldByExistingAllocationsAreNotGrantedAgain() {
    Node n = withDevices("node-0", gpus("t4", 16, "G-0", "G-1", "G-2"));
    InMemoryCluster c = PlacementEngineTest.cluster(List.of(n));
    AllocatedResources held = new AllocatedResources(
        Map.of("web", new AllocatedTaskResources(new AllocatedCpuResources(100, null),
            new AllocatedMemoryResources(100, 0), null,
            List.of(new AllocatedDeviceResource("nvidia", "gpu", "t4", List.of("G-0", "G-2"))))),
        null, new AllocatedSharedResources(null, 0, null));
    c.upsertAlloc(PlacementEngineTest.running("other-1", "other", null, n.id(), 100, 100).toBuilder()
        .allocatedResources(held).build());
    RequestedDevice req = new RequestedDevice("gpu", 1L, null, null);
    PlacementResult r = PlacementEngineTest.place(c, gpuJob(2, req));
    assertThat(r.placements()).hasSize(1);
    assertThat(grantedIds(r.placements().get(0))).containsExactly("G-1");
  }

  @Test
  void aRequestForTwoTakesTwoInstancesOfOneGroup() {
    Node n = withDevices("node-0", gpus("t4", 16, "A-0"), gpus("v100", 32, "B-0", "B-1"));
    RequestedDevice req = new RequestedDevice("gpu", 2L, null, null);
    PlacementResult r = PlacementEngineTest.place(PlacementEngineTest.cluster(List.of(n)), gpuJob(1, req));
    assertThat(r.placements()).hasSize(1);
    assertThat(r.placements().get(0).resources().tasks().get("train").devices())
        .containsExactly(new AllocatedDeviceResource("nvidia", "gpu", "v100", List.of("B-0", "B-1")));
  }

  @Test
  void deviceIdsConstraintRestrictsTheGrantedInstances() {
    Node n = withDevices("node-0", gpus("t4", 16, "G-0", "G-1", "G-2", "G-3"));
    RequestedDevice req = new RequestedDevice("gpu", 2L,
        List.of(new Constraint("${device.ids}", "G-1,G-3", "set_contains_any")), null);
    PlacementResult r = PlacementEngineTest.place(PlacementEngineTest.cluster(List.of(n)), gpuJob(1, req));
    assertThat(grantedIds(r.placements().get(0))).containsExactly("G-1", "G-3");
  }

  @Test
  void deviceAffinityChoosesTheBestGroupAndAddsADevicesScore() {
    Node both = withDevices("node-both", gpus("t4", 4, "T-0"), gpus("a100", 40, "A-0"));
    RequestedDevice req = new RequestedDevice("gpu", 1L, null,
        List.of(new Affinity("${device.attr.memory}", "16 GiB", ">=", 75), new Affinity("${device.model}", "t4", "=", 25)));
    PlacementResult r = PlacementEngineTest.place(PlacementEngineTest.cluster(List.of(both)), gpuJob(1, req));
    Placement p = r.placements().get(0);
    assertThat(p.resources().tasks().get("train").devices())
        .containsExactly(new AllocatedDeviceResource("nvidia", "gpu", "a100", List.of("A-0")));
    NodeScoreMeta meta = p.metrics().scoreMetaData().get(0);
    // The a100 matches the 75 weight of 100: devices = 0.75, appended after binpack; the final score is their mean.
    assertThat(meta.scores()).containsEntry("devices", 0.75);
    assertThat(meta.scores().keySet()).containsExactly("binpack", "devices");
    assertThat(p.score()).isCloseTo((meta.scores().get("binpack") + 0.75) / 2, within(1e-12));
  }

  @Test
  void deviceAffinityPrefersTheNodeWithTheBetterGroup() {
    Node t4 = withDevices("node-t4", gpus("t4", 4, "T-0"));
    Node a100 = withDevices("node-a100", gpus("a100", 40, "A-0"));
    RequestedDevice req = new RequestedDevice("gpu", 1L, null,
        List.of(new Affinity("${device.attr.memory}", "16 GiB", ">=", 50)));
    PlacementResult r = PlacementEngineTest.place(PlacementEngineTest.cluster(List.of(t4, a100)), gpuJob(1, req));
    assertThat(r.placements().get(0).node().id()).isEqualTo("node-a100");
    List<NodeScoreMeta> scores = r.placements().get(0).metrics().scoreMetaData();
    assertThat(scores).extracting(m -> m.scores().get("devices")).containsExactlyInAnyOrder(1.0, 0.0);
  }
}
