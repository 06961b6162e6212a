package io.caravan.state.store;

import io.caravan.model.cluster.Allocation;

/** Copies of allocations with one part changed, for codecs that store the shared job separately. */
public final class Allocations {
  private Allocations() {}

  /** The allocation without its job (snapshots write the job once per version, not once per allocation). */
  public static Allocation withoutJob(Allocation a) {
    return a.job() == null ? a : a.toBuilder().job(null).build();
  }
}
