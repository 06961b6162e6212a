package io.caravan.runtime.csi;

import com.google.common.collect.ImmutableMap;

/** The CSI node service: stages and publishes volumes on the node where a task runs. */
public interface CsiNodeService {

  /** This node's id, volume limit and topology as the plugin sees them. */
  CsiNodeInfo nodeInfo();

  /** Stages a volume at a node-global path (e.g. formats and mounts a disk once per node). */
  void stageVolume(String volumeId, ImmutableMap<String, String> publishContext, String stagingPath,
      VolumeCapability capability, ImmutableMap<String, String> secrets);

  /** Reverses {@link #stageVolume} (idempotent). */
  void unstageVolume(String volumeId, String stagingPath);

  /** Publishes a staged volume at a task-specific target path. */
  void publishVolume(String volumeId, ImmutableMap<String, String> publishContext, String stagingPath,
      String targetPath, VolumeCapability capability, boolean readOnly, ImmutableMap<String, String> secrets);

  /** Reverses {@link #publishVolume} (idempotent). */
  void unpublishVolume(String volumeId, String targetPath);
}
