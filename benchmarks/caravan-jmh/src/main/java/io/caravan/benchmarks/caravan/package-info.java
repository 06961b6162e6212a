/** Caravan's placement engine and HCL parser on the same workloads and inputs as the peers. */
package io.caravan.benchmarks.caravan;
