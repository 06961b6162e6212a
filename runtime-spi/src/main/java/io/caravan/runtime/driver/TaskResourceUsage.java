package io.caravan.runtime.driver;

import java.time.Instant;

/**
 * A task's resource usage at one instant.
 *
 * @param timestamp when it was measured
 * @param memoryRssBytes resident memory
 * @param memoryUsageBytes memory charged to the task (cgroup usage; equals RSS when no cgroup)
 * @param memoryMaxUsageBytes the peak memory usage, 0 if unknown
 * @param cpuTotalNanos CPU time used since start (user + system)
 * @param cpuThrottledPeriods how many CFS periods the task was throttled, 0 if unknown
 * @param processes the number of processes in the task
 */
public record TaskResourceUsage(
    Instant timestamp,
    long memoryRssBytes,
    long memoryUsageBytes,
    long memoryMaxUsageBytes,
    long cpuTotalNanos,
    long cpuThrottledPeriods,
    int processes) {}
