package io.caravan.scheduler.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.cluster.AllocatedDeviceResource;
import io.caravan.model.cluster.AllocatedTaskResources;
import io.caravan.model.cluster.DeviceAttribute;
import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.NodeDevice;
import io.caravan.model.cluster.NodeDeviceResource;
import io.caravan.model.cluster.NodeResources;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded property tests for device placement on random GPU clusters: a granted instance is
 * healthy, of a group meeting the request's memory constraint, never granted twice on a node, and
 * a request's instances come from one group; when nodes are roomy the number placed is exactly
 * what the matching instances allow; results are deterministic. Replay with {@code -Dcaravan.seed=<seed>}.
 */
class DevicePropertyTest {
  private static final int CASES = 150;

  private record Gpu(String group, long memoryGiB, boolean healthy) {}

  private static List<Long> seeds() {
    String fixed = System.getProperty("caravan.seed");
    if (fixed != null) {
      return List.of(Long.parseLong(fixed));
    }
    SplittableRandom master = new SplittableRandom(0xD3F1CE5L);
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < CASES; i++) {
      out.add(master.nextLong());
    }
    return out;
  }

  @Test
  void grantedInstancesAreHealthyMatchingAndNeverShared() {
    for (long seed : seeds()) {
      SplittableRandom r = new SplittableRandom(seed);
      InMemoryCluster cluster = new InMemoryCluster();
      Map<String, Map<String, Gpu>> gpusByNode = new HashMap<>();
      long minMemory = 1 + r.nextInt(16);
      long count = 1 + r.nextInt(2);
      int expectedCapacity = 0;
      for (int i = 0, n = 1 + r.nextInt(6); i < n; i++) {
        String nodeId = String.format("node-%02d", i);
        List<NodeDeviceResource> groups = new ArrayList<>();
        Map<String, Gpu> gpus = new HashMap<>();
        for (int g = 0, k = r.nextInt(3); g < k; g++) {
          long memory = 1 + r.nextInt(32);
          String model = "m" + g + "-" + memory;
          List<NodeDevice> instances = new ArrayList<>();
          int healthyCount = 0;
          for (int d = 0, m = 1 + r.nextInt(4); d < m; d++) {
            boolean healthy = r.nextInt(5) != 0;
            String id = nodeId + "/" + model + "/" + d;
            instances.add(new NodeDevice(id, healthy, "", null));
            gpus.put(id, new Gpu(model, memory, healthy));
            healthyCount += healthy ? 1 : 0;
          }
          if (memory >= minMemory) {
            expectedCapacity += healthyCount / count;
          }
          groups.add(new NodeDeviceResource("nvidia", "gpu", model, instances,
              Map.of("memory", new DeviceAttribute(null, memory * 1024, null, null, "MiB"))));
        }
        Node base = Nodes.node(nodeId, "dc1", 64000, 64000, 0, 0, Map.of(), "ready", "eligible");
        NodeResources res = base.nodeResources();
        cluster.upsertNode(base.toBuilder().nodeResources(new NodeResources(res.cpu(), res.memory(), res.disk(),
            res.networks(), res.nodeNetworks(), groups, res.minDynamicPort(), res.maxDynamicPort())).build()
            .withComputedClass());
        gpusByNode.put(nodeId, gpus);
      }
      int tgCount = 1 + r.nextInt(12);
      RequestedDevice req = new RequestedDevice(r.nextBoolean() ? "gpu" : "nvidia/gpu", count,
          List.of(new Constraint("${device.attr.memory}", minMemory + " GiB", ">=")), null);
      TaskGroup tg = TaskGroup.builder().name("web").count(tgCount)
          .ephemeralDisk(new EphemeralDisk(false, false, 10))
          .task(Task.builder().name("t").driver("exec")
              .resources(Resources.builder().cpu(100).memoryMB(64).devices(List.of(req)).build()).build())
          .build();
      Job job = Jobs.mockBuilder("gpu-" + Long.toHexString(seed), tg).build();

      PlacementResult result = PlacementEngineTest.place(cluster, job);
      assertThat(PlacementEngineTest.place(cluster, job).placements())
          .as("seed %d: deterministic", seed).extracting(p -> p.node().id() + grantedIds(p))
          .containsExactlyElementsOf(result.placements().stream().map(p -> p.node().id() + grantedIds(p)).toList());
      assertThat(result.placements()).as("seed %d: placed", seed).hasSize(Math.min(tgCount, expectedCapacity));
      Map<String, Set<String>> used = new HashMap<>();
      for (Placement p : result.placements()) {
        for (AllocatedTaskResources t : p.resources().tasks().values()) {
          assertThat(t.devices()).as("seed %d", seed).hasSize(1);
          AllocatedDeviceResource d = t.devices().get(0);
          assertThat(d.deviceIDs()).as("seed %d", seed).hasSize((int) count);
          for (String id : d.deviceIDs()) {
            Gpu gpu = gpusByNode.get(p.node().id()).get(id);
            assertThat(gpu).as("seed %d: %s exists on %s", seed, id, p.node().id()).isNotNull();
            assertThat(gpu.healthy()).as("seed %d: %s healthy", seed, id).isTrue();
            assertThat(gpu.group()).as("seed %d: one group per request", seed).isEqualTo(d.name());
            assertThat(gpu.memoryGiB()).as("seed %d: %s meets the constraint", seed, id).isGreaterThanOrEqualTo(minMemory);
            assertThat(used.computeIfAbsent(p.node().id(), k -> new HashSet<>()).add(id))
                .as("seed %d: %s granted twice", seed, id).isTrue();
          }
        }
      }
    }
  }

  private static List<String> grantedIds(Placement p) {
    List<String> ids = new ArrayList<>();
    p.resources().tasks().values().forEach(t -> {
      if (t.devices() != null) {
        t.devices().forEach(d -> ids.addAll(d.deviceIDs()));
      }
    });
    return ids;
  }
}
