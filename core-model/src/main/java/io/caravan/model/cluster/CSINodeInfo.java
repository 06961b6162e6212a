package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.FreeForm;
import io.caravan.model.internal.ModelCollections;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What a CSI node plugin reports: its ID and the maximum number of volumes. */
@JsonPropertyOrder({"ID", "MaxVolumes", "AccessibleTopology", "RequiresNodeStageVolume"})
public record CSINodeInfo(
    @JsonProperty("ID") String id,
    @JsonProperty("MaxVolumes") long maxVolumes,
    @JsonProperty("AccessibleTopology") @Nullable Map<String, Object> accessibleTopology,
    @JsonProperty("RequiresNodeStageVolume") boolean requiresNodeStageVolume) {

  /** Copies collections into immutable ones and replaces nulls of Go value fields by their zero values. */
  public CSINodeInfo {
    id = id == null ? "" : id;
    accessibleTopology = FreeForm.copyOf(accessibleTopology);
  }
}
