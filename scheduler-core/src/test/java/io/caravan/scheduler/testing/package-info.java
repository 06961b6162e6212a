/** Shared test fixtures for scheduler-core: mock nodes and jobs, JSON tables. */
package io.caravan.scheduler.testing;
