package io.caravan.scheduler.reconcile;

import java.time.Instant;

/**
 * One recorded change of an allocation field (Nomad's {@code AllocState}) with its time parsed;
 * the reconciler reads the {@code ClientStatus} history to tell when an allocation went unknown
 * and whether it is coming back from a disconnect.
 */
public record AllocState(String field, String value, Instant time) {
  /** The field name Nomad records client status changes under. */
  public static final String CLIENT_STATUS = "ClientStatus";

  /** A client status change to {@code value} at {@code time}. */
  public static AllocState clientStatus(String value, Instant time) {
    return new AllocState(CLIENT_STATUS, value, time);
  }

  /**
   * The model's recorded change.
   *
   * @throws IllegalArgumentException when its time is not RFC 3339, naming the allocation
   */
  public static AllocState of(String allocId, io.caravan.model.cluster.AllocState s) {
    try {
      return new AllocState(s.field(), s.value(), Instant.parse(s.time()));
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("allocation " + allocId + ": AllocStates time \"" + s.time()
          + "\" of " + s.field() + " " + s.value() + " is not an RFC 3339 time", e);
    }
  }

  /** This change as the model records it on the allocation. */
  public io.caravan.model.cluster.AllocState toModel() {
    return new io.caravan.model.cluster.AllocState(field, value, time.toString());
  }
}
