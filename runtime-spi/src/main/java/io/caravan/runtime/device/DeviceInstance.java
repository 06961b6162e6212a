package io.caravan.runtime.device;

/**
 * One device instance.
 *
 * @param id a stable id unique on the node (e.g. a GPU UUID)
 * @param healthy whether it can be given to tasks
 * @param healthDescription why it is unhealthy, empty when healthy
 * @param pciBusId its PCI bus id, empty when not applicable
 */
public record DeviceInstance(String id, boolean healthy, String healthDescription, String pciBusId) {}
