package io.caravan.runtime.device;

import io.caravan.runtime.driver.DriverContext;
import java.util.List;
import java.util.function.Consumer;

/**
 * A device plugin (GPUs, FPGAs, ...): reports device groups, reserves instances for tasks and reports their stats.
 * Discovered with {@link java.util.ServiceLoader} like task drivers.
 */
public interface DevicePlugin extends AutoCloseable {

  /** The plugin name. */
  String name();

  /** Gives the plugin its clock and plugin config; called once before anything else. */
  default void init(DriverContext context) {}

  /** The device groups found now. */
  List<DeviceGroup> fingerprint();

  /**
   * Subscribes to device group updates (health changes, hot plug). The listener gets the current groups at once.
   *
   * @return a handle whose {@code close()} ends the subscription
   */
  AutoCloseable watchFingerprint(Consumer<List<DeviceGroup>> listener);

  /**
   * Reserves device instances for a task and says how to expose them.
   *
   * @throws IllegalArgumentException naming an unknown or unhealthy instance id
   */
  DeviceReservation reserve(List<String> deviceIds);

  /** Current statistics of every device instance. */
  List<DeviceStats> stats();

  @Override
  default void close() {}
}
