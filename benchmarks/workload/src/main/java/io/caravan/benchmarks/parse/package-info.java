/**
 * Inputs for the parser benchmarks, shared by every parser so they all read the same bytes: the
 * Nomad jobspec corpus from the conformance data (read at run time) and seeded synthetic jobspecs.
 */
package io.caravan.benchmarks.parse;
