/** The {@code mock} driver: simulated tasks for tests and simulations, driven by an injected clock. */
package io.caravan.drivers.mock;
