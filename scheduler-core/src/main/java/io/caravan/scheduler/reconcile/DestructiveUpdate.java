package io.caravan.scheduler.reconcile;

import io.caravan.model.cluster.Allocation;

/**
 * A replacement of an allocation whose job changed destructively: place {@code placeName} of
 * {@code taskGroup} and stop {@code stopAlloc}; the old allocation stops only if the new one
 * places.
 */
public record DestructiveUpdate(String placeName, String taskGroup, Allocation stopAlloc, String stopStatusDescription) {}
