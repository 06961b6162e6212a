package io.caravan.runtime.plugin;

import com.google.common.collect.ImmutableSortedMap;
import io.caravan.runtime.driver.DriverContext;
import io.caravan.runtime.driver.TaskDriver;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The task drivers (and other plugins) a client can use, found with {@link ServiceLoader} and/or registered by code.
 *
 * <p>Drivers are keyed by {@link TaskDriver#name()}; registering two drivers of the same name is an error. Every
 * driver is {@linkplain TaskDriver#init initialised} with the registry's {@link DriverContext} when added.
 */
public final class PluginRegistry implements AutoCloseable {

  private final DriverContext context;
  private final Map<String, TaskDriver> drivers = new TreeMap<>();

  /** An empty registry whose drivers get the given context. */
  public PluginRegistry(DriverContext context) {
    this.context = context;
  }

  /** A registry holding every {@link TaskDriver} the class loader's {@code META-INF/services} lists. */
  public static PluginRegistry discover(DriverContext context, ClassLoader loader) {
    PluginRegistry registry = new PluginRegistry(context);
    registry.loadServices(loader);
    return registry;
  }

  /**
   * Adds every {@link TaskDriver} found by {@link ServiceLoader} on the class loader.
   *
   * @throws IllegalStateException when a found driver has the name of one already registered
   */
  public synchronized PluginRegistry loadServices(ClassLoader loader) {
    for (TaskDriver d : ServiceLoader.load(TaskDriver.class, loader)) {
      register(d);
    }
    return this;
  }

  /**
   * Registers a driver by code and initialises it.
   *
   * @throws IllegalStateException when a driver of that name is already registered
   */
  public synchronized PluginRegistry register(TaskDriver driver) {
    String name = driver.name();
    if (drivers.containsKey(name)) {
      throw new IllegalStateException("a task driver named '" + name + "' is already registered ("
          + drivers.get(name).getClass().getName() + "); cannot add " + driver.getClass().getName());
    }
    driver.init(context);
    drivers.put(name, driver);
    return this;
  }

  /** The driver of that name. */
  public synchronized Optional<TaskDriver> driver(String name) {
    return Optional.ofNullable(drivers.get(name));
  }

  /**
   * The driver of that name.
   *
   * @throws IllegalArgumentException naming the known drivers when there is none of that name
   */
  public synchronized TaskDriver requireDriver(String name) {
    TaskDriver d = drivers.get(name);
    if (d == null) {
      throw new IllegalArgumentException("no task driver named '" + name + "'; known drivers: " + drivers.keySet());
    }
    return d;
  }

  /** All drivers by name, sorted. */
  public synchronized ImmutableSortedMap<String, TaskDriver> drivers() {
    return ImmutableSortedMap.copyOf(drivers);
  }

  /** Closes every driver (running tasks keep running). */
  @Override
  public synchronized void close() {
    RuntimeException first = null;
    for (TaskDriver d : drivers.values()) {
      try {
        d.close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
