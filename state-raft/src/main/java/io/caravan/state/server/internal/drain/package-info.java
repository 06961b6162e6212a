/** The leader's node drainer: migrating allocations off draining nodes and finishing drains. */
package io.caravan.state.server.internal.drain;
