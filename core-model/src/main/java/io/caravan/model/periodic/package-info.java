/** Nomad's periodic-job schedule: cron expressions (the {@code hashicorp/cronexpr} dialect) evaluated in a time zone. */
package io.caravan.model.periodic;
