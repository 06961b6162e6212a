package io.caravan.runtime.csi;

import com.google.common.collect.ImmutableMap;
import java.util.List;

/** The CSI controller service: volume lifecycle and attachment to nodes, run once per cluster or per zone. */
public interface CsiControllerService {

  /** Creates a volume (idempotent by name). */
  CsiVolume createVolume(CreateVolumeRequest request);

  /** Deletes a volume (idempotent). */
  void deleteVolume(String volumeId, ImmutableMap<String, String> secrets);

  /**
   * Makes a volume available on a node (e.g. attaches a disk).
   *
   * @return the publish context the node service needs to stage and publish it
   */
  ImmutableMap<String, String> publishVolume(String volumeId, String nodeId, VolumeCapability capability,
      boolean readOnly, ImmutableMap<String, String> secrets);

  /** Reverses {@link #publishVolume} (idempotent). */
  void unpublishVolume(String volumeId, String nodeId, ImmutableMap<String, String> secrets);

  /** Lists the plugin's volumes. */
  List<CsiVolume> listVolumes();

  /** Whether the volume supports the given capabilities. */
  boolean validateCapabilities(String volumeId, List<VolumeCapability> capabilities);
}
