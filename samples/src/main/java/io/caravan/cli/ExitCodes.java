package io.caravan.cli;

/** The exit codes of the {@code caravan} program, stable for scripts. */
public final class ExitCodes {
  /** The command did what was asked. */
  public static final int OK = 0;
  /** The input (a jobspec, a file, a value) is invalid, or the work failed. */
  public static final int INVALID_INPUT = 1;
  /** The command line itself is wrong: unknown option, missing argument. */
  public static final int USAGE = 2;
  /**
   * Commands against an agent: the agent answered with an error, the object is unknown, or the agent
   * is unreachable (input the agent rejects as invalid exits with {@link #USAGE}).
   */
  public static final int ERROR = 1;
  /** {@code job run}: some allocations could not be placed (Nomad's exit code for placement failures). */
  public static final int PLACEMENT_FAILED = 2;
  /** {@code run}: stopped by Ctrl-C (SIGINT) after stopping the job, 128 + 2 as shells report it. */
  public static final int INTERRUPTED = 130;

  private ExitCodes() {}
}
