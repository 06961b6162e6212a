/** Test fixtures for the replication layer. */
package io.caravan.state.testing;
