package io.caravan.state.store;

/** A write referred to an object the store does not hold (e.g. a status update for an unknown node). */
public final class UnknownObjectException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public UnknownObjectException(String kind, String id) {
    super(kind + " \"" + id + "\" not found");
  }
}
