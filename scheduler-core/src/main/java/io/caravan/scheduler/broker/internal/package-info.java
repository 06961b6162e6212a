/** Helpers of the broker package: evaluation time fields. */
package io.caravan.scheduler.broker.internal;
