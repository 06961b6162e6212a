package io.caravan.runtime.driver;

import com.google.common.collect.ImmutableMap;
import java.time.Instant;

/**
 * What a client persists about a running task so that the driver can {@link TaskDriver#recover recover} it after a
 * client restart. Plain data (strings, a config record and an instant), easy to serialise as JSON.
 *
 * @param driver the driver name
 * @param version the driver's handle format version
 * @param config the task's config as it was started
 * @param startedAt when the task was started
 * @param driverState driver-specific state, e.g. {@code pid} and {@code startTime} or {@code containerId}
 */
public record TaskHandle(
    String driver, int version, TaskConfig config, Instant startedAt, ImmutableMap<String, String> driverState) {

  public TaskHandle {
    if (driver == null || config == null || startedAt == null) {
      throw new IllegalArgumentException("task handle needs a driver, a config and a start time");
    }
    driverState = driverState == null ? ImmutableMap.of() : driverState;
  }

  /** The task id. */
  public String taskId() {
    return config.id();
  }

  /** A driver state value; throws a clear error when missing. */
  public String state(String key) {
    String v = driverState.get(key);
    if (v == null) {
      throw new DriverException("task handle of " + taskId() + " has no driver state '" + key + "'", false, null);
    }
    return v;
  }
}
