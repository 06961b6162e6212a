package io.caravan.state.server;

/**
 * Counters of the leader's scheduling pipeline since this server last became leader.
 *
 * @param evalsProcessed evaluations a worker ran a scheduler on and acknowledged
 * @param evalsNacked evaluations handed back to the broker after a scheduler error
 * @param plansApplied plans the plan applier committed (fully or partly)
 * @param plansPartial plans of which the applier rejected some nodes (overcommitted or not ready)
 */
public record SchedulingStats(long evalsProcessed, long evalsNacked, long plansApplied, long plansPartial) {}
