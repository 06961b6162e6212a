package io.caravan.runtime.driver;

import com.google.common.collect.ImmutableMap;
import java.util.Map;

/**
 * A driver's fingerprint: node attributes it contributes (e.g. {@code driver.docker.version}) and its health.
 *
 * @param attributes node attributes, keys in Nomad style ({@code driver.<name>} = "1" when detected)
 * @param health whether the driver can run tasks on this node
 * @param healthDescription a human-readable reason, e.g. why the driver is unhealthy
 */
public record DriverFingerprint(ImmutableMap<String, String> attributes, Health health, String healthDescription) {

  public DriverFingerprint {
    attributes = attributes == null ? ImmutableMap.of() : attributes;
    if (health == null) {
      throw new IllegalArgumentException("health is required");
    }
    healthDescription = healthDescription == null ? "" : healthDescription;
  }

  /** A healthy fingerprint with the given attributes. */
  public static DriverFingerprint healthy(Map<String, String> attributes, String description) {
    return new DriverFingerprint(ImmutableMap.copyOf(attributes), Health.HEALTHY, description);
  }

  /** An unhealthy fingerprint with a reason. */
  public static DriverFingerprint unhealthy(Map<String, String> attributes, String reason) {
    return new DriverFingerprint(ImmutableMap.copyOf(attributes), Health.UNHEALTHY, reason);
  }

  /** An undetected driver (not usable on this node) with a reason. */
  public static DriverFingerprint undetected(String reason) {
    return new DriverFingerprint(ImmutableMap.of(), Health.UNDETECTED, reason);
  }

  /** Driver health as Nomad reports it. */
  public enum Health {
    /** The driver is not available on this node. */
    UNDETECTED,
    /** The driver is present but cannot run tasks now. */
    UNHEALTHY,
    /** The driver can run tasks. */
    HEALTHY
  }
}
