package io.caravan.scheduler.reconcile;

import io.caravan.model.cluster.Allocation;

/**
 * An allocation whose client status the servers record without stopping it: marked
 * {@code unknown} when its node disconnects, or confirmed when it reconnects. {@code appended}
 * is the state history entry to add.
 */
public record AllocStateUpdate(Allocation alloc, AllocState appended) {}
