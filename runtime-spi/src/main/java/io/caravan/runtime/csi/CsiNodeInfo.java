package io.caravan.runtime.csi;

import com.google.common.collect.ImmutableMap;

/**
 * A CSI node's identity and limits.
 *
 * @param nodeId the plugin's id for this node
 * @param maxVolumes how many volumes the node can hold, 0 for no limit
 * @param accessibleTopology topology segments the node is in, e.g. {@code zone = a}
 */
public record CsiNodeInfo(String nodeId, long maxVolumes, ImmutableMap<String, String> accessibleTopology) {}
