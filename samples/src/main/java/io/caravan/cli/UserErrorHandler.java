package io.caravan.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions escaping a command into a one-line message on stderr and exit code 1, so users
 * never see a stack trace for bad input.
 */
final class UserErrorHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parsed) {
    Throwable shown = ex instanceof UncheckedIOException u ? u.getCause() : ex;
    String message = shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
    if (shown instanceof java.nio.file.NoSuchFileException) {
      message = "no such file: " + message;
    } else if (shown instanceof IOException) {
      message = "I/O error: " + message;
    }
    cli.getErr().println("Error: " + message);
    return ExitCodes.INVALID_INPUT;
  }
}
