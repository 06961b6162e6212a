package io.caravan.drivers.testing;

import io.caravan.runtime.driver.TaskConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Test helpers: task configs with directories and log files under a temp dir, polling with a deadline. */
public final class TaskFixtures {

  private TaskFixtures() {}

  /** A task config builder with task dir and log files under {@code root}. */
  public static TaskConfig.Builder task(Path root, String name, String command, String... args) {
    Path taskDir = root.resolve(name);
    try {
      Files.createDirectories(taskDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return TaskConfig.builder("alloc-" + root.getFileName(), name)
        .taskDir(taskDir)
        .allocDir(root)
        .stdoutPath(root.resolve("logs").resolve(name + ".stdout.0"))
        .stderrPath(root.resolve("logs").resolve(name + ".stderr.0"))
        .config("command", command)
        .config("args", List.of(args));
  }

  /** The contents of a file, empty when absent (including one that vanishes while read, like /proc of an exited pid). */
  public static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      if (!Files.exists(file)) {
        return "";
      }
      throw new UncheckedIOException(e);
    }
  }

  /** Polls until the condition holds or the timeout passes; returns whether it held. */
  public static boolean eventually(Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return condition.getAsBoolean();
  }
}
