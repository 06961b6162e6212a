package io.caravan.scheduler.schedulers;

import io.caravan.model.cluster.DesiredUpdates;

/**
 * A mutable tally of one task group's desired changes in a plan, turned into the plan's
 * {@link DesiredUpdates} annotation by {@link PlanBuilder#build()}. Obtain it from
 * {@link PlanBuilder#changes(String)}; the reconciler counts its decisions here. Not thread-safe.
 */
public final class DesiredChanges {
  private long ignore;
  private long place;
  private long migrate;
  private long stop;
  private long inPlaceUpdate;
  private long destructiveUpdate;
  private long canary;
  private long preemptions;
  private long reconnect;
  private long disconnect;
  private long rescheduleNow;
  private long rescheduleLater;

  /** Adds {@code n} allocations left as they are. */
  public DesiredChanges ignore(long n) {
    ignore += n;
    return this;
  }

  /** Adds {@code n} new placements (not counting destructive replacements). */
  public DesiredChanges place(long n) {
    place += n;
    return this;
  }

  /** Adds {@code n} migrations off draining nodes. */
  public DesiredChanges migrate(long n) {
    migrate += n;
    return this;
  }

  /** Adds {@code n} stops. */
  public DesiredChanges stop(long n) {
    stop += n;
    return this;
  }

  /** Adds {@code n} in-place updates. */
  public DesiredChanges inPlaceUpdate(long n) {
    inPlaceUpdate += n;
    return this;
  }

  /** Adds {@code n} destructive updates (stop and replace). */
  public DesiredChanges destructiveUpdate(long n) {
    destructiveUpdate += n;
    return this;
  }

  /** Adds {@code n} canaries. */
  public DesiredChanges canary(long n) {
    canary += n;
    return this;
  }

  /** Adds {@code n} allocations of other jobs preempted for this group. */
  public DesiredChanges preemptions(long n) {
    preemptions += n;
    return this;
  }

  /** Adds {@code n} reconnected allocations. */
  public DesiredChanges reconnect(long n) {
    reconnect += n;
    return this;
  }

  /** Adds {@code n} allocations marked disconnected (unknown). */
  public DesiredChanges disconnect(long n) {
    disconnect += n;
    return this;
  }

  /** Adds {@code n} allocations rescheduled now. */
  public DesiredChanges rescheduleNow(long n) {
    rescheduleNow += n;
    return this;
  }

  /** Adds {@code n} allocations rescheduled later by a follow-up evaluation. */
  public DesiredChanges rescheduleLater(long n) {
    rescheduleLater += n;
    return this;
  }

  /** The counters as the immutable annotation record. */
  public DesiredUpdates toDesiredUpdates() {
    return new DesiredUpdates(ignore, place, migrate, stop, inPlaceUpdate, destructiveUpdate, canary,
        preemptions, reconnect, disconnect, rescheduleNow, rescheduleLater);
  }
}
