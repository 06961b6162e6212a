package io.caravan.runtime.fingerprint;

import com.google.common.collect.ImmutableList;

/**
 * A network interface of the host.
 *
 * @param name the interface name, e.g. {@code eth0}
 * @param addresses its IP addresses in textual form, IPv4 first
 * @param mtu the MTU, or -1 if unknown
 */
public record NetworkInterfaceInfo(String name, ImmutableList<String> addresses, int mtu) {}
