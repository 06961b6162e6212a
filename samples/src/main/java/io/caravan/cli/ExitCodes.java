package io.caravan.cli;

/** The exit codes of the {@code caravan} program, stable for scripts. */
public final class ExitCodes {
  /** The command did what was asked. */
  public static final int OK = 0;
  /** The input (a jobspec, a file, a value) is invalid, or the work failed. */
  public static final int INVALID_INPUT = 1;
  /** The command line itself is wrong: unknown option, missing argument. */
  public static final int USAGE = 2;

  private ExitCodes() {}
}
