/** The deterministic placement engine, reconciler, schedulers, eval broker and plan applier. */
package io.caravan.scheduler;
