package io.caravan.runtime.driver;

import com.google.common.collect.ImmutableMap;
import java.time.Clock;
import java.util.Map;

/**
 * What the client gives a driver at {@link TaskDriver#init(DriverContext)}: a clock and the driver's plugin config.
 *
 * @param clock the time source for everything the driver times (timeouts, timestamps, simulated durations)
 * @param pluginConfig the driver's {@code plugin "<name>" { config { ... } }} block, possibly empty
 */
public record DriverContext(Clock clock, ImmutableMap<String, Object> pluginConfig) {

  public DriverContext {
    if (clock == null) {
      throw new IllegalArgumentException("clock is required");
    }
    pluginConfig = pluginConfig == null ? ImmutableMap.of() : pluginConfig;
  }

  /** A context with the given clock and no plugin config. */
  public static DriverContext of(Clock clock) {
    return new DriverContext(clock, ImmutableMap.of());
  }

  /** A context with the given clock and plugin config. */
  public static DriverContext of(Clock clock, Map<String, Object> pluginConfig) {
    return new DriverContext(clock, ImmutableMap.copyOf(pluginConfig));
  }
}
