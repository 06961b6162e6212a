package io.caravan.runtime.csi;

/**
 * A CSI plugin's identity.
 *
 * @param name the plugin name (reverse DNS style, e.g. {@code hostpath.csi.k8s.io})
 * @param version the plugin version
 */
public record CsiPluginInfo(String name, String version) {}
