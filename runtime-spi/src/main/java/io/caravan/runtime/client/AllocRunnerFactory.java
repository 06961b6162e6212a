package io.caravan.runtime.client;

import io.caravan.model.cluster.AllocatedPortMapping;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.job.Job;
import io.caravan.model.job.LogConfig;
import io.caravan.model.job.Resources;
import io.caravan.model.job.Task;
import io.caravan.model.job.TaskGroup;
import io.caravan.runtime.driver.DriverCapabilities;
import io.caravan.runtime.driver.TaskConfig;
import io.caravan.runtime.driver.TaskDriver;
import io.caravan.runtime.driver.TaskHandle;
import io.caravan.runtime.driver.TaskResources;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Turns an allocation (with its job) into an {@link AllocRunner}: creates the allocation and task
 * directories, builds each task's environment and interpolated driver config, its restart tracker
 * and log paths, and wires handle persistence so that a restarted client can recover the tasks.
 */
public final class AllocRunnerFactory {

  private final Path allocRoot;
  private final NodeFacts node;
  private final Function<String, TaskDriver> drivers;
  private final HandleStore handles;
  private final Clock clock;
  private final RandomGenerator random;
  private final Sleeper sleeper;
  private boolean collectLogs = true;
  private final ArtifactFetcher artifacts = ArtifactFetcher.withDefaultClient();
  private int logBytesPerMb;

  /**
   * Creates a factory.
   *
   * @param allocRoot where allocation directories are created
   * @param node the node's facts, for the environment and interpolation
   * @param drivers finds a driver by name (throws when unknown)
   * @param handles where task handles are persisted
   * @param clock time source
   * @param random seeded source for restart jitter
   * @param sleeper how delays are waited
   */
  public AllocRunnerFactory(
      Path allocRoot,
      NodeFacts node,
      Function<String, TaskDriver> drivers,
      HandleStore handles,
      Clock clock,
      RandomGenerator random,
      Sleeper sleeper) {
    this.allocRoot = Objects.requireNonNull(allocRoot);
    this.node = Objects.requireNonNull(node);
    this.drivers = Objects.requireNonNull(drivers);
    this.handles = Objects.requireNonNull(handles);
    this.clock = Objects.requireNonNull(clock);
    this.random = Objects.requireNonNull(random);
    this.sleeper = Objects.requireNonNull(sleeper);
  }

  /**
   * Builds the runner of an allocation.
   *
   * @param alloc the allocation; its job must be present
   * @param recover whether to look for persisted handles of running tasks
   * @param listener called on every task state change
   * @throws IllegalArgumentException when the allocation's job or group is missing
   */
  public AllocRunner create(Allocation alloc, boolean recover, Consumer<AllocRunner> listener) {
    Job job = alloc.job();
    if (job == null) {
      throw new IllegalArgumentException("allocation " + alloc.id() + " has no job");
    }
    TaskGroup group = findGroup(job, alloc.taskGroup());
    AllocDir dir = AllocDir.of(allocRoot, alloc.id()).create();
    String jobType = job.type() == null ? "service" : job.type();
    List<PortMapping> ports = ports(alloc);
    List<AllocRunner.TaskSpec> specs = new ArrayList<>();
    List<LogCollector> collectors = new ArrayList<>();
    for (Task task : group.tasks() == null ? List.<Task>of() : group.tasks()) {
      AllocDir.TaskDir taskDir = dir.task(task.name()).create();
      TaskDriver driver = drivers.apply(task.driver());
      TaskEnvironment.Builder envBuilder =
          TaskEnvironment.builder()
              .allocId(alloc.id())
              .allocIndex(allocIndex(alloc.name()))
              .allocName(alloc.name() == null || alloc.name().isEmpty() ? null : alloc.name())
              .jobId(job.id())
              .jobName(job.name() == null ? job.id() : job.name())
              .parentJobId(job.parentID())
              .groupName(group.name())
              .taskName(task.name())
              .region(job.region() == null ? node.region() : job.region())
              .namespace(job.namespace() == null ? "default" : job.namespace())
              .datacenter(node.datacenter())
              .node(node)
              .dirs(taskDir)
              .resources(task.resources())
              .ports(ports)
              .meta(job.meta())
              .meta(group.meta())
              .meta(task.meta())
              .taskEnv(task.env());
      if (driver.capabilities().fsIsolation() != DriverCapabilities.FsIsolation.NONE) {
        // A chroot or a container image: the task finds its directories at /alloc, /local and /secrets.
        envBuilder.isolatedDirs();
      }
      TaskEnvironment env = envBuilder.build();
      Interpolator interpolator = env.interpolator();
      Map<String, Object> driverConfig =
          interpolator.interpolateConfig(task.config() == null ? Map.of() : task.config());
      TaskConfig config =
          TaskConfig.builder(alloc.id(), task.name())
              .jobName(job.id())
              .driverConfig(driverConfig)
              .env(env.variables())
              .allocDir(dir.sharedDir())
              .taskDir(taskDir.dir())
              .user(task.user() == null ? "" : task.user())
              .resources(resources(task.resources(), driverConfig, node))
              .stdoutPath(logTarget(dir, task, "stdout", collectors))
              .stderrPath(logTarget(dir, task, "stderr", collectors))
              .build();
      RestartRules rules =
          RestartRules.resolve(
              task.restartPolicy() != null ? task.restartPolicy() : group.restartPolicy(),
              jobType);
      TaskRunner runner =
          TaskRunner.builder()
              .driver(driver)
              .config(config)
              .restarts(new RestartTracker(rules, jobType, task.lifecycle(), clock, random))
              .killTimeout(task.killTimeout() == null ? Duration.ofSeconds(5) : task.killTimeout())
              .killSignal(task.killSignal())
              .clock(clock)
              .sleeper(sleeper)
              .handleSink(handles::save)
              .setup(() -> prepareFiles(job, group, task, taskDir, env))
              .build();
      List<LogCollector> taskCollectors = List.copyOf(collectors);
      collectors.clear();
      runner.addListener(r -> {
        if (r.state().dead()) {
          handles.delete(alloc.id(), task.name());
          closeCollectors(taskCollectors);
        }
      });
      Optional<TaskHandle> recovered = recover ? handles.load(config) : Optional.empty();
      specs.add(new AllocRunner.TaskSpec(runner, task.lifecycle(), task.leader(),
          recovered.orElse(null)));
    }
    Duration shutdownDelay = group.shutdownDelay() == null ? Duration.ZERO : group.shutdownDelay();
    return new AllocRunner(alloc.id(), specs, shutdownDelay, sleeper, listener);
  }

