package io.caravan.scheduler.reconcile;

import io.caravan.model.cluster.Allocation;
import org.jspecify.annotations.Nullable;

/**
 * An allocation the reconciler wants placed: its name and group, the allocation it replaces (if
 * any), and why: a reschedule of a failed one, a replacement of a lost one, a migration off a
 * draining node, or a canary. {@code downgradeNonCanary} asks the scheduler to place the job
 * version of {@code minJobVersion} or the deployment's stable version while canaries are
 * unpromoted.
 */
public record AllocPlacement(
    String name,
    String taskGroup,
    @Nullable Allocation previousAlloc,
    boolean reschedule,
    boolean canary,
    boolean downgradeNonCanary,
    long minJobVersion,
    boolean lost,
    boolean migrate) {

  /** A fresh placement with no previous allocation. */
  static AllocPlacement fresh(String name, String group, boolean canary, boolean downgradeNonCanary) {
    return new AllocPlacement(name, group, null, false, canary, downgradeNonCanary, 0, false, false);
  }
}
