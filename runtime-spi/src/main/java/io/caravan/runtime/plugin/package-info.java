/** Plugin discovery ({@link java.util.ServiceLoader}) and registration by code for drivers, devices and CSI plugins. */
package io.caravan.runtime.plugin;
