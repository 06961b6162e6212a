package io.caravan.drivers.exec;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import io.caravan.drivers.process.Commands;
import io.caravan.drivers.process.ProcessTaskDriver;
import io.caravan.runtime.driver.ConfigField;
import io.caravan.runtime.driver.ConfigSchema;
import io.caravan.runtime.driver.DriverCapabilities;
import io.caravan.runtime.driver.DriverConfigException;
import io.caravan.runtime.driver.DriverContext;
import io.caravan.runtime.driver.DriverFingerprint;
import io.caravan.runtime.driver.TaskConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Nomad's {@code exec}: like raw_exec, but the task runs in its own cgroups (memory and CPU limits, OOM detection),
 * pid/mount/ipc/uts namespaces, a chroot of its task directory with read-only binds of the host's system directories
 * ({@link TaskFilesystem}), and as an unprivileged user (the task's {@code user}, by default {@code nobody}). When the
 * host cannot isolate (no writable cgroups, no {@code unshare}, not root), the fingerprint is unhealthy with the
 * reason and starts fail with an {@link IsolationUnavailableException} saying it.
 *
 * <p>Plugin config: {@code chroot_env}, a map of host path to task path replacing
 * {@link TaskFilesystem#DEFAULT_CHROOT_ENV}, as Nomad's client option of that name.
 */
public final class ExecDriver extends ProcessTaskDriver {

  /** The driver name. */
  public static final String NAME = "exec";

  private static final ConfigSchema SCHEMA = ConfigSchema.builder()
      .required("command", ConfigField.Type.STRING, "the program to run")
      .optional("args", ConfigField.Type.STRING_LIST, "arguments of the program")
      .optional("cpu_hard_limit", ConfigField.Type.BOOL, "enforce the task's cpu as a hard quota, not only a relative weight")
      .build();

  /** An exec driver over the host's detected cgroups, with namespaces and the default task filesystem. */
  public ExecDriver() {
    this(new CgroupIsolation(CgroupLayout.detect(), TaskFilesystem.detect()));
  }

  /** An exec driver with the given isolation. */
  public ExecDriver(CgroupIsolation isolation) {
    super(NAME, isolation);
  }

  @Override
  public void init(DriverContext context) {
    super.init(context);
    Object chrootEnv = context.pluginConfig().get("chroot_env");
    if (chrootEnv == null) {
      return;
    }
    if (!(chrootEnv instanceof Map<?, ?> map)) {
      throw new DriverConfigException("chroot_env", "must be a map of host path to task path");
    }
    CgroupIsolation current = cgroups();
    replaceIsolation(new CgroupIsolation(current.layout(), TaskFilesystem.detect(TaskFilesystem.validate(map))));
  }

  private CgroupIsolation cgroups() {
    return (CgroupIsolation) isolation();
  }

  @Override
  public ConfigSchema configSchema() {
    return SCHEMA;
  }

  @Override
  public DriverCapabilities capabilities() {
    return new DriverCapabilities(true, true, cgroups().filesystem().isPresent()
        ? DriverCapabilities.FsIsolation.CHROOT : DriverCapabilities.FsIsolation.NONE,
        ImmutableSet.of(DriverCapabilities.NetworkIsolationMode.HOST));
  }

  @Override
  public DriverFingerprint fingerprint() {
    String problem = cgroups().problem();
    if (!problem.isEmpty()) {
      return DriverFingerprint.unhealthy(ImmutableMap.of(), "cannot isolate tasks: " + problem);
    }
    return DriverFingerprint.healthy(ImmutableMap.of("driver.exec", "1",
        "driver.exec.cgroup.version", String.valueOf(cgroups().layout().version())), isolation().describe());
  }

  @Override
  protected List<String> command(TaskConfig config) {
    String hostPath = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
    String command = config.configString("command", "");
    Optional<TaskFilesystem> fs = cgroups().filesystem();
    return ImmutableList.<String>builder()
        .add(fs.isPresent() && config.taskDir() != null ? fs.get().resolve(command, config, hostPath)
            : Commands.resolve(command, config, hostPath))
        .addAll(config.configStrings("args"))
        .build();
  }
}
