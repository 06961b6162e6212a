package io.caravan.runtime.plugin;

import com.google.common.collect.ImmutableSortedMap;
import io.caravan.runtime.csi.CsiPlugin;
import io.caravan.runtime.device.DevicePlugin;
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
  private final Map<String, DevicePlugin> devices = new TreeMap<>();
  private final Map<String, CsiPlugin> csiPlugins = new TreeMap<>();

  /** An empty registry whose drivers get the given context. */
  public PluginRegistry(DriverContext context) {
    this.context = context;
  }

  /**
   * A registry holding every {@link TaskDriver}, {@link DevicePlugin} and {@link CsiPlugin} the class loader's
   * {@code META-INF/services} lists.
   */
  public static PluginRegistry discover(DriverContext context, ClassLoader loader) {
    PluginRegistry registry = new PluginRegistry(context);
    registry.loadServices(loader);
    return registry;
  }

  /**
   * Adds every task driver, device plugin and CSI plugin found by {@link ServiceLoader} on the class loader.
   *
   * @throws IllegalStateException when a found plugin has the name of one already registered
   */
  public synchronized PluginRegistry loadServices(ClassLoader loader) {
    for (TaskDriver d : ServiceLoader.load(TaskDriver.class, loader)) {
      register(d);
    }
    for (DevicePlugin d : ServiceLoader.load(DevicePlugin.class, loader)) {
      register(d);
    }
    for (CsiPlugin c : ServiceLoader.load(CsiPlugin.class, loader)) {
      register(c);
    }
    return this;
  }

  /**
   * Registers a device plugin by code and initialises it.
   *
   * @throws IllegalStateException when a device plugin of that name is already registered
   */
  public synchronized PluginRegistry register(DevicePlugin plugin) {
    if (devices.containsKey(plugin.name())) {
      throw new IllegalStateException("a device plugin named '" + plugin.name() + "' is already registered");
    }
    plugin.init(context);
    devices.put(plugin.name(), plugin);
    return this;
  }

  /**
   * Registers a CSI plugin by code, keyed by its identity's plugin name.
   *
   * @throws IllegalStateException when a CSI plugin of that name is already registered
   */
  public synchronized PluginRegistry register(CsiPlugin plugin) {
    String name = plugin.identity().pluginInfo().name();
    if (csiPlugins.containsKey(name)) {
      throw new IllegalStateException("a CSI plugin named '" + name + "' is already registered");
    }
    csiPlugins.put(name, plugin);
    return this;
  }

  /** All device plugins by name, sorted. */
  public synchronized ImmutableSortedMap<String, DevicePlugin> devicePlugins() {
    return ImmutableSortedMap.copyOf(devices);
  }

  /** All CSI plugins by plugin name, sorted. */
  public synchronized ImmutableSortedMap<String, CsiPlugin> csiPlugins() {
    return ImmutableSortedMap.copyOf(csiPlugins);
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

  /** Closes every plugin (running tasks keep running). */
  @Override
  public synchronized void close() {
    RuntimeException first = null;
    java.util.List<AutoCloseable> all = new java.util.ArrayList<>(drivers.values());
    all.addAll(devices.values());
    all.addAll(csiPlugins.values());
    for (AutoCloseable d : all) {
      try {
        d.close();
      } catch (Exception e) {
        RuntimeException r = e instanceof RuntimeException re ? re : new IllegalStateException(e.getMessage(), e);
        if (first == null) {
          first = r;
        } else {
          first.addSuppressed(r);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
