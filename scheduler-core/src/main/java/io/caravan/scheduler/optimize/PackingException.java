package io.caravan.scheduler.optimize;

/** A job the offline packer cannot pack faithfully (it names the group and the unsupported ask). */
public final class PackingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error with its message. */
  public PackingException(String message) {
    super(message);
  }
}
