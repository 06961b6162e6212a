package io.caravan.scheduler.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.cluster.AllocatedPortMapping;
import io.caravan.model.cluster.AllocatedResources;
import io.caravan.model.cluster.AllocatedSharedResources;
import io.caravan.model.cluster.AllocatedTaskResources;
import io.caravan.model.cluster.AllocatedCpuResources;
import io.caravan.model.cluster.AllocatedMemoryResources;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Node;
import io.caravan.model.job.Constraint;
import io.caravan.model.job.Job;
import io.caravan.model.job.Spread;
import io.caravan.model.job.SpreadTarget;
import io.caravan.model.job.TaskGroup;
import io.caravan.scheduler.snapshot.InMemoryCluster;
import io.caravan.scheduler.snapshot.SchedulerConfiguration;
import io.caravan.scheduler.testing.Jobs;
import io.caravan.scheduler.testing.Nodes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlacementEngineTest {
  private static final String EVAL = "b2d3f0a4-6c1e-4e8a-9d7b-0f1e2d3c4b5a";

  static PlacementResult place(InMemoryCluster cluster, Job job) {
    return place(cluster, job, SchedulerConfiguration.serverDefaults());
  }

  static PlacementResult place(InMemoryCluster cluster, Job job, SchedulerConfiguration config) {
    List<GroupRequest> groups = new ArrayList<>();
    for (TaskGroup tg : job.taskGroupsOrEmpty()) {
      groups.add(new GroupRequest(tg.name(), IntStream.range(0, tg.count())
          .mapToObj(i -> job.id() + "." + tg.name() + "[" + i + "]").toList()));
    }
    return new PlacementEngine(cluster, config).place(new PlacementRequest(job, EVAL, groups, Set.of()));
  }

  static InMemoryCluster cluster(List<Node> nodes) {
    InMemoryCluster c = new InMemoryCluster();
    nodes.forEach(c::upsertNode);
    return c;
  }

  @Test
  void registersTenAllocsOnTenNodesWithoutPortCollision() {
    PlacementResult r = place(cluster(Nodes.mocks(10)), Jobs.mock("mock-service", 10));
    assertThat(r.failures()).isEmpty();
    assertThat(r.placements()).hasSize(10);
    assertThat(r.placements()).extracting(Placement::name).doesNotHaveDuplicates();
    Map<String, Set<Integer>> portsByNode = new HashMap<>();
    for (Placement p : r.placements()) {
      for (AllocatedPortMapping port : p.resources().shared().ports()) {
        assertThat(portsByNode.computeIfAbsent(p.node().id(), k -> new HashSet<>()).add(port.value()))
            .as("port %d on %s", port.value(), p.node().id()).isTrue();
        assertThat(port.value()).isBetween(20000, 32000);
      }
    }
    assertThat(r.placements().stream().map(p -> p.node().id()).distinct().count())
        .as("anti-affinity and the skip of non-positive scores spread the allocs").isEqualTo(10);
    assertThat(r.placements().get(0).score()).isCloseTo(0.08393, org.assertj.core.api.Assertions.within(0.00001));
    assertThat(r.placements().get(0).metrics().scoreMetaData()).hasSizeLessThanOrEqualTo(5).isNotEmpty();
  }

  @Test
  void distinctHostsPlacesTenOfElevenAndFailsOne() {
    TaskGroup tg = Jobs.group(11, 500, 256).build();
    Job job = Jobs.mockBuilder("mock-distinct", tg).constraint(new Constraint("", "", "distinct_hosts")).build();
    PlacementResult r = place(cluster(Nodes.mocks(10)), job);
    assertThat(r.placements()).hasSize(10);
    assertThat(r.failures()).containsOnlyKeys("web");
    PlacementFailure f = r.failures().get("web");
    assertThat(f.unplaced()).isEqualTo(1);
    assertThat(f.metrics().constraintFiltered()).containsEntry("distinct_hosts", 10);
    assertThat(f.explanation()).contains("10 nodes filtered by `distinct_hosts`");
  }

  @Test
  void distinctPropertyAllowsTwoPerRack() {
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      nodes.add(Nodes.node(String.format("node-%03d", i), "dc1", 14000, 8192, 100, 256,
          Map.of("rack", i < 5 ? "rack1" : "rack2"), "ready", "eligible"));
    }
    TaskGroup tg = Jobs.group(8, 500, 256).build();
    Job job = Jobs.mockBuilder("mock-prop", tg).constraint(new Constraint("${meta.rack}", "2", "distinct_property")).build();
    PlacementResult r = place(cluster(nodes), job);
    assertThat(r.placements()).hasSize(4);
    Map<String, Long> perRack = r.placements().stream()
        .collect(Collectors.groupingBy(p -> p.node().meta().get("rack"), Collectors.counting()));
    assertThat(perRack).containsEntry("rack1", 2L).containsEntry("rack2", 2L);
    assertThat(r.failures().get("web").unplaced()).isEqualTo(4);
  }

  static List<Node> twoDcNodes() {
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      nodes.add(Nodes.node(String.format("node-%03d", i), i % 2 == 0 ? "dc2" : "dc1", 14000, 8192, 100, 256,
          Map.of(), "ready", "eligible"));
    }
    return nodes;
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
  void targetedSpreadPutsTenMinusIInDc1(int i) {
    TaskGroup tg = Jobs.group(10, 500, 256)
        .spread(new Spread("${node.datacenter}", 100, List.of(new SpreadTarget("dc1", 100 - 10 * i)))).build();
    Job job = Jobs.mockBuilder("mock-spread", tg).datacenters(List.of("dc*")).build();
    PlacementResult r = place(cluster(twoDcNodes()), job);
    Map<String, Long> perDc = r.placements().stream().collect(Collectors.groupingBy(p -> p.node().datacenter(), Collectors.counting()));
    assertThat(perDc.getOrDefault("dc1", 0L)).isEqualTo(10 - i);
    assertThat(perDc.getOrDefault("dc2", 0L)).isEqualTo(i);
  }

  @Test
  void evenSpreadSplitsFiveAndFive() {
    TaskGroup tg = Jobs.group(10, 500, 256).spread(new Spread("${node.datacenter}", 100, null)).build();
    Job job = Jobs.mockBuilder("mock-even", tg).datacenters(List.of("dc*")).build();
    PlacementResult r = place(cluster(twoDcNodes()), job);
    Map<String, Long> perDc = r.placements().stream().collect(Collectors.groupingBy(p -> p.node().datacenter(), Collectors.counting()));
    assertThat(perDc).containsEntry("dc1", 5L).containsEntry("dc2", 5L);
  }

  static Allocation running(String id, String jobId, Job job, String nodeId, long cpu, long mem) {
    AllocatedResources res = new AllocatedResources(
        Map.of("web", new AllocatedTaskResources(new AllocatedCpuResources(cpu, null), new AllocatedMemoryResources(mem, 0), null, null)),
        null, new AllocatedSharedResources(null, 0, null));
    return new Allocation(id, "default", "e0", jobId + ".web[0]", nodeId, "", jobId, job, "web", res, null,
        "run", "", null, "running", "", null, "", null, null, "", "", "", null, "", 1, 1, 1, 0, 0);
  }

  @Test
  void highPriorityJobPreemptsBothLowerPriorityAllocs() {
    Node node = Nodes.node("node-000", "dc1", 1000, 2048, 50, 256, Map.of(), "ready", "eligible");
    InMemoryCluster c = cluster(List.of(node));
    Job low = Jobs.mockBuilder("low", Jobs.group(1, 500, 1024).build()).priority(30).build();
    Job mid = Jobs.mockBuilder("mid", Jobs.group(1, 350, 512).build()).priority(50).build();
    c.upsertAlloc(running("a-low", "low", low, "node-000", 500, 1024));
    c.upsertAlloc(running("a-mid", "mid", mid, "node-000", 350, 512));
    TaskGroup tg = Jobs.group(1, 900, 1700).build();
    Job high = Jobs.mockBuilder("high", TaskGroup.builder().name("web").count(1)
        .tasks(tg.tasks()).ephemeralDisk(new io.caravan.model.job.EphemeralDisk(false, false, 0)).build()).priority(100).build();
    PlacementResult r = place(c, high, new SchedulerConfiguration("binpack", null, false));
    assertThat(r.placements()).hasSize(1);
    assertThat(r.placements().get(0).preemptedAllocIds()).containsExactlyInAnyOrder("a-low", "a-mid");
  }

  @Test
  void noPreemptionWhenDisabledForServiceJobs() {
    Node node = Nodes.node("node-000", "dc1", 1000, 2048, 50, 256, Map.of(), "ready", "eligible");
    InMemoryCluster c = cluster(List.of(node));
    Job low = Jobs.mockBuilder("low", Jobs.group(1, 500, 1024).build()).priority(30).build();
    c.upsertAlloc(running("a-low", "low", low, "node-000", 900, 1500));
    Job high = Jobs.mockBuilder("high", Jobs.group(1, 900, 1700).build()).priority(100).build();
    PlacementResult r = place(c, high, SchedulerConfiguration.serverDefaults());
    assertThat(r.placements()).isEmpty();
    assertThat(r.failures().get("web").metrics().dimensionExhausted()).containsKey("cpu");
  }

  @Test
  void preemptionMeasuresDistanceToWhatIsStillNeeded() {
    // Ask 1000/1000 on a full node. x (700/700) is closest to the ask and goes first; then 300/300
    // is still needed: y (300/300) is exactly that, though z (600/600) was closer to the whole ask.
    Node node = Nodes.node("node-000", "dc1", 1700, 1856, 100, 256, Map.of(), "ready", "eligible");
    InMemoryCluster c = cluster(List.of(node));
    Job low = Jobs.mockBuilder("low", Jobs.group(1, 100, 100).build()).priority(30).build();
    c.upsertAlloc(running("x", "low-x", low, "node-000", 700, 700));
    c.upsertAlloc(running("z", "low-z", low, "node-000", 600, 600));
    c.upsertAlloc(running("y", "low-y", low, "node-000", 300, 300));
    Job high = Jobs.mockBuilder("high", TaskGroup.builder().name("web").count(1)
        .tasks(Jobs.group(1, 1000, 1000).build().tasks())
        .ephemeralDisk(new io.caravan.model.job.EphemeralDisk(false, false, 0)).build()).priority(100).build();
    PlacementResult r = place(c, high, new SchedulerConfiguration("binpack", null, false));
    assertThat(r.placements()).hasSize(1);
    assertThat(r.placements().get(0).preemptedAllocIds()).containsExactlyInAnyOrder("x", "y");
  }

  @Test
  void preemptionSkipsAllocsWithinTenPriority() {
    Node node = Nodes.node("node-000", "dc1", 1000, 2048, 50, 256, Map.of(), "ready", "eligible");
    InMemoryCluster c = cluster(List.of(node));
    Job close = Jobs.mockBuilder("close", Jobs.group(1, 900, 1500).build()).priority(95).build();
    c.upsertAlloc(running("a-close", "close", close, "node-000", 900, 1500));
    Job high = Jobs.mockBuilder("high", Jobs.group(1, 900, 1700).build()).priority(100).build();
    PlacementResult r = place(c, high, new SchedulerConfiguration("binpack", null, false));
    assertThat(r.placements()).isEmpty();
  }

  @Test
  void explainsConstraintFailures() {
    Job job = Jobs.mockBuilder("mock-win", Jobs.group(2, 500, 256).build())
        .constraints(List.of(new Constraint("${attr.kernel.name}", "windows", "="))).build();
    PlacementResult r = place(cluster(Nodes.mocks(3)), job);
    PlacementFailure f = r.failures().get("web");
    assertThat(f.unplaced()).isEqualTo(2);
    assertThat(f.metrics().nodesEvaluated()).isEqualTo(3);
    assertThat(f.metrics().nodesFiltered()).isEqualTo(3);
    assertThat(f.metrics().coalescedFailures()).isEqualTo(1);
    assertThat(f.explanation()).contains("filtered by `${attr.kernel.name} = windows`");
  }

  @Test
  void neverPlacesOnDownDrainingOrIneligibleNodes() {
    List<Node> nodes = List.of(
        Nodes.node("node-000", "dc1", 14000, 8192, 100, 256, Map.of(), "down", "eligible"),
        Nodes.node("node-001", "dc1", 14000, 8192, 100, 256, Map.of(), "ready", "ineligible"),
        Nodes.node("node-002", "dc1", 14000, 8192, 100, 256, Map.of(), "ready", "eligible"));
    PlacementResult r = place(cluster(nodes), Jobs.mock("j", 3));
    assertThat(r.placements()).extracting(p -> p.node().id()).containsOnly("node-002");
    assertThat(r.placements().get(0).metrics().nodesInPool()).isEqualTo(1);
  }

  @Test
  void exhaustsMemoryAndSaysSo() {
    PlacementResult r = place(cluster(Nodes.mocks(2)), Jobs.mockBuilder("big", Jobs.group(1, 500, 9000).build()).build());
    assertThat(r.failures().get("web").metrics().dimensionExhausted()).containsEntry("memory", 2);
    assertThat(r.failures().get("web").explanation()).contains("2 nodes exhausted on memory");
  }

  @Test
  void ceilLog2IsExact() {
    assertThat(PlacementEngine.ceilLog2(10)).isEqualTo(4);
    assertThat(PlacementEngine.ceilLog2(100)).isEqualTo(7);
    assertThat(PlacementEngine.ceilLog2(5000)).isEqualTo(13);
    assertThat(PlacementEngine.ceilLog2(1024)).isEqualTo(10);
  }

  @Test
  void datacenterGlobsMatchLikeGo() {
    assertThat(PlacementEngine.glob("dc*", "dc1")).isTrue();
    assertThat(PlacementEngine.glob("*", "anything")).isTrue();
    assertThat(PlacementEngine.glob("d*1", "dc2")).isFalse();
    assertThat(PlacementEngine.glob("dc1", "dc10")).isFalse();
  }

  @Test
  void penalisesRescheduleNodes() {
    InMemoryCluster c = cluster(Nodes.mocks(1));
    Job job = Jobs.mock("pen", 1);
    PlacementResult r = new PlacementEngine(c, SchedulerConfiguration.serverDefaults()).place(new PlacementRequest(job, EVAL,
        List.of(new GroupRequest("web", List.of("pen.web[0]"))), Set.of("node-000")));
    assertThat(r.placements()).hasSize(1);
    assertThat(r.placements().get(0).metrics().scoreMetaData().get(0).scores()).containsEntry("node-reschedule-penalty", -1.0);
    assertThat(r.placements().get(0).score()).isCloseTo((0.08393 - 1.0) / 2, org.assertj.core.api.Assertions.within(0.0001));
  }

  @Test
  void spreadAlgorithmPrefersEmptyNodes() {
    InMemoryCluster c = cluster(Nodes.mocks(2)); // two nodes: the limit (2) sees both
    c.upsertAlloc(running("busy", "other", null, "node-000", 6000, 4000));
    PlacementResult r = place(c, Jobs.mock("sp", 1), new SchedulerConfiguration("spread", null, false));
    assertThat(r.placements().get(0).node().id()).isNotEqualTo("node-000");
    PlacementResult b = place(c, Jobs.mock("bp", 1), new SchedulerConfiguration("binpack", null, false));
    assertThat(b.placements().get(0).node().id()).isEqualTo("node-000");
  }
}
