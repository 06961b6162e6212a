package io.caravan.drivers.process;

import io.caravan.runtime.driver.DriverConfigException;
import io.caravan.runtime.driver.TaskConfig;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Resolves a task's {@code command} the way a shell would: a path as is, a bare name through the task's PATH. */
public final class Commands {

  private Commands() {}

  /**
   * The absolute path of the command.
   *
   * @throws DriverConfigException naming {@code config.command} when it cannot be found or run
   */
  public static String resolve(String command, TaskConfig config, String path) {
    if (command.contains("/")) {
      Path p = Path.of(command);
      if (!p.isAbsolute() && config.taskDir() != null) {
        p = config.taskDir().resolve(p);
      }
      if (!Files.isExecutable(p)) {
        throw new DriverConfigException("command", "\"" + command + "\" is not an executable file");
      }
      return p.toString();
    }
    String searchPath = Optional.ofNullable(config.env().get("PATH")).orElse(path);
    for (String dir : searchPath.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, command);
      if (Files.isExecutable(p) && !Files.isDirectory(p)) {
        return p.toString();
      }
    }
    throw new DriverConfigException("command", "\"" + command + "\" was not found in PATH " + searchPath);
  }
}
