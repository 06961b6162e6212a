package io.caravan.runtime.transport;

/** A transport call failed: the server is unreachable, or rejected the request. */
public final class TransportException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final boolean unknownNode;

  /** Creates an exception. */
  public TransportException(String message, boolean unknownNode) {
    super(message);
    this.unknownNode = unknownNode;
  }

  /** Creates an exception with a cause. */
  public TransportException(String message, Throwable cause) {
    super(message, cause);
    this.unknownNode = false;
  }

  /** True when the server does not know the node, so the client must register again. */
  public boolean unknownNode() {
    return unknownNode;
  }
}
