/** Netflix Fenzo 1.0.1 driven in code (no Mesos) on the shared workloads, for side-by-side placement numbers. */
package io.caravan.benchmarks.fenzo;
