/**
 * The Transport SPI: what a client needs from the servers (register, heartbeat, watch its
 * allocations, report their status), with an in-process implementation.
 */
package io.caravan.runtime.transport;