  /** Writes the dispatch payload, fetches artifacts, then renders templates (Nomad's order). */
  private void prepareFiles(
      Job job, TaskGroup group, Task task, AllocDir.TaskDir taskDir, TaskEnvironment env) {
    String where = "group \"" + group.name() + "\" > task \"" + task.name() + "\"";
    if (task.dispatchPayload() != null && job.payload() != null
        && task.dispatchPayload().file() != null && !task.dispatchPayload().file().isEmpty()) {
      Path target = TemplateRenderer.within(taskDir.localDir(), task.dispatchPayload().file(),
          where + " > dispatch_payload.file");
      try {
        java.nio.file.Files.createDirectories(target.getParent());
        java.nio.file.Files.write(target, job.payload().toByteArray());
      } catch (java.io.IOException e) {
        throw new TaskSetupException(where + " > dispatch_payload: cannot write " + target, e);
      }
    }
    if (task.artifacts() != null) {
      for (io.caravan.model.job.TaskArtifact a : task.artifacts()) {
        artifacts.fetch(a, taskDir.dir(), where);
      }
    }
    if (task.templates() != null) {
      TemplateRenderer renderer = new TemplateRenderer(env.variables());
      for (io.caravan.model.job.Template t : task.templates()) {
        renderer.renderTo(t, taskDir.dir(), where + " > template \"" + t.destPath() + "\"");
      }
    }
  }

  /**
   * Where the driver writes one output stream: a FIFO drained into rotating files {@code
   * <task>.<stream>.N} when log collection is on (the default), else the first log file directly.
   */
  private Path logTarget(AllocDir dir, Task task, String stream, List<LogCollector> collectors) {
    Path direct = dir.logsDir().resolve(task.name() + "." + stream + ".0");
    LogConfig logs = task.logConfig();
    boolean disabled = logs != null
        && (Boolean.TRUE.equals(logs.disabled()) || Boolean.FALSE.equals(logs.enabled()));
    if (!collectLogs || disabled) {
      return direct;
    }
    int maxFiles = logs == null || logs.maxFiles() == null ? 10 : logs.maxFiles();
    int maxSizeMb = logs == null || logs.maxFileSizeMB() == null ? 10 : logs.maxFileSizeMB();
    try {
      RotatingLogWriter writer = logBytesPerMb == 0
          ? RotatingLogWriter.fromLogConfig(dir.logsDir(), task.name(), stream, maxFiles, maxSizeMb)
          : new RotatingLogWriter(dir.logsDir(), task.name(), stream, maxFiles,
              (long) maxSizeMb * logBytesPerMb);
      LogCollector c;
      try {
        c = LogCollector.start(
            dir.logsDir().resolve("." + task.name() + "." + stream + ".fifo"), writer);
      } catch (java.io.UncheckedIOException noFifo) {
        // No named pipes here (e.g. no mkfifo): write the first log file directly, unrotated.
        writer.close();
        org.slf4j.LoggerFactory.getLogger(AllocRunnerFactory.class).warn(
            "task {}: log rotation disabled, {}", task.name(), noFifo.getMessage());
        return direct;
      }
      collectors.add(c);
      return c.fifo();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(
          "cannot set up log collection for task \"" + task.name() + "\"", e);
    }
  }

