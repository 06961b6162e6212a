/** Ranking: binpack and spread fitness, job anti-affinity, node affinity, spread boosts, preemption scores. */
package io.caravan.scheduler.ranking;
