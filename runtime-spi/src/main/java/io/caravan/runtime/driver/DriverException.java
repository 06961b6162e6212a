package io.caravan.runtime.driver;

/** A driver operation failed; {@link #recoverable()} says whether retrying (restarting the task) may help. */
public class DriverException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final boolean recoverable;

  /** A recoverable failure. */
  public DriverException(String message) {
    this(message, true, null);
  }

  /** A failure with a cause. */
  public DriverException(String message, boolean recoverable, Throwable cause) {
    super(message, cause);
    this.recoverable = recoverable;
  }

  /** Whether restarting the task may succeed (false for bad config, missing images and the like). */
  public boolean recoverable() {
    return recoverable;
  }
}
