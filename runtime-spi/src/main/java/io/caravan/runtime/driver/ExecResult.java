package io.caravan.runtime.driver;

import java.nio.charset.StandardCharsets;

/**
 * The outcome of a command run in a task with {@link TaskDriver#exec}.
 *
 * @param exitCode the command's exit code
 * @param stdout what the command wrote to stdout
 * @param stderr what the command wrote to stderr
 */
public record ExecResult(int exitCode, byte[] stdout, byte[] stderr) {

  public ExecResult {
    stdout = stdout == null ? new byte[0] : stdout.clone();
    stderr = stderr == null ? new byte[0] : stderr.clone();
  }

  @Override
  public byte[] stdout() {
    return stdout.clone();
  }

  @Override
  public byte[] stderr() {
    return stderr.clone();
  }

  /** Stdout as UTF-8 text. */
  public String stdoutText() {
    return new String(stdout, StandardCharsets.UTF_8);
  }

  /** Stderr as UTF-8 text. */
  public String stderrText() {
    return new String(stderr, StandardCharsets.UTF_8);
  }
}
