package io.caravan.runtime.driver;

/**
 * How a task ended.
 *
 * @param exitCode the exit code; for a process killed by a signal, 128 + the signal number (as shells report)
 * @param signal the signal that killed the process, or 0
 * @param oomKilled whether the task was killed for running out of memory
 * @param error a driver-side error (the task could not be run or watched), empty when none
 */
public record ExitResult(int exitCode, int signal, boolean oomKilled, String error) {

  public ExitResult {
    error = error == null ? "" : error;
  }

  /** An exit with the given code. */
  public static ExitResult code(int exitCode) {
    return new ExitResult(exitCode, 0, false, "");
  }

  /** A process killed by a signal. */
  public static ExitResult signalled(int signal) {
    return new ExitResult(128 + signal, signal, false, "");
  }

  /** A driver error. */
  public static ExitResult error(String message) {
    return new ExitResult(-1, 0, false, message);
  }

  /** Whether the task exited with code 0, no signal, no OOM kill and no error. */
  public boolean successful() {
    return exitCode == 0 && signal == 0 && !oomKilled && error.isEmpty();
  }
}
