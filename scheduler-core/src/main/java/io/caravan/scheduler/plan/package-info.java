/**
 * The plan applier (Nomad's {@code plan_apply.go}) as pure logic: it re-checks a submitted plan
 * against the latest snapshot and says what to commit; the caller writes it.
 */
package io.caravan.scheduler.plan;
