package io.caravan.scheduler.feasibility;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.CSIInfo;
import io.caravan.model.cluster.Node;
import io.caravan.model.job.TaskGroup;
import io.caravan.model.job.VolumeRequest;
import io.caravan.scheduler.snapshot.ClusterSnapshot;
import io.caravan.scheduler.snapshot.CsiVolume;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The CSI volume checks of one task group, as Nomad's {@code CSIVolumeChecker}, run per node and
 * per allocation (never memoised): each requested volume ({@code source}, plus {@code [N]} for
 * {@code per_alloc}) must exist; the node must run its node plugin, healthy, below the plugin's
 * {@code MaxVolumes}; the node plugin's topology must equal one of the volume's topologies when
 * it has any; the volume must support the requested access and attachment mode when it lists
 * capabilities; a read-only request needs a schedulable volume; a writer needs a writer mode and
 * a free write claim. Claims proposed by earlier placements of this evaluation count like stored
 * ones (so a single-node-writer volume is given to one placement), and their volumes count
 * towards {@code MaxVolumes}. Not thread-safe: one per evaluation and group.
 */
public final class CsiVolumeChecker {
  private final ClusterSnapshot snapshot;
  private final String namespace;
  private final List<VolumeRequest> requests = new ArrayList<>();
  /** Volume key → write claims proposed in this evaluation. */
  private final Map<String, Integer> proposedWriters = new HashMap<>();
  /** Node ID → plugin ID → volume keys claimed there (stored claims, filled lazily, plus proposed ones). */
  private final Map<String, Map<String, Set<String>>> claimedOnNode = new HashMap<>();
  private @Nullable Map<String, Map<String, Set<String>>> storedClaims;

  /** The checks for the group's CSI volume requests (none when it has none). */
  public CsiVolumeChecker(ClusterSnapshot snapshot, String namespace, TaskGroup tg) {
    this.snapshot = snapshot;
    this.namespace = namespace;
    for (VolumeRequest v : tg.volumesOrEmpty().values()) {
      if ("csi".equals(v.type())) {
        requests.add(v);
      }
    }
  }

  /** True when the group requests any CSI volume. */
  public boolean active() {
    return !requests.isEmpty();
  }

  /** Why allocation {@code allocName} cannot use its CSI volumes on {@code node}, or {@code null} when it can. */
  public @Nullable String reason(Node node, String allocName) {
    Map<String, Set<String>> onNode = claimed(node.id());
    for (VolumeRequest req : requests) {
      String volId = volumeId(req, allocName);
      Optional<CsiVolume> found = snapshot.csiVolume(namespace, volId);
      if (found.isEmpty()) {
        return "missing CSI Volume " + volId;
      }
      CsiVolume vol = found.get();
      CSIInfo plugin = node.csiNodePluginsOrEmpty().get(vol.pluginId());
      if (plugin == null) {
        return "CSI plugin " + vol.pluginId() + " is missing from client " + node.id();
      }
      if (!plugin.healthy()) {
        return "CSI plugin " + vol.pluginId() + " is unhealthy on client " + node.id();
      }
      long max = plugin.nodeInfo() == null ? 0 : plugin.nodeInfo().maxVolumes();
      Set<String> volumes = onNode.getOrDefault(vol.pluginId(), Set.of());
      if (max > 0 && !volumes.contains(key(vol)) && volumes.size() >= max) {
        return "CSI plugin " + vol.pluginId() + " has the maximum number of volumes on client " + node.id();
      }
      if (!vol.topologies().isEmpty() && !topologyMatches(vol, plugin)) {
        return "CSI volume " + volId + " does not meet the topology of client " + node.id();
      }
      if (!supports(vol, req)) {
        return "CSI volume " + volId + " does not support " + req.accessMode() + "/" + req.attachmentMode();
      }
      if (req.readOnly()) {
        if (!vol.readSchedulable()) {
          return "CSI volume " + volId + " is unschedulable or has exhausted its available reader claims";
        }
      } else {
        if (!vol.writeSchedulable()) {
          return "CSI volume " + volId + " is unschedulable or is read-only";
        }
        if (!vol.hasFreeWriteClaims(proposedWriters.getOrDefault(key(vol), 0))) {
          return "CSI volume " + volId + " has exhausted its available writer claims";
        }
      }
    }
    return null;
  }

  /** Records the claims of a placement of {@code allocName} on {@code node}. */
  public void claim(Node node, String allocName) {
    Map<String, Set<String>> onNode = claimed(node.id());
    for (VolumeRequest req : requests) {
      snapshot.csiVolume(namespace, volumeId(req, allocName)).ifPresent(vol -> {
        onNode.computeIfAbsent(vol.pluginId(), k -> new HashSet<>()).add(key(vol));
        if (!req.readOnly()) {
          proposedWriters.merge(key(vol), 1, Integer::sum);
        }
      });
    }
  }

  /** The volume ID a request names for one allocation: {@code source}, plus the allocation's {@code [N]} with {@code per_alloc}. */
  static String volumeId(VolumeRequest req, String allocName) {
    if (!req.perAlloc()) {
      return req.source();
    }
    int open = allocName.lastIndexOf('[');
    return open < 0 ? req.source() : req.source() + allocName.substring(open);
  }

  private static String key(CsiVolume v) {
    return v.namespace() + "\u0000" + v.id();
  }

  private static boolean supports(CsiVolume vol, VolumeRequest req) {
    if (vol.requestedCapabilities().isEmpty()) {
      return true;
    }
    for (CsiVolume.Capability c : vol.requestedCapabilities()) {
      if ((req.accessMode().isEmpty() || req.accessMode().equals(c.accessMode()))
          && (req.attachmentMode().isEmpty() || req.attachmentMode().equals(c.attachmentMode()))) {
        return true;
      }
    }
    return false;
  }

  private static boolean topologyMatches(CsiVolume vol, CSIInfo plugin) {
    if (plugin.nodeInfo() == null || plugin.nodeInfo().accessibleTopology() == null) {
      return false;
    }
    Object segments = plugin.nodeInfo().accessibleTopology().get("Segments");
    if (!(segments instanceof Map<?, ?> nodeSegments)) {
      return false;
    }
    for (Map<String, String> t : vol.topologies()) {
      if (t.equals(nodeSegments)) {
        return true;
      }
    }
    return false;
  }

  /** Plugin → volumes claimed on the node: stored claims (by the claiming allocation's node) plus proposed ones. */
  private Map<String, Set<String>> claimed(String nodeId) {
    if (storedClaims == null) {
      storedClaims = new HashMap<>();
      for (CsiVolume v : snapshot.csiVolumes()) {
        Set<String> allocIds = new HashSet<>(v.readAllocIds());
        allocIds.addAll(v.writeAllocIds());
        for (String id : allocIds) {
          Optional<Allocation> a = snapshot.allocById(id);
          if (a.isPresent()) {
            storedClaims.computeIfAbsent(a.get().nodeID(), k -> new HashMap<>())
                .computeIfAbsent(v.pluginId(), k -> new HashSet<>()).add(key(v));
          }
        }
      }
    }
    return claimedOnNode.computeIfAbsent(nodeId, k -> {
      Map<String, Set<String>> copy = new HashMap<>();
      storedClaims.getOrDefault(k, Map.of()).forEach((p, vols) -> copy.put(p, new HashSet<>(vols)));
      return copy;
    });
  }
}
