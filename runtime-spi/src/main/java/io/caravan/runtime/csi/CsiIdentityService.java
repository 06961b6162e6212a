package io.caravan.runtime.csi;

import com.google.common.collect.ImmutableSet;

/** CSI identity: who the plugin is, whether it is ready, and what it supports. */
public interface CsiIdentityService {

  /** The plugin's name and version. */
  CsiPluginInfo pluginInfo();

  /** Whether the plugin is ready to serve. */
  boolean probe();

  /** The plugin's capabilities. */
  ImmutableSet<CsiPluginCapability> capabilities();
}
