/**
 * Reconciliation: turns "what the job wants" and "what is running" into placements, stops,
 * in-place and destructive updates, migrations, follow-up evaluations and deployment changes
 * (Nomad's cluster reconciler for service and batch jobs). Pure functions of their inputs.
 */
package io.caravan.scheduler.reconcile;
