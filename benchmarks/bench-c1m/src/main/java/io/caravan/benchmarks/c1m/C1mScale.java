package io.caravan.benchmarks.c1m;

import java.time.Duration;

/**
 * The size of one C1M run: {@code jobs} service jobs of {@code allocsPerJob} allocations each onto
 * {@code nodes} simulated nodes, bounded by {@code timeout}, with {@code numSchedulers} scheduler
 * workers on the leader and client updates reported in batches of at most {@code reportBatch}.
 */
public record C1mScale(int nodes, int jobs, int allocsPerJob, Duration timeout, int numSchedulers, int reportBatch) {

  /** The challenge: 1,000 jobs × 1,000 allocations on 5,000 nodes. */
  public static C1mScale full(Duration timeout) {
    return new C1mScale(5_000, 1_000, 1_000, timeout, 2, 1_000);
  }

  /** The development size: 100 jobs × 100 allocations on 500 nodes. */
  public static C1mScale small(Duration timeout) {
    return new C1mScale(500, 100, 100, timeout, 2, 1_000);
  }

  public C1mScale {
    if (nodes < 1 || jobs < 1 || allocsPerJob < 1 || numSchedulers < 1 || reportBatch < 1) {
      throw new IllegalArgumentException("nodes, jobs, allocs per job, schedulers and report batch must be positive: "
          + nodes + ", " + jobs + ", " + allocsPerJob + ", " + numSchedulers + ", " + reportBatch);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    long need = (long) jobs * allocsPerJob;
    long room = (long) nodes * C1mWorkload.ALLOCS_PER_NODE;
    if (need > room) {
      throw new IllegalArgumentException(need + " allocations do not fit " + nodes + " nodes of "
          + C1mWorkload.ALLOCS_PER_NODE + " allocations each");
    }
  }

  /** Every allocation of the run. */
  public long totalAllocs() {
    return (long) jobs * allocsPerJob;
  }
}
