package io.caravan.runtime.client;

/**
 * How a task's process ended, as the client runtime sees it.
 *
 * @param exitCode the exit code (128 + signal for signalled processes when the driver reports so)
 * @param signal the terminating signal number, or 0
 * @param oomKilled whether the task was killed for exceeding its memory limit
 */
public record ExitStatus(int exitCode, int signal, boolean oomKilled) {

  /** A clean exit with code 0. */
  public static ExitStatus success() {
    return new ExitStatus(0, 0, false);
  }

  /** An exit with the given code and no signal. */
  public static ExitStatus code(int exitCode) {
    return new ExitStatus(exitCode, 0, false);
  }

  /** True when the task exited with code 0, no signal and was not OOM killed. */
  public boolean successful() {
    return exitCode == 0 && signal == 0 && !oomKilled;
  }
}
