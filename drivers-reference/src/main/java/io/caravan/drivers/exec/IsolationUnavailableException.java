package io.caravan.drivers.exec;

import io.caravan.runtime.driver.DriverException;

/**
 * The exec driver cannot confine a task on this host (no writable cgroups, no {@code unshare}, not root, missing
 * capabilities); retrying will not help, so the task fails with this reason as its driver-failure event.
 */
public final class IsolationUnavailableException extends DriverException {

  private static final long serialVersionUID = 1L;
  private final String problem;

  /** The task could not be isolated because of {@code problem}. */
  public IsolationUnavailableException(String taskId, String problem) {
    super("exec driver cannot isolate task " + taskId + ": " + problem, false, null);
    this.problem = problem;
  }

  /** What the host lacks. */
  public String problem() {
    return problem;
  }
}
