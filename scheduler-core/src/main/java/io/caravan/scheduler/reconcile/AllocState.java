package io.caravan.scheduler.reconcile;

import java.time.Instant;

/**
 * One recorded change of an allocation field (Nomad's {@code AllocState}); the reconciler reads
 * the {@code ClientStatus} history to tell when an allocation went unknown and whether it is
 * coming back from a disconnect.
 */
public record AllocState(String field, String value, Instant time) {
  /** The field name Nomad records client status changes under. */
  public static final String CLIENT_STATUS = "ClientStatus";

  /** A client status change to {@code value} at {@code time}. */
  public static AllocState clientStatus(String value, Instant time) {
    return new AllocState(CLIENT_STATUS, value, time);
  }
}
