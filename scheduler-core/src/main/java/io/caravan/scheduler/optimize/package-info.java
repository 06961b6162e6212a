/**
 * Offline "optimise" placement: packs a whole job's asks at once (best-fit decreasing, then a
 * bounded local search that empties lightly used nodes), for capacity planning and for measuring
 * how far the online engine is from a tight packing. Not Nomad behaviour: Nomad places online.
 */
package io.caravan.scheduler.optimize;
