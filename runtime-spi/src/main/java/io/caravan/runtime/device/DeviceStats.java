package io.caravan.runtime.device;

import com.google.common.collect.ImmutableMap;
import java.time.Instant;

/**
 * Statistics of one device instance.
 *
 * @param deviceId the instance id
 * @param summary the headline figure, e.g. memory used
 * @param stats further figures by name
 * @param timestamp when measured
 */
public record DeviceStats(
    String deviceId, DeviceAttribute summary, ImmutableMap<String, DeviceAttribute> stats, Instant timestamp) {}
