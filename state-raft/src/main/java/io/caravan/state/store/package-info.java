/**
 * The cluster state store: immutable tables with secondary indexes, stamped with Raft indexes, whose
 * snapshots are O(1) thanks to structural sharing.
 */
package io.caravan.state.store;
