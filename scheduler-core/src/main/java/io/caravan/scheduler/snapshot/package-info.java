/** The read side a scheduler needs (cluster snapshot, planner) and an in-memory harness implementing both. */
package io.caravan.scheduler.snapshot;
