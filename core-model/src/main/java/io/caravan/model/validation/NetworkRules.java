package io.caravan.model.validation;

import io.caravan.model.job.NetworkResource;
import io.caravan.model.job.Port;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks of network blocks and their ports; also collects the port labels they define. */
final class NetworkRules {
  private NetworkRules() {}

  private static final Set<String> MODES = Set.of("", "none", "bridge", "host");

  /** Validates {@code networks} and adds every port label they define to {@code labels}. */
  static void networks(List<NetworkResource> networks, Set<String> labels, Problems where) {
    Map<String, String> staticPorts = new HashMap<>();
    for (int i = 0; i < networks.size(); i++) {
      NetworkResource n = networks.get(i);
      Problems at = where.block("network[" + i + "]");
      if (!MODES.contains(n.mode()) && !n.mode().startsWith("cni/") && !PlacementRules.isInterpolated(n.mode())) {
        at.add("mode", "unknown network mode \"" + n.mode() + "\", must be none, bridge, host or cni/<name>");
      }
      if (n.mBits() != null && n.mBits() < 0) {
        at.add("mbits", "must not be negative (got " + n.mBits() + ")");
      }
      for (Port p : n.reservedPortsOrEmpty()) {
        port(p, true, labels, staticPorts, at);
      }
      for (Port p : n.dynamicPortsOrEmpty()) {
        port(p, false, labels, staticPorts, at);
      }
    }
  }

  private static void port(Port p, boolean reserved, Set<String> labels, Map<String, String> staticPorts, Problems at) {
    Problems pat = at.block("port", p.label());
    if (p.label().isEmpty()) {
      pat.add("", "port label must be set");
    } else if (!labels.add(p.label())) {
      pat.add("", "duplicate port label");
    }
    if (p.value() < 0 || p.value() > 65535) {
      pat.add("static", "must be between 0 and 65535 (got " + p.value() + ")");
    }
    if (p.to() < -1 || p.to() > 65535) {
      pat.add("to", "must be between -1 and 65535 (got " + p.to() + ")");
    }
    if (reserved && p.value() > 0) {
      String key = p.hostNetwork() + ":" + p.value();
      String previous = staticPorts.putIfAbsent(key, p.label());
      if (previous != null && !p.ignoreCollision()) {
        pat.add("static", "port " + p.value() + " is already reserved by port \"" + previous + "\"");
      }
    }
  }
}
