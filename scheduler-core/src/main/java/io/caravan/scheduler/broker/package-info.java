/**
 * The evaluation broker and blocked evaluations (Nomad's {@code eval_broker.go} and
 * {@code blocked_evals.go}) as pure logic: no threads, no timers, time from an injected clock and
 * advanced by {@link io.caravan.scheduler.broker.EvalBroker#tick()}. The server owns the threads
 * that dequeue, wait and tick.
 */
package io.caravan.scheduler.broker;
