package io.caravan.drivers.java;

import com.google.common.collect.ImmutableMap;
import io.caravan.drivers.exec.CgroupIsolation;
import io.caravan.drivers.exec.CgroupLayout;
import io.caravan.drivers.process.Isolation;
import io.caravan.drivers.process.ProcessTaskDriver;
import io.caravan.runtime.driver.ConfigField;
import io.caravan.runtime.driver.ConfigSchema;
import io.caravan.runtime.driver.DriverConfigException;
import io.caravan.runtime.driver.DriverContext;
import io.caravan.runtime.driver.DriverFingerprint;
import io.caravan.runtime.driver.TaskConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Nomad's {@code java} driver: runs {@code jar_path} or {@code class} (with {@code class_path}) on a JVM with
 * {@code jvm_options} and {@code args}. With {@code xmx_from_memory = true} the task's memory limit becomes
 * {@code -Xmx}. The JVM is the one at the plugin config's {@code java_home}, else the client's own.
 *
 * <p>{@link #JavaDriver()} runs JVMs like raw_exec; {@link #isolated()} runs them like exec (cgroups, namespaces).
 */
public final class JavaDriver extends ProcessTaskDriver {

  /** The driver name. */
  public static final String NAME = "java";

  private static final ConfigSchema SCHEMA = ConfigSchema.builder()
      .optional("jar_path", ConfigField.Type.STRING, "the jar to run with java -jar")
      .optional("class", ConfigField.Type.STRING, "the main class to run")
      .optional("class_path", ConfigField.Type.STRING, "the class path for class")
      .optional("jvm_options", ConfigField.Type.STRING_LIST, "options passed to the JVM")
      .optional("args", ConfigField.Type.STRING_LIST, "arguments of the program")
      .optional("xmx_from_memory", ConfigField.Type.BOOL, "set -Xmx to the task's memory limit")
      .build();

  private volatile Path javaHome = Path.of(System.getProperty("java.home"));

  /** A java driver without isolation. */
  public JavaDriver() {
    super(NAME, Isolation.NONE);
  }

  private JavaDriver(Isolation isolation) {
    super(NAME, isolation);
  }

  /** A java driver that isolates JVMs like the exec driver. */
  public static JavaDriver isolated() {
    return new JavaDriver(new CgroupIsolation(CgroupLayout.detect(), true));
  }

  @Override
  public void init(DriverContext context) {
    super.init(context);
    Object home = context.pluginConfig().get("java_home");
    if (home != null) {
      javaHome = Path.of(home.toString());
    }
  }

  @Override
  public ConfigSchema configSchema() {
    return SCHEMA;
  }

  @Override
  public void validateConfig(Map<String, Object> config) {
    SCHEMA.validate(config);
    boolean jar = config.containsKey("jar_path");
    boolean cls = config.containsKey("class");
    if (jar == cls) {
      throw new DriverConfigException(jar ? "class" : "jar_path",
          jar ? "cannot be used together with jar_path" : "or config.class is required");
    }
  }

  @Override
  public DriverFingerprint fingerprint() {
    if (!Files.isExecutable(javaBinary())) {
      return DriverFingerprint.undetected("no java executable at " + javaBinary());
    }
    DriverFingerprint base = super.fingerprint();
    return new DriverFingerprint(ImmutableMap.<String, String>builder().putAll(base.attributes())
        .put("driver.java.version", javaHome.equals(Path.of(System.getProperty("java.home")))
            ? Runtime.version().toString() : "unknown")
        .put("driver.java.home", javaHome.toString())
        .buildKeepingLast(), base.health(), base.healthDescription());
  }

  private Path javaBinary() {
    return javaHome.resolve("bin").resolve("java");
  }

  @Override
  protected List<String> command(TaskConfig config) {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaBinary().toString());
    if (config.configBool("xmx_from_memory", false) && config.resources().memoryLimitBytes() > 0) {
      cmd.add("-Xmx" + (config.resources().memoryLimitBytes() / (1024 * 1024)) + "m");
    }
    cmd.addAll(config.configStrings("jvm_options"));
    String jar = config.configString("jar_path", "");
    if (!jar.isEmpty()) {
      cmd.add("-jar");
      cmd.add(jar);
    } else {
      String cp = config.configString("class_path", "");
      if (!cp.isEmpty()) {
        cmd.add("-cp");
        cmd.add(cp);
      }
      cmd.add(config.configString("class", ""));
    }
    cmd.addAll(config.configStrings("args"));
    return cmd;
  }
}
