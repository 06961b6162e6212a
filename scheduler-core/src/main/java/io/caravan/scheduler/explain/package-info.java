/** Explanation: Nomad's allocation metrics for every selection and a readable summary of failures. */
package io.caravan.scheduler.explain;
