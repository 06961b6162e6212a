package io.caravan.scheduler.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.cluster.CSIInfo;
import io.caravan.model.cluster.CSINodeInfo;
import io.caravan.model.cluster.Node;
import io.caravan.model.job.Job;
import io.caravan.model.job.TaskGroup;
import io.caravan.model.job.VolumeRequest;
import io.caravan.scheduler.snapshot.CsiVolume;
import io.caravan.scheduler.snapshot.InMemoryCluster;
import io.caravan.scheduler.testing.Jobs;
import io.caravan.scheduler.testing.Nodes;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** CSI volume feasibility: the volume, the node plugin, MaxVolumes, topology, modes and write claims. */
class CsiVolumePlacementTest {
  private static final CsiVolume.Capability SNW_FS = new CsiVolume.Capability(CsiVolume.SINGLE_NODE_WRITER, "file-system");

  static Node withPlugin(String id, String plugin, boolean healthy, long maxVolumes, Map<String, Object> topology) {
    return Nodes.mock(id).toBuilder()
        .csiNodePlugins(Map.of(plugin, new CSIInfo(plugin, "", healthy, "", "", false, !topology.isEmpty(),
            new CSINodeInfo(id, maxVolumes, topology.isEmpty() ? null : Map.of("Segments", topology), false))))
        .build().withComputedClass();
  }

  static Node withPlugin(String id) {
    return withPlugin(id, "ebs", true, 0, Map.of());
  }

  static CsiVolume volume(String id, List<CsiVolume.Capability> caps, Set<String> writers) {
    return new CsiVolume(id, "default", "ebs", true, "", "", caps, Set.of(), writers, List.of());
  }

  static Job job(int count, VolumeRequest v) {
    TaskGroup tg = Jobs.group(count, 500, 256).volumes(Map.of("data", v)).build();
    return Jobs.mockBuilder("csi-job", tg).build();
  }

  static VolumeRequest writer(String source) {
    return VolumeRequest.builder().name("data").type("csi").source(source)
        .accessMode(CsiVolume.SINGLE_NODE_WRITER).attachmentMode("file-system").build();
  }

  static InMemoryCluster cluster(List<Node> nodes, CsiVolume... volumes) {
    InMemoryCluster c = PlacementEngineTest.cluster(nodes);
    for (CsiVolume v : volumes) {
      c.upsertCsiVolume(v);
    }
    return c;
  }

  @Test
  void aMissingVolumeFiltersEveryNode() {
    PlacementResult r = PlacementEngineTest.place(cluster(List.of(withPlugin("node-a"))), job(1, writer("vol-1")));
    assertThat(r.placements()).isEmpty();
    assertThat(r.failures().get("web").metrics().constraintFiltered()).containsEntry("missing CSI Volume vol-1", 1);
  }

  @Test
  void placesOnlyWhereTheNodePluginRunsHealthy() {
    Node none = Nodes.mock("node-a");
    Node sick = withPlugin("node-b", "ebs", false, 0, Map.of());
    Node good = withPlugin("node-c");
    PlacementResult r = PlacementEngineTest.place(cluster(List.of(none, sick, good), volume("vol-1", List.of(SNW_FS), Set.of())),
        job(1, writer("vol-1")));
    assertThat(r.placements()).extracting(p -> p.node().id()).containsExactly("node-c");
    assertThat(r.placements().get(0).metrics().constraintFiltered()).containsOnly(
        Map.entry("CSI plugin ebs is missing from client node-a", 1),
        Map.entry("CSI plugin ebs is unhealthy on client node-b", 1));
  }

  @Test
  void aSingleNodeWriterVolumeGoesToOnePlacement() {
    InMemoryCluster c = cluster(List.of(withPlugin("node-a"), withPlugin("node-b")), volume("vol-1", List.of(SNW_FS), Set.of()));
    PlacementResult r = PlacementEngineTest.place(c, job(2, writer("vol-1")));
    assertThat(r.placements()).hasSize(1);
    assertThat(r.failures().get("web").metrics().constraintFiltered())
        .containsEntry("CSI volume vol-1 has exhausted its available writer claims", 2);
  }

  @Test
  void anExistingWriteClaimBlocksWritersButNotReaders() {
    InMemoryCluster c = cluster(List.of(withPlugin("node-a")), volume("vol-1", List.of(SNW_FS), Set.of("other-alloc")));
    assertThat(PlacementEngineTest.place(c, job(1, writer("vol-1"))).placements()).isEmpty();
    VolumeRequest reader = writer("vol-1").toBuilder().readOnly(true).build();
    assertThat(PlacementEngineTest.place(c, job(1, reader)).placements()).hasSize(1);
  }

