/** The placement engine: Nomad's generic stack (feasibility, ranking, limit and max selection) over a snapshot. */
package io.caravan.scheduler.placement;
