package io.caravan.runtime.fingerprint;

/**
 * A host's capacity as the scheduler counts it.
 *
 * @param cpuCores logical CPU cores
 * @param cpuMhz the frequency of one core in MHz
 * @param cpuTotalCompute cores × MHz
 * @param memoryBytes total memory
 * @param diskBytes total bytes of the volume holding the client's data directory
 * @param diskFreeBytes free bytes of that volume
 */
public record HostResources(
    int cpuCores, long cpuMhz, long cpuTotalCompute, long memoryBytes, long diskBytes, long diskFreeBytes) {}