  @Test
  void aMultiNodeMultiWriterVolumeTakesEveryWriter() {
    CsiVolume vol = volume("vol-1", List.of(new CsiVolume.Capability(CsiVolume.MULTI_NODE_MULTI_WRITER, "file-system")), Set.of("x"));
    VolumeRequest req = writer("vol-1").toBuilder().accessMode(CsiVolume.MULTI_NODE_MULTI_WRITER).build();
    PlacementResult r = PlacementEngineTest.place(cluster(List.of(withPlugin("node-a"), withPlugin("node-b")), vol), job(3, req));
    assertThat(r.placements()).hasSize(3);
  }

  @Test
  void anUnsupportedAccessModeIsFiltered() {
    VolumeRequest req = writer("vol-1").toBuilder().accessMode(CsiVolume.MULTI_NODE_MULTI_WRITER).build();
    PlacementResult r = PlacementEngineTest.place(cluster(List.of(withPlugin("node-a")), volume("vol-1", List.of(SNW_FS), Set.of())),
        job(1, req));
    assertThat(r.failures().get("web").metrics().constraintFiltered())
        .containsEntry("CSI volume vol-1 does not support multi-node-multi-writer/file-system", 1);
  }

  @Test
  void perAllocVolumesGiveEachAllocationItsOwnVolume() {
    InMemoryCluster c = cluster(List.of(withPlugin("node-a")),
        volume("vol[0]", List.of(SNW_FS), Set.of()), volume("vol[1]", List.of(SNW_FS), Set.of()));
    VolumeRequest req = writer("vol").toBuilder().perAlloc(true).build();
    PlacementResult r = PlacementEngineTest.place(c, job(3, req));
    assertThat(r.placements()).extracting(Placement::name).containsExactly("csi-job.web[0]", "csi-job.web[1]");
    assertThat(r.failures().get("web").metrics().constraintFiltered()).containsEntry("missing CSI Volume vol[2]", 1);
  }

  @Test
  void theNodePluginsMaxVolumesCountsClaimsOnTheNode() {
    Node a = withPlugin("node-a", "ebs", true, 1, Map.of());
    InMemoryCluster c = cluster(List.of(a), volume("vol-1", List.of(SNW_FS), Set.of()),
        volume("vol-2", List.of(SNW_FS), Set.of()));
    c.upsertAlloc(PlacementEngineTest.running("holder", "other", null, "node-a", 100, 100));
    c.upsertCsiVolume(new CsiVolume("vol-2", "default", "ebs", true, CsiVolume.SINGLE_NODE_WRITER, "file-system",
        List.of(SNW_FS), Set.of(), Set.of("holder"), List.of()));
    PlacementResult r = PlacementEngineTest.place(c, job(1, writer("vol-1")));
    assertThat(r.failures().get("web").metrics().constraintFiltered())
        .containsEntry("CSI plugin ebs has the maximum number of volumes on client node-a", 1);
  }

  @Test
  void aVolumeWithTopologiesNeedsANodeInOne() {
    Node east = withPlugin("node-east", "ebs", true, 0, Map.of("zone", "us-east-1a"));
    Node west = withPlugin("node-west", "ebs", true, 0, Map.of("zone", "us-west-2a"));
    CsiVolume vol = new CsiVolume("vol-1", "default", "ebs", true, "", "", List.of(SNW_FS), Set.of(), Set.of(),
        List.of(Map.of("zone", "us-west-2a")));
    PlacementResult r = PlacementEngineTest.place(cluster(List.of(east, west), vol), job(1, writer("vol-1")));
    assertThat(r.placements()).extracting(p -> p.node().id()).containsExactly("node-west");
  }

  @Test
  void anUnschedulableVolumeTakesNoWriter() {
    CsiVolume vol = new CsiVolume("vol-1", "default", "ebs", false, "", "", List.of(SNW_FS), Set.of(), Set.of(), List.of());
    PlacementResult r = PlacementEngineTest.place(cluster(List.of(withPlugin("node-a")), vol), job(1, writer("vol-1")));
    assertThat(r.failures().get("web").metrics().constraintFiltered())
        .containsEntry("CSI volume vol-1 is unschedulable or is read-only", 1);
  }
}
