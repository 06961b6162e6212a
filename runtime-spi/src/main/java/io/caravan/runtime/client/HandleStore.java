package io.caravan.runtime.client;

import com.google.common.collect.ImmutableMap;
import io.caravan.runtime.driver.TaskConfig;
import io.caravan.runtime.driver.TaskHandle;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Persists the driver handles of running tasks in the client's state directory, one properties
 * file per task ({@code <stateDir>/<allocId>/<task>.handle}), so that a restarted client can
 * recover its tasks instead of starting them twice. The task config is not stored: it is rebuilt
 * from the allocation, which the client fetches again from the servers.
 */
public final class HandleStore {

  private static final String PREFIX = "state.";

  private final Path stateDir;

  /** Creates a store rooted at {@code stateDir}. */
  public HandleStore(Path stateDir) {
    this.stateDir = stateDir;
  }

  private Path file(String allocId, String taskName) {
    return stateDir.resolve(allocId).resolve(taskName + ".handle");
  }

  /** Writes (atomically replaces) the handle of a task. */
  public void save(TaskHandle handle) {
    TaskConfig config = handle.config();
    Properties p = new Properties();
    p.setProperty("driver", handle.driver());
    p.setProperty("version", Integer.toString(handle.version()));
    p.setProperty("startedAt", handle.startedAt().toString());
    p.setProperty("taskId", handle.taskId());
    handle.driverState().forEach((k, v) -> p.setProperty(PREFIX + k, v));
    Path target = file(config.allocId(), config.taskName());
    try {
      Files.createDirectories(target.getParent());
      Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        p.store(w, "caravan task handle");
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot persist handle of task " + handle.taskId(), e);
    }
  }

  /** Loads the handle of a task, combined with its rebuilt config; empty when none is stored. */
  public Optional<TaskHandle> load(TaskConfig config) {
    Path source = file(config.allocId(), config.taskName());
    if (!Files.exists(source)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(source, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read task handle " + source, e);
    }
    TreeMap<String, String> state = new TreeMap<>();
    for (String key : p.stringPropertyNames()) {
      if (key.startsWith(PREFIX)) {
        state.put(key.substring(PREFIX.length()), p.getProperty(key));
      }
    }
    try {
      return Optional.of(new TaskHandle(
          p.getProperty("driver"),
          Integer.parseInt(p.getProperty("version", "0")),
          config,
          Instant.parse(p.getProperty("startedAt")),
          ImmutableMap.copyOf(state)));
    } catch (RuntimeException e) {
      throw new IllegalStateException("task handle " + source + " is corrupt: " + e.getMessage(), e);
    }
  }

  /** Removes a task's handle (after it died). */
  public void delete(String allocId, String taskName) {
    try {
      Files.deleteIfExists(file(allocId, taskName));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete handle of " + allocId + "/" + taskName, e);
    }
  }
}
