package io.caravan.runtime.fingerprint;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import java.util.Optional;

/**
 * What a fingerprint found.
 *
 * @param attributes node attributes with Nomad keys ({@code cpu.numcores}, {@code memory.totalbytes},
 *     {@code kernel.name}, {@code unique.hostname}, ...), sorted by key
 * @param resources the host's schedulable capacity
 * @param interfaces the host's network interfaces with addresses, loopback excluded
 */
public record HostFingerprint(
    ImmutableSortedMap<String, String> attributes,
    HostResources resources,
    ImmutableList<NetworkInterfaceInfo> interfaces) {

  /** An attribute's value. */
  public Optional<String> attribute(String key) {
    return Optional.ofNullable(attributes.get(key));
  }
}
