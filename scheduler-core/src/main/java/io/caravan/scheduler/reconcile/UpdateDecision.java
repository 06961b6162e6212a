package io.caravan.scheduler.reconcile;

import io.caravan.model.cluster.Allocation;

/** What to do with an existing allocation when its job changed: nothing, update in place, or replace. */
public sealed interface UpdateDecision {
  /** Keep the allocation as it is. */
  record Ignore() implements UpdateDecision {}

  /** Update the allocation in place; {@code updated} carries the new job (and resources). */
  record InPlace(Allocation updated) implements UpdateDecision {}

  /** Replace the allocation (stop it and place a new one); {@code reason} says what changed. */
  record Destructive(String reason) implements UpdateDecision {}

  /** The ignore decision. */
  UpdateDecision IGNORE = new Ignore();
}