  private static void closeCollectors(List<LogCollector> collectors) {
    for (LogCollector c : collectors) {
      try {
        c.close();
      } catch (java.io.IOException e) {
        org.slf4j.LoggerFactory.getLogger(AllocRunnerFactory.class)
            .warn("closing log collection {} failed: {}", c.fifo(), e.getMessage());
      }
    }
  }

  /**
   * Returns a copy that writes task output straight to {@code <task>.<stream>.0} without
   * collection (no FIFOs, no rotation), e.g. on systems without {@code mkfifo}.
   */
  public AllocRunnerFactory withoutLogCollection() {
    AllocRunnerFactory f = new AllocRunnerFactory(
        allocRoot, node, drivers, handles, clock, random, sleeper);
    f.collectLogs = false;
    return f;
  }

  /**
   * Returns a copy that counts {@code max_file_size} in units of {@code bytes} instead of
   * megabytes, so tests can watch logs rotate with little output.
   */
  public AllocRunnerFactory withLogSizeUnit(int bytes) {
    AllocRunnerFactory f = new AllocRunnerFactory(
        allocRoot, node, drivers, handles, clock, random, sleeper);
    f.logBytesPerMb = bytes;
    return f;
  }

  private static TaskGroup findGroup(Job job, String name) {
    if (job.taskGroups() != null) {
      for (TaskGroup g : job.taskGroups()) {
        if (Objects.equals(g.name(), name)) {
          return g;
        }
      }
    }
    throw new IllegalArgumentException(
        "job \"" + job.id() + "\" has no task group \"" + name + "\"");
  }

  /** The index in an allocation name such as {@code web.app[3]}; 0 when absent. */
  static int allocIndex(String allocName) {
    if (allocName == null) {
      return 0;
    }
    int open = allocName.lastIndexOf('[');
    int close = allocName.lastIndexOf(']');
    if (open < 0 || close < open) {
      return 0;
    }
    try {
      return Integer.parseInt(allocName.substring(open + 1, close));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static List<PortMapping> ports(Allocation alloc) {
    List<PortMapping> out = new ArrayList<>();
    if (alloc.allocatedResources() != null
        && alloc.allocatedResources().shared() != null
        && alloc.allocatedResources().shared().ports() != null) {
      for (AllocatedPortMapping p : alloc.allocatedResources().shared().ports()) {
        out.add(new PortMapping(p.label(), p.value(), p.to(),
            p.hostIP() == null ? "" : p.hostIP()));
      }
    }
    return out;
  }

  /**
   * The limits a driver enforces for a task: its resources, and a hard CPU quota when its driver config
   * sets {@code cpu_hard_limit = true} (as Nomad's exec and docker drivers), sized against the node's total
   * compute ({@code cpu.totalcompute}).
   */
  static TaskResources resources(Resources r, Map<String, Object> driverConfig, NodeFacts node) {
    if (r == null) {
      return TaskResources.NONE;
    }
    return new TaskResources(
        r.cpu() == null ? 0 : r.cpu(),
        r.cores() == null ? 0 : r.cores(),
        r.memoryMB() == null ? 0 : r.memoryMB(),
        r.memoryMaxMB() == null ? 0 : r.memoryMaxMB(),
        Boolean.TRUE.equals(driverConfig.get("cpu_hard_limit")),
        totalCompute(node),
        0);
  }

  private static long totalCompute(NodeFacts node) {
    String total = node.attributes().get("cpu.totalcompute");
    if (total == null) {
      return 0L;
    }
    try {
      return Math.max(0L, Long.parseLong(total.trim()));
    } catch (NumberFormatException e) {
      return 0L;
    }
  }

}
