package io.caravan.scheduler.snapshot;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A registered CSI volume as the scheduler sees it (the fields of Nomad's {@code CSIVolume} that
 * feasibility reads): its plugin, whether it is schedulable, the access and attachment mode it
 * is claimed with ({@code ""} until first claimed), the capabilities it was requested with, the
 * allocations holding read and write claims, and the topologies it is accessible from (each a
 * map of segments; empty means anywhere).
 */
public record CsiVolume(
    String id,
    String namespace,
    String pluginId,
    boolean schedulable,
    String accessMode,
    String attachmentMode,
    List<Capability> requestedCapabilities,
    Set<String> readAllocIds,
    Set<String> writeAllocIds,
    List<Map<String, String>> topologies) {

  /** Nomad's access modes. */
  public static final String SINGLE_NODE_READER = "single-node-reader-only";
  public static final String SINGLE_NODE_WRITER = "single-node-writer";
  public static final String MULTI_NODE_READER = "multi-node-reader-only";
  public static final String MULTI_NODE_SINGLE_WRITER = "multi-node-single-writer";
  public static final String MULTI_NODE_MULTI_WRITER = "multi-node-multi-writer";

  /** One access mode / attachment mode pair the volume supports. */
  public record Capability(String accessMode, String attachmentMode) {}

  /** Copies the collections; null strings become {@code ""}. */
  public CsiVolume {
    namespace = namespace == null || namespace.isEmpty() ? "default" : namespace;
    pluginId = pluginId == null ? "" : pluginId;
    accessMode = accessMode == null ? "" : accessMode;
    attachmentMode = attachmentMode == null ? "" : attachmentMode;
    requestedCapabilities = List.copyOf(requestedCapabilities);
    readAllocIds = Set.copyOf(readAllocIds);
    writeAllocIds = Set.copyOf(writeAllocIds);
    topologies = topologies.stream().map(Map::copyOf).toList();
  }

  /** True when the volume may be mounted for reading. */
  public boolean readSchedulable() {
    return schedulable;
  }

  /** True when the volume may be mounted for writing: schedulable and claimed (or claimable) with a writer mode. */
  public boolean writeSchedulable() {
    if (!schedulable) {
      return false;
    }
    if (!accessMode.isEmpty()) {
      return isWriter(accessMode);
    }
    return requestedCapabilities.stream().anyMatch(c -> isWriter(c.accessMode()));
  }

  /** True when one more writer may claim the volume given {@code extraWriters} claims proposed on top of the recorded ones. */
  public boolean hasFreeWriteClaims(int extraWriters) {
    String mode = accessMode;
    if (mode.isEmpty()) {
      mode = requestedCapabilities.stream().map(Capability::accessMode).filter(CsiVolume::isWriter)
          .findFirst().orElse("");
    }
    return switch (mode) {
      case SINGLE_NODE_WRITER, MULTI_NODE_SINGLE_WRITER -> writeAllocIds.size() + extraWriters == 0;
      case MULTI_NODE_MULTI_WRITER -> true;
      default -> false;
    };
  }

  private static boolean isWriter(String mode) {
    return mode.equals(SINGLE_NODE_WRITER) || mode.equals(MULTI_NODE_SINGLE_WRITER) || mode.equals(MULTI_NODE_MULTI_WRITER);
  }
}
