/** Deterministic in-memory drivers for tests and simulations: a manual clock and the scheduling loop. */
package io.caravan.scheduler.harness;
