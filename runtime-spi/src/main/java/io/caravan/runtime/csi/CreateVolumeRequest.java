package io.caravan.runtime.csi;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;

/**
 * A request to create a volume.
 *
 * @param name a caller-chosen name, used for idempotency
 * @param requiredBytes the minimum capacity, 0 for the plugin default
 * @param limitBytes the maximum capacity, 0 for no limit
 * @param capabilities how the volume will be used
 * @param parameters plugin-specific parameters
 * @param secrets credentials for the plugin
 */
public record CreateVolumeRequest(
    String name,
    long requiredBytes,
    long limitBytes,
    ImmutableList<VolumeCapability> capabilities,
    ImmutableMap<String, String> parameters,
    ImmutableMap<String, String> secrets) {}
