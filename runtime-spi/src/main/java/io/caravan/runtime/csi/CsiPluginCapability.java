package io.caravan.runtime.csi;

/** What a CSI plugin supports. */
public enum CsiPluginCapability {
  /** It runs a controller service. */
  CONTROLLER_SERVICE,
  /** Its volumes are only reachable from some nodes. */
  VOLUME_ACCESSIBILITY_CONSTRAINTS,
  /** It can create and delete volumes. */
  CREATE_DELETE_VOLUME,
  /** It attaches volumes to nodes (controller publish). */
  PUBLISH_UNPUBLISH_VOLUME,
  /** It lists volumes. */
  LIST_VOLUMES,
  /** Volumes need staging on a node before publishing. */
  STAGE_UNSTAGE_VOLUME,
  /** Volumes can grow. */
  EXPAND_VOLUME
}
