/**
 * The Caravan server: {@link io.caravan.state.server.CaravanServer} (the state, every write through the
 * FSM and Raft, the leader's heartbeat timers and scheduling pipeline, the client transport) and
 * {@link io.caravan.state.server.CaravanCluster} (whole clusters with clients in one JVM, for tests).
 */
package io.caravan.state.server;
