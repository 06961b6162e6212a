/** Internals of the plan applier: the per-node fit check. */
package io.caravan.scheduler.plan.internal;
