/**
 * Seeded, library-independent workloads (nodes and task asks) shared by every placement benchmark,
 * and the packing-quality measures computed over a placement.
 */
package io.caravan.benchmarks.workload;
