/**
 * Internals of the server: command sinks (local or Raft), leader services, heartbeat timers, the
 * scheduling pipeline (broker, workers, plan applier, maintenance, garbage collection) and the
 * in-JVM client transport.
 */
package io.caravan.state.server.internal;
