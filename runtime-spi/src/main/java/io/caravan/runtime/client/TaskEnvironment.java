package io.caravan.runtime.client;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import io.caravan.model.job.Resources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The environment a task runs with: Nomad's runtime variables ({@code NOMAD_ALLOC_ID}, {@code
 * NOMAD_TASK_DIR}, {@code NOMAD_PORT_<label>}, {@code NOMAD_META_<key>}, …) followed by the task's
 * own {@code env} block interpolated against them, plus the node variables used to interpolate
 * args and driver config.
 *
 * @param variables the environment variables, sorted by name
 * @param nodeVariables {@code attr.*}, {@code meta.*} and {@code node.*} values
 */
public record TaskEnvironment(
    ImmutableSortedMap<String, String> variables,
    ImmutableSortedMap<String, String> nodeVariables) {

  /** Copies the maps. */
  public TaskEnvironment {
    variables = ImmutableSortedMap.copyOf(variables);
    nodeVariables = ImmutableSortedMap.copyOf(nodeVariables);
  }

  /** An interpolator over this environment. */
  public Interpolator interpolator() {
    return new Interpolator(variables, nodeVariables);
  }

  /** Returns an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Makes a string usable as part of an environment variable name: every character other than
   * ASCII letters, digits and underscore becomes an underscore, as Nomad does for port labels and
   * meta keys.
   */
  static String cleanName(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '_';
      out.append(ok ? c : '_');
    }
    return out.toString();
  }

  /** Builder of a {@link TaskEnvironment}; required: alloc id, job id, group and task name. */
  public static final class Builder {
    private @Nullable String allocId;
    private int allocIndex;
    private @Nullable String allocName;
    private @Nullable String jobId;
    private @Nullable String jobName;
    private @Nullable String parentJobId;
    private @Nullable String groupName;
    private @Nullable String taskName;
    private String region = "global";
    private String namespace = "default";
    private String datacenter = "";
    private @Nullable String allocDir;
    private @Nullable String taskDir;
    private @Nullable String secretsDir;
    private @Nullable Resources resources;
    private final List<PortMapping> ports = new ArrayList<>();
    private final List<Map<String, String>> metaLayers = new ArrayList<>();
    private Map<String, String> taskEnv = Map.of();
    private @Nullable NodeFacts node;
    private final Map<String, String> extra = new TreeMap<>();

    private Builder() {}

    /** Sets the allocation id (NOMAD_ALLOC_ID and NOMAD_SHORT_ALLOC_ID). */
    public Builder allocId(String allocId) {
      this.allocId = allocId;
      return this;
    }

    /** Sets the allocation index within its group (NOMAD_ALLOC_INDEX). */
    public Builder allocIndex(int allocIndex) {
      this.allocIndex = allocIndex;
      return this;
    }

    /** Sets the allocation name, e.g. {@code web.app[0]} (NOMAD_ALLOC_NAME). */
    public Builder allocName(String allocName) {
      this.allocName = allocName;
      return this;
    }

    /** Sets the job id (NOMAD_JOB_ID); the name defaults to it. */
    public Builder jobId(String jobId) {
      this.jobId = jobId;
      return this;
    }

    /** Sets the job name (NOMAD_JOB_NAME). */
    public Builder jobName(String jobName) {
      this.jobName = jobName;
      return this;
    }

    /** Sets the parent job id of a dispatched or periodic child (NOMAD_JOB_PARENT_ID). */
    public Builder parentJobId(@Nullable String parentJobId) {
      this.parentJobId = parentJobId;
      return this;
    }

    /** Sets the task group name (NOMAD_GROUP_NAME). */
    public Builder groupName(String groupName) {
      this.groupName = groupName;
      return this;
    }

    /** Sets the task name (NOMAD_TASK_NAME). */
    public Builder taskName(String taskName) {
      this.taskName = taskName;
      return this;
    }

    /** Sets the region (NOMAD_REGION), default {@code global}. */
    public Builder region(String region) {
      this.region = Objects.requireNonNull(region);
      return this;
    }

    /** Sets the namespace (NOMAD_NAMESPACE), default {@code default}. */
    public Builder namespace(String namespace) {
      this.namespace = Objects.requireNonNull(namespace);
      return this;
    }

    /** Sets the datacenter (NOMAD_DC); defaults to the node's. */
    public Builder datacenter(String datacenter) {
      this.datacenter = Objects.requireNonNull(datacenter);
      return this;
    }

    /**
     * Sets the directories as the task sees them. Drivers without filesystem isolation use the host
     * paths; isolated drivers pass {@link #isolatedDirs()}.
     */
    public Builder dirs(String allocDir, String taskDir, String secretsDir) {
      this.allocDir = allocDir;
      this.taskDir = taskDir;
      this.secretsDir = secretsDir;
      return this;
    }

    /** Uses the host paths of a task directory. */
    public Builder dirs(AllocDir.TaskDir dir) {
      return dirs(
          dir.sharedDir().toString(), dir.localDir().toString(), dir.secretsDir().toString());
    }

    /** Uses the paths an isolated task sees: {@code /alloc}, {@code /local}, {@code /secrets}. */
    public Builder isolatedDirs() {
      return dirs("/alloc", "/local", "/secrets");
    }

    /** Sets the task's resources (NOMAD_CPU_LIMIT, NOMAD_MEMORY_LIMIT, NOMAD_MEMORY_MAX_LIMIT). */
    public Builder resources(@Nullable Resources resources) {
      this.resources = resources;
      return this;
    }

    /** Adds the allocation's ports (NOMAD_IP/PORT/ADDR/HOST_PORT/HOST_IP/HOST_ADDR_<label>). */
    public Builder ports(List<PortMapping> ports) {
      this.ports.addAll(ports);
      return this;
    }

    /**
     * Adds a layer of meta; later layers win. Call with the job's, then the group's, then the
     * task's meta, as Nomad combines them.
     */
    public Builder meta(@Nullable Map<String, String> meta) {
      if (meta != null) {
        metaLayers.add(meta);
      }
      return this;
    }

    /** Sets the task's own {@code env} block (interpolated, may override runtime variables). */
    public Builder taskEnv(@Nullable Map<String, String> env) {
      this.taskEnv = env == null ? Map.of() : env;
      return this;
    }

    /** Sets the node the task runs on (interpolation variables and the default NOMAD_DC). */
    public Builder node(NodeFacts node) {
      this.node = node;
      return this;
    }

    /** Adds a variable set by a hook (e.g. device reservation); task env may still override. */
    public Builder extra(String name, String value) {
      extra.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
      return this;
    }

    /** Builds the environment. */
    public TaskEnvironment build() {
      require("allocId", allocId);
      require("jobId", jobId);
      require("groupName", groupName);
      require("taskName", taskName);
      Map<String, String> env = new TreeMap<>();
      env.put("NOMAD_ALLOC_ID", allocId);
      env.put("NOMAD_SHORT_ALLOC_ID", allocId.length() > 8 ? allocId.substring(0, 8) : allocId);
      env.put("NOMAD_ALLOC_INDEX", Integer.toString(allocIndex));
      env.put(
          "NOMAD_ALLOC_NAME",
          allocName != null ? allocName : jobId + "." + groupName + "[" + allocIndex + "]");
      env.put("NOMAD_JOB_ID", jobId);
      env.put("NOMAD_JOB_NAME", jobName != null ? jobName : jobId);
      if (parentJobId != null && !parentJobId.isEmpty()) {
        env.put("NOMAD_JOB_PARENT_ID", parentJobId);
      }
      env.put("NOMAD_GROUP_NAME", groupName);
      env.put("NOMAD_TASK_NAME", taskName);
      env.put("NOMAD_REGION", region);
      env.put("NOMAD_NAMESPACE", namespace);
      String dc = !datacenter.isEmpty() ? datacenter : node != null ? node.datacenter() : "";
      env.put("NOMAD_DC", dc);
      if (allocDir != null) {
        env.put("NOMAD_ALLOC_DIR", allocDir);
        env.put("NOMAD_TASK_DIR", taskDir);
        env.put("NOMAD_SECRETS_DIR", secretsDir);
      }
      if (resources != null) {
        if (resources.cpu() != null) {
          env.put("NOMAD_CPU_LIMIT", Integer.toString(resources.cpu()));
        }
        if (resources.memoryMB() != null) {
          env.put("NOMAD_MEMORY_LIMIT", Integer.toString(resources.memoryMB()));
          Integer max = resources.memoryMaxMB();
          if (max != null && max > resources.memoryMB()) {
            env.put("NOMAD_MEMORY_MAX_LIMIT", Integer.toString(max));
          }
        }
      }
      for (PortMapping p : ports) {
        String label = cleanName(p.label());
        String hostPort = Integer.toString(p.value());
        String hostAddr = joinHostPort(p.hostIp(), p.value());
        env.put("NOMAD_IP_" + label, p.hostIp());
        env.put("NOMAD_HOST_IP_" + label, p.hostIp());
        env.put("NOMAD_HOST_PORT_" + label, hostPort);
        env.put("NOMAD_HOST_ADDR_" + label, hostAddr);
        env.put("NOMAD_ADDR_" + label, hostAddr);
        env.put("NOMAD_PORT_" + label, Integer.toString(p.taskPort()));
        if (p.to() > 0) {
          env.put("NOMAD_ALLOC_PORT_" + label, Integer.toString(p.to()));
        }
      }
      Map<String, String> meta = new LinkedHashMap<>();
      metaLayers.forEach(meta::putAll);
      meta.forEach(
          (k, v) -> {
            String clean = cleanName(k);
            env.put("NOMAD_META_" + clean, v);
            env.put("NOMAD_META_" + clean.toUpperCase(java.util.Locale.ROOT), v);
          });
      env.putAll(extra);
      ImmutableSortedMap<String, String> nodeVars =
          node != null ? node.interpolationVariables() : ImmutableSortedMap.of();
      // The task's env block is interpolated against the runtime variables in name order, so a
      // later entry may refer to an earlier one; it may override runtime variables, as in Nomad.
      for (Map.Entry<String, String> e : new TreeMap<>(taskEnv).entrySet()) {
        String value = new Interpolator(env, nodeVars).interpolate(e.getValue());
        env.put(e.getKey(), value);
      }
      return new TaskEnvironment(ImmutableSortedMap.copyOf(env), nodeVars);
    }

    private static void require(String field, @Nullable String value) {
      if (value == null || value.isEmpty()) {
        throw new IllegalStateException("task environment: " + field + " is required");
      }
    }

    private static String joinHostPort(String host, int port) {
      return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
  }

  /** The variables as {@code NAME=value} strings, sorted by name. */
  public ImmutableList<String> asList() {
    return variables.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(ImmutableList.toImmutableList());
  }
}
