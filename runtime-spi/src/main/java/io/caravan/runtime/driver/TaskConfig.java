package io.caravan.runtime.driver;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a driver needs to start one task, independent of the jobspec model.
 *
 * @param id unique task id, conventionally {@code <allocId>/<taskName>}; drivers key their tasks by it
 * @param allocId the allocation id
 * @param taskName the task name
 * @param jobName the job name (used for labels and names), may be empty
 * @param driverConfig the task's {@code config} block, already interpolated, immutable
 * @param env the task's environment variables (the driver adds nothing of the host's unless it says so)
 * @param allocDir the allocation directory ({@code <alloc>/}), may be null for drivers that need no files
 * @param taskDir the task directory, the process working directory by default; may be null
 * @param user the user to run as, empty for the driver's default
 * @param resources the resource limits
 * @param stdoutPath file the task's stdout is appended to; null discards it
 * @param stderrPath file the task's stderr is appended to; null discards it
 * @param mounts host paths to make visible to the task (used by isolating drivers)
 */
public record TaskConfig(
    String id,
    String allocId,
    String taskName,
    String jobName,
    ImmutableMap<String, Object> driverConfig,
    ImmutableMap<String, String> env,
    Path allocDir,
    Path taskDir,
    String user,
    TaskResources resources,
    Path stdoutPath,
    Path stderrPath,
    ImmutableList<MountConfig> mounts) {

  public TaskConfig {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("task config id is required");
    }
    allocId = allocId == null ? "" : allocId;
    taskName = taskName == null ? "" : taskName;
    jobName = jobName == null ? "" : jobName;
    driverConfig = driverConfig == null ? ImmutableMap.of() : driverConfig;
    env = env == null ? ImmutableMap.of() : env;
    user = user == null ? "" : user;
    resources = resources == null ? TaskResources.NONE : resources;
    mounts = mounts == null ? ImmutableList.of() : mounts;
  }

  /** A builder for a task with the given allocation and task name; the id is {@code allocId/taskName}. */
  public static Builder builder(String allocId, String taskName) {
    return new Builder(allocId, taskName);
  }

  /** A builder starting from this config. */
  public Builder toBuilder() {
    Builder b = new Builder(allocId, taskName);
    b.id = id;
    b.jobName = jobName;
    b.driverConfig.putAll(driverConfig);
    b.env.putAll(env);
    b.allocDir = allocDir;
    b.taskDir = taskDir;
    b.user = user;
    b.resources = resources;
    b.stdoutPath = stdoutPath;
    b.stderrPath = stderrPath;
    b.mounts = mounts;
    return b;
  }

  /** A string config value, or the default when absent. */
  public String configString(String field, String defaultValue) {
    Object v = driverConfig.get(field);
    return v == null ? defaultValue : v.toString();
  }

  /** A list-of-strings config value, or empty when absent. */
  public ImmutableList<String> configStrings(String field) {
    Object v = driverConfig.get(field);
    if (v == null) {
      return ImmutableList.of();
    }
    if (v instanceof List<?> l) {
      ImmutableList.Builder<String> b = ImmutableList.builder();
      for (Object o : l) {
        b.add(String.valueOf(o));
      }
      return b.build();
    }
    throw new DriverConfigException(field, "must be a list of strings");
  }

  /** A boolean config value, or the default when absent. */
  public boolean configBool(String field, boolean defaultValue) {
    Object v = driverConfig.get(field);
    if (v == null) {
      return defaultValue;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    throw new DriverConfigException(field, "must be a boolean");
  }

  /** A long config value, or the default when absent. */
  public long configLong(String field, long defaultValue) {
    Object v = driverConfig.get(field);
    if (v == null) {
      return defaultValue;
    }
    if (v instanceof Number n) {
      return n.longValue();
    }
    throw new DriverConfigException(field, "must be an integer");
  }

  /** Builds a {@link TaskConfig}. */
  public static final class Builder {
    private String id;
    private final String allocId;
    private final String taskName;
    private String jobName = "";
    private final Map<String, Object> driverConfig = new LinkedHashMap<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private Path allocDir;
    private Path taskDir;
    private String user = "";
    private TaskResources resources = TaskResources.NONE;
    private Path stdoutPath;
    private Path stderrPath;
    private ImmutableList<MountConfig> mounts = ImmutableList.of();

    private Builder(String allocId, String taskName) {
      this.allocId = allocId;
      this.taskName = taskName;
      this.id = allocId + "/" + taskName;
    }

    /** Overrides the task id. */
    public Builder id(String id) {
      this.id = id;
      return this;
    }

    /** The job name. */
    public Builder jobName(String jobName) {
      this.jobName = jobName;
      return this;
    }

    /** Replaces the driver config block. */
    public Builder driverConfig(Map<String, ?> config) {
      driverConfig.clear();
      driverConfig.putAll(config);
      return this;
    }

    /** Sets one driver config field. */
    public Builder config(String field, Object value) {
      driverConfig.put(field, value);
      return this;
    }

    /** Replaces the environment. */
    public Builder env(Map<String, String> env) {
      this.env.clear();
      this.env.putAll(env);
      return this;
    }

    /** Sets one environment variable. */
    public Builder env(String name, String value) {
      env.put(name, value);
      return this;
    }

    /** The allocation directory. */
    public Builder allocDir(Path allocDir) {
      this.allocDir = allocDir;
      return this;
    }

    /** The task directory (working directory). */
    public Builder taskDir(Path taskDir) {
      this.taskDir = taskDir;
      return this;
    }

    /** The user to run as. */
    public Builder user(String user) {
      this.user = user;
      return this;
    }

    /** The resource limits. */
    public Builder resources(TaskResources resources) {
      this.resources = resources;
      return this;
    }

    /** Where stdout goes. */
    public Builder stdoutPath(Path stdoutPath) {
      this.stdoutPath = stdoutPath;
      return this;
    }

    /** Where stderr goes. */
    public Builder stderrPath(Path stderrPath) {
      this.stderrPath = stderrPath;
      return this;
    }

    /** Host paths mounted into the task. */
    public Builder mounts(List<MountConfig> mounts) {
      this.mounts = ImmutableList.copyOf(mounts);
      return this;
    }

    /** The config. */
    public TaskConfig build() {
      return new TaskConfig(id, allocId, taskName, jobName, ImmutableMap.copyOf(driverConfig),
          ImmutableMap.copyOf(env), allocDir, taskDir, user, resources, stdoutPath, stderrPath, mounts);
    }
  }
}
