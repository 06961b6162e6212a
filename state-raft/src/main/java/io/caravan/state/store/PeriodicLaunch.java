package io.caravan.state.store;

/** The last launch time of a periodic job (Unix nanoseconds), used to resume its schedule after failover. */
public record PeriodicLaunch(String namespace, String jobId, long launchNanos, long createIndex, long modifyIndex) {}
