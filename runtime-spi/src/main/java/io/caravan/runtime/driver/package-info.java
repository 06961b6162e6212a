/**
 * The task driver SPI: what a client needs from a driver to start, watch, signal, stop and recover tasks.
 *
 * <p>Drivers are discovered with {@link java.util.ServiceLoader} (service type {@link io.caravan.runtime.driver.TaskDriver})
 * or registered by code in {@link io.caravan.runtime.plugin.PluginRegistry}.
 */
package io.caravan.runtime.driver;
