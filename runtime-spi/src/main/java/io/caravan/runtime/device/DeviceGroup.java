package io.caravan.runtime.device;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;

/**
 * Devices of one vendor, type and model, as Nomad groups them ({@code nvidia/gpu/Tesla T4}).
 *
 * @param vendor e.g. {@code nvidia}
 * @param type e.g. {@code gpu}
 * @param name e.g. {@code Tesla T4}
 * @param instances the device instances
 * @param attributes typed attributes with units, e.g. {@code memory = 16 GiB}
 */
public record DeviceGroup(
    String vendor,
    String type,
    String name,
    ImmutableList<DeviceInstance> instances,
    ImmutableMap<String, DeviceAttribute> attributes) {

  /** The id Nomad uses to request the group: {@code vendor/type/name}. */
  public String id() {
    return vendor + "/" + type + "/" + name;
  }
}
