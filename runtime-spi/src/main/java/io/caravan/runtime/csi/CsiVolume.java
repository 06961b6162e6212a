package io.caravan.runtime.csi;

import com.google.common.collect.ImmutableMap;

/**
 * A volume as a CSI controller reports it.
 *
 * @param id the plugin's volume id
 * @param capacityBytes its size, 0 if unknown
 * @param context plugin data passed back on later calls for this volume
 */
public record CsiVolume(String id, long capacityBytes, ImmutableMap<String, String> context) {}
