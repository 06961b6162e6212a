package io.caravan.runtime.client;

/**
 * Preparing a task's files failed: a template could not be rendered, an artifact could not be
 * fetched or its checksum did not match, or a payload could not be written. The message names the
 * task and the block at fault, e.g. {@code task "web" > artifact "https://x/app.tgz"}.
 */
public final class TaskSetupException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates an exception. */
  public TaskSetupException(String message) {
    super(message);
  }

  /** Creates an exception with a cause. */
  public TaskSetupException(String message, Throwable cause) {
    super(message, cause);
  }
}
