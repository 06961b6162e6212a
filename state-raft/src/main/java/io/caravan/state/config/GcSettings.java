package io.caravan.state.config;

import java.time.Duration;

/** Garbage collection interval and the age thresholds after which terminal objects are collected. */
public record GcSettings(
    Duration interval,
    Duration evalGcThreshold,
    Duration batchEvalGcThreshold,
    Duration jobGcThreshold,
    Duration nodeGcThreshold,
    Duration deploymentGcThreshold) {}
