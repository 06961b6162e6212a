package io.caravan.runtime.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The on-disk layout of one allocation, as in Nomad: {@code <root>/<allocId>/alloc/} shared by all
 * tasks (with {@code data/}, {@code logs/} and {@code tmp/}) and one directory per task with
 * {@code local/}, {@code secrets/} and {@code tmp/}.
 */
public final class AllocDir {

  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]*");

  private final Path dir;

  private AllocDir(Path dir) {
    this.dir = dir;
  }

  /**
   * Returns the layout of allocation {@code allocId} under {@code root} (nothing is created yet).
   *
   * @throws IllegalArgumentException if the id could escape the root (e.g. contains {@code /})
   */
  public static AllocDir of(Path root, String allocId) {
    Objects.requireNonNull(root, "root");
    requireSafe("allocation id", allocId);
    return new AllocDir(root.resolve(allocId));
  }

  private static String requireSafe(String what, String name) {
    Objects.requireNonNull(name, what);
    if (!SAFE_NAME.matcher(name).matches() || name.equals("..") || name.equals("alloc")) {
      throw new IllegalArgumentException(
          what + " \"" + name + "\" is not usable as a directory name");
    }
    return name;
  }

  /** The allocation's directory. */
  public Path dir() {
    return dir;
  }

  /** The shared directory ({@code alloc/}), exposed to tasks as NOMAD_ALLOC_DIR. */
  public Path sharedDir() {
    return dir.resolve("alloc");
  }

  /** Where task logs are written ({@code alloc/logs}). */
  public Path logsDir() {
    return sharedDir().resolve("logs");
  }

  /** The directory of one task. */
  public TaskDir task(String taskName) {
    requireSafe("task name", taskName);
    return new TaskDir(dir.resolve(taskName), sharedDir());
  }

  /**
   * Creates the shared directories ({@code alloc/data}, {@code alloc/logs}, {@code alloc/tmp}); {@code data} and
   * {@code tmp} are writable by every user.
   */
  public AllocDir create() {
    try {
      Files.createDirectories(sharedDir().resolve("data"));
      Files.createDirectories(logsDir());
      Files.createDirectories(sharedDir().resolve("tmp"));
      // Tasks of one allocation may run as different unprivileged users (exec's default is nobody), and all of them
      // share data/ and tmp/, as in Nomad.
      for (String shared : new String[] {"data", "tmp"}) {
        try {
          Files.setPosixFilePermissions(sharedDir().resolve(shared),
              java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        } catch (UnsupportedOperationException notPosix) {
          // Non-POSIX file systems have no mode bits; every local user can write there anyway.
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create allocation directory " + dir, e);
    }
    return this;
  }

  /** Deletes the allocation's directory tree; a missing directory is not an error. */
  public void destroy() {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete allocation directory " + dir, e);
    }
  }

  /**
   * The directory of one task within an allocation.
   *
   * @param dir the task's directory
   * @param sharedDir the allocation's shared {@code alloc/} directory
   */
  public record TaskDir(Path dir, Path sharedDir) {

    /** The task's private directory ({@code local/}), exposed as NOMAD_TASK_DIR. */
    public Path localDir() {
      return dir.resolve("local");
    }

    /** The task's secrets directory ({@code secrets/}), exposed as NOMAD_SECRETS_DIR. */
    public Path secretsDir() {
      return dir.resolve("secrets");
    }

    /** The task's temporary directory ({@code tmp/}). */
    public Path tmpDir() {
      return dir.resolve("tmp");
    }

    /** Creates {@code local/}, {@code secrets/} and {@code tmp/} (secrets readable by owner only). */
    public TaskDir create() {
      try {
        Files.createDirectories(localDir());
        Files.createDirectories(secretsDir());
        Files.createDirectories(tmpDir());
        try {
          Files.setPosixFilePermissions(
              secretsDir(), java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException notPosix) {
          // Non-POSIX file systems have no mode bits to tighten; the directory still exists.
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create task directory " + dir, e);
      }
      return this;
    }
  }
}
