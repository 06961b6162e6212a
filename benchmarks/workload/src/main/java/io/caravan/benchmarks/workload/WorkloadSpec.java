package io.caravan.benchmarks.workload;

/**
 * What to generate: the mix, how many nodes and tasks, how many racks, whether the tasks carry the
 * rack constraint and a rack spread, and the seed.
 *
 * @param allowedRackFraction share of racks (the first ones, r0, r1, ...) the rack constraint
 *     allows; ignored when {@code rackConstraint} is false
 */
public record WorkloadSpec(
    Mix mix,
    int nodes,
    int tasks,
    int racks,
    boolean rackConstraint,
    double allowedRackFraction,
    boolean spread,
    long seed) {

  /** Default share of racks the Nomad-shape constraint allows: enough capacity for 1,200 asks on 1,000 nodes. */
  public static final double DEFAULT_ALLOWED_RACK_FRACTION = 0.8;

  public WorkloadSpec {
    if (mix == null) {
      throw new IllegalArgumentException("mix is required");
    }
    if (nodes <= 0 || tasks <= 0 || racks <= 0) {
      throw new IllegalArgumentException("nodes, tasks and racks must be positive, got nodes="
          + nodes + " tasks=" + tasks + " racks=" + racks);
    }
    if (!(allowedRackFraction > 0 && allowedRackFraction <= 1)) {
      throw new IllegalArgumentException("allowedRackFraction must be in (0, 1], got " + allowedRackFraction);
    }
  }

  /** A plain packing workload (no constraint, no spread) over 50 racks. */
  public static WorkloadSpec packing(Mix mix, int nodes, int tasks, long seed) {
    return new WorkloadSpec(mix, nodes, tasks, 50, false, DEFAULT_ALLOWED_RACK_FRACTION, false, seed);
  }

  /** Nomad's benchmark shape: 6,000/6,000 asks with the {@code ${meta.rack} set_contains_any} constraint. */
  public static WorkloadSpec nomad(int nodes, int tasks, int racks, boolean spread, long seed) {
    return new WorkloadSpec(Mix.NOMAD, nodes, tasks, racks, true, DEFAULT_ALLOWED_RACK_FRACTION, spread, seed);
  }

  /** Short, stable name for result files, e.g. {@code HARD-n1000-t1500-r50-s42}. */
  public String label() {
    return mix + "-n" + nodes + "-t" + tasks + "-r" + racks
        + (rackConstraint ? "-rc" : "") + (spread ? "-spread" : "") + "-s" + seed;
  }
}
