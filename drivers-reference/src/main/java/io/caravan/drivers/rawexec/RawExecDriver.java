package io.caravan.drivers.rawexec;

import com.google.common.collect.ImmutableList;
import io.caravan.drivers.process.Commands;
import io.caravan.drivers.process.Isolation;
import io.caravan.drivers.process.ProcessTaskDriver;
import io.caravan.runtime.driver.ConfigField;
import io.caravan.runtime.driver.ConfigSchema;
import io.caravan.runtime.driver.TaskConfig;
import java.util.List;
import java.util.Optional;

/**
 * Nomad's {@code raw_exec}: runs {@code config.command} with {@code config.args} as a host process, in the task
 * directory, with the task's environment and log files. Stopping kills the whole process tree.
 */
public final class RawExecDriver extends ProcessTaskDriver {

  /** The driver name. */
  public static final String NAME = "raw_exec";

  private static final ConfigSchema SCHEMA = ConfigSchema.builder()
      .required("command", ConfigField.Type.STRING, "the program to run")
      .optional("args", ConfigField.Type.STRING_LIST, "arguments of the program")
      .build();

  /** A raw_exec driver. */
  public RawExecDriver() {
    super(NAME, Isolation.NONE);
  }

  @Override
  public ConfigSchema configSchema() {
    return SCHEMA;
  }

  @Override
  protected List<String> command(TaskConfig config) {
    String hostPath = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
    return ImmutableList.<String>builder()
        .add(Commands.resolve(config.configString("command", ""), config, hostPath))
        .addAll(config.configStrings("args"))
        .build();
  }
}
