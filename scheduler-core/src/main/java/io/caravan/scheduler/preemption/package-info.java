/** Preemption: choosing lower-priority allocations to evict so a task group fits. */
package io.caravan.scheduler.preemption;
