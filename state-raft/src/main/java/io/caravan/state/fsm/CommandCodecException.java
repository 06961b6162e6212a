package io.caravan.state.fsm;

/** Bytes that do not decode to a command (unknown version or type, corrupt body). */
public final class CommandCodecException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public CommandCodecException(String message, Throwable cause) {
    super(message, cause);
  }

  public CommandCodecException(String message) {
    super(message);
  }
}
