package io.caravan.drivers.exec;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import io.caravan.drivers.process.Commands;
import io.caravan.drivers.process.ProcessTaskDriver;
import io.caravan.runtime.driver.ConfigField;
import io.caravan.runtime.driver.ConfigSchema;
import io.caravan.runtime.driver.DriverCapabilities;
import io.caravan.runtime.driver.DriverFingerprint;
import io.caravan.runtime.driver.TaskConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Nomad's {@code exec}: like raw_exec, but the task runs in its own cgroups (memory and CPU limits, OOM detection),
 * pid/mount/ipc/uts namespaces, and as the task's {@code user} when one is set. When the host cannot isolate (no
 * writable cgroups, no {@code unshare}), the fingerprint is unhealthy with the reason and starts fail with it.
 */
public final class ExecDriver extends ProcessTaskDriver {

  /** The driver name. */
  public static final String NAME = "exec";

  private static final ConfigSchema SCHEMA = ConfigSchema.builder()
      .required("command", ConfigField.Type.STRING, "the program to run")
      .optional("args", ConfigField.Type.STRING_LIST, "arguments of the program")
      .build();

  /** An exec driver over the host's detected cgroups, with namespaces. */
  public ExecDriver() {
    this(new CgroupIsolation(CgroupLayout.detect(), true));
  }

  /** An exec driver with the given isolation. */
  public ExecDriver(CgroupIsolation isolation) {
    super(NAME, isolation);
  }

  @Override
  public ConfigSchema configSchema() {
    return SCHEMA;
  }

  @Override
  public DriverCapabilities capabilities() {
    return new DriverCapabilities(true, true, DriverCapabilities.FsIsolation.NONE,
        ImmutableSet.of(DriverCapabilities.NetworkIsolationMode.HOST));
  }

  @Override
  public DriverFingerprint fingerprint() {
    CgroupLayout layout = ((CgroupIsolation) isolation()).layout();
    if (!layout.usable()) {
      return DriverFingerprint.unhealthy(ImmutableMap.of(), "cannot isolate tasks: " + layout.problem());
    }
    if (!Files.isExecutable(Path.of("/usr/bin/unshare")) && !Files.isExecutable(Path.of("/bin/unshare"))) {
      return DriverFingerprint.unhealthy(ImmutableMap.of(), "cannot isolate tasks: unshare(1) is not installed");
    }
    return DriverFingerprint.healthy(ImmutableMap.of("driver.exec", "1",
        "driver.exec.cgroup.version", String.valueOf(layout.version())), isolation().describe());
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
