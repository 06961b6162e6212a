package io.caravan.scheduler.placement;

import io.caravan.model.cluster.AllocMetric;

/** A task group that could not be fully placed: how many were left, the metrics of the first failure and why. */
public record PlacementFailure(String taskGroup, int unplaced, AllocMetric metrics, String explanation) {}
