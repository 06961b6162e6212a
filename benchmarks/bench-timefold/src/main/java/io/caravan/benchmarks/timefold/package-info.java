/**
 * Timefold Solver 1.32.0 as the packing-quality reference: a two-resource (cpu, memory) bin-packing
 * model written here, solved under a fixed time budget on the shared workloads.
 */
package io.caravan.benchmarks.timefold;
