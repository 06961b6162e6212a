/** Whole Raft clusters inside one JVM (loopback ports, temporary directories) for tests and benchmarks. */
package io.caravan.state.cluster;
