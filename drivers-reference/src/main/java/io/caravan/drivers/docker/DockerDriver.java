package io.caravan.drivers.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.api.model.WaitResponse;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import io.caravan.runtime.driver.ConfigField;
import io.caravan.runtime.driver.ConfigSchema;
import io.caravan.runtime.driver.DriverCapabilities;
import io.caravan.runtime.driver.DriverConfigException;
import io.caravan.runtime.driver.DriverContext;
import io.caravan.runtime.driver.DriverException;
import io.caravan.runtime.driver.DriverFingerprint;
import io.caravan.runtime.driver.ExecResult;
import io.caravan.runtime.driver.ExitResult;
import io.caravan.runtime.driver.Signals;
import io.caravan.runtime.driver.TaskConfig;
import io.caravan.runtime.driver.TaskDriver;
import io.caravan.runtime.driver.TaskHandle;
import io.caravan.runtime.driver.TaskNotFoundException;
import io.caravan.runtime.driver.TaskResourceUsage;
import io.caravan.runtime.driver.TaskStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Nomad's {@code docker} driver over a Docker Engine API (dockerd or podman's compatible service) found through
 * {@code DOCKER_HOST}.
 *
 * <p>Config: {@code image} (required), {@code command}, {@code args}, {@code entrypoint}, {@code labels},
 * {@code ports} ({@code "hostPort:containerPort"}), {@code volumes} ({@code "host:container[:ro]"}),
 * {@code network_mode}, {@code work_dir}, {@code load} (a docker-archive tar to load when the image is missing),
 * {@code force_pull}. Containers are labelled {@code caravan.task_id}, {@code caravan.alloc_id} and
 * {@code caravan.task_name}, so a restarted client finds them again.
 */
public final class DockerDriver implements TaskDriver {

  /** The driver name. */
  public static final String NAME = "docker";
  /** Label carrying the task id on every container the driver creates. */
  public static final String LABEL_TASK_ID = "caravan.task_id";

  private static final ConfigSchema SCHEMA = ConfigSchema.builder()
      .required("image", ConfigField.Type.STRING, "the image to run, e.g. localhost/busybox:test")
      .optional("command", ConfigField.Type.STRING, "the command, replacing the image's CMD")
      .optional("args", ConfigField.Type.STRING_LIST, "arguments of the command")
      .optional("entrypoint", ConfigField.Type.STRING_LIST, "replaces the image's ENTRYPOINT")
      .optional("labels", ConfigField.Type.STRING_MAP, "extra container labels")
      .optional("ports", ConfigField.Type.STRING_LIST, "port bindings \"hostPort:containerPort\"")
      .optional("volumes", ConfigField.Type.STRING_LIST, "bind mounts \"hostPath:containerPath[:ro]\"")
      .optional("network_mode", ConfigField.Type.STRING, "bridge, host, none or a network name")
      .optional("work_dir", ConfigField.Type.STRING, "the working directory inside the container")
      .optional("load", ConfigField.Type.STRING, "a docker-archive tar loaded when the image is missing")
      .optional("force_pull", ConfigField.Type.BOOL, "pull the image even when present")
      .optional("cpu_hard_limit", ConfigField.Type.BOOL, "enforce the task's cpu as a hard quota, not only a relative weight")
      .build();

  private final Map<String, DockerTask> tasks = new ConcurrentHashMap<>();
  private volatile Clock clock = Clock.systemUTC();
  private volatile String host = DockerClients.DEFAULT_HOST;
  private volatile DockerClient client;
  private volatile io.caravan.drivers.internal.FingerprintBroadcaster broadcaster;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void init(DriverContext context) {
    this.clock = context.clock();
    this.host = DockerClients.host(context.pluginConfig(), System.getenv());
    Object period = context.pluginConfig().get("fingerprint_period");
    this.broadcaster = new io.caravan.drivers.internal.FingerprintBroadcaster(this::fingerprint,
        period == null ? Duration.ofSeconds(30) : io.caravan.runtime.driver.Durations.of(period),
        "docker-driver-fingerprint");
  }

  /** The engine address in use. */
  public String host() {
    return host;
  }

  private DockerClient client() {
    DockerClient c = client;
    if (c == null) {
      synchronized (this) {
        if (client == null) {
          client = DockerClients.connect(host);
        }
        c = client;
      }
    }
    return c;
  }

  @Override
  public ConfigSchema configSchema() {
    return SCHEMA;
  }

  @Override
  public void validateConfig(Map<String, Object> config) {
    SCHEMA.validate(config);
    for (String p : stringList(config.get("ports"))) {
      if (!p.matches("\\d+:\\d+(/(tcp|udp))?")) {
        throw new DriverConfigException("ports", "entry \"" + p + "\" must be \"hostPort:containerPort\"");
      }
    }
    for (String v : stringList(config.get("volumes"))) {
      String[] f = v.split(":");
      if (f.length < 2 || f.length > 3 || (f.length == 3 && !f[2].equals("ro") && !f[2].equals("rw"))) {
        throw new DriverConfigException("volumes", "entry \"" + v + "\" must be \"hostPath:containerPath[:ro]\"");
      }
    }
  }

  private static List<String> stringList(Object v) {
    List<String> out = new ArrayList<>();
    if (v instanceof List<?> l) {
      l.forEach(o -> out.add(String.valueOf(o)));
    }
    return out;
  }

  @Override
  public DriverCapabilities capabilities() {
    return new DriverCapabilities(true, true, DriverCapabilities.FsIsolation.IMAGE,
        ImmutableSet.of(DriverCapabilities.NetworkIsolationMode.HOST, DriverCapabilities.NetworkIsolationMode.TASK,
            DriverCapabilities.NetworkIsolationMode.NONE));
  }

  @Override
  public DriverFingerprint fingerprint() {
    try {
      client().pingCmd().exec();
      Version v = client().versionCmd().exec();
      return DriverFingerprint.healthy(ImmutableMap.of("driver.docker", "1",
          "driver.docker.version", String.valueOf(v.getVersion()),
          "driver.docker.api_version", String.valueOf(v.getApiVersion())), "engine at " + host);
    } catch (RuntimeException e) {
      return DriverFingerprint.undetected("no Docker engine reachable at " + host + ": " + e.getMessage());
    }
  }

  /** Streams fingerprint changes, re-probing the engine every {@code fingerprint_period} (default 30s). */
  @Override
  public AutoCloseable watchFingerprint(Consumer<DriverFingerprint> listener) {
    if (broadcaster == null) {
      init(DriverContext.of(clock));
    }
    return broadcaster.subscribe(listener);
  }

  @Override
  public TaskHandle start(TaskConfig config) {
    validateConfig(config.driverConfig());
    String image = config.configString("image", "");
    ensureImage(image, config);
    Map<String, String> labels = new LinkedHashMap<>();
    Object extra = config.driverConfig().get("labels");
    if (extra instanceof Map<?, ?> m) {
      m.forEach((k, v) -> labels.put(k.toString(), v.toString()));
    }
    labels.put(LABEL_TASK_ID, config.id());
    labels.put("caravan.alloc_id", config.allocId());
    labels.put("caravan.task_name", config.taskName());
    HostConfig hc = HostConfig.newHostConfig();
    long mem = config.resources().memoryLimitBytes();
    if (mem > 0) {
      hc.withMemory(mem).withMemorySwap(mem);
    }
    if (config.resources().cpuMHz() > 0) {
      hc.withCpuShares(Math.max(2, config.resources().cpuMHz()));
      if (config.resources().cpuHardLimit() && config.resources().totalCpuMHz() > 0) {
        long nano = config.resources().cpuMHz() * 1_000_000_000L * Runtime.getRuntime().availableProcessors()
            / config.resources().totalCpuMHz();
        hc.withNanoCPUs(nano);
      }
    }
    List<Bind> binds = new ArrayList<>();
    for (String v : config.configStrings("volumes")) {
      binds.add(Bind.parse(v));
    }
    // Nomad's layout inside the container: the shared alloc dir at /alloc, the task's local/ and secrets/ at /local
    // and /secrets (the client points NOMAD_ALLOC_DIR, NOMAD_TASK_DIR and NOMAD_SECRETS_DIR there).
    if (config.allocDir() != null) {
      binds.add(Bind.parse(existingDir(config.allocDir()) + ":/alloc"));
    }
    if (config.taskDir() != null) {
      binds.add(Bind.parse(existingDir(config.taskDir().resolve("local")) + ":/local"));
      binds.add(Bind.parse(existingDir(config.taskDir().resolve("secrets")) + ":/secrets"));
    }
    if (!binds.isEmpty()) {
      hc.withBinds(binds);
    }
    List<ExposedPort> exposed = new ArrayList<>();
    Ports ports = new Ports();
    for (String p : config.configStrings("ports")) {
      String[] f = p.split(":");
      ExposedPort ep = ExposedPort.parse(f[1]);
      exposed.add(ep);
      ports.bind(ep, Ports.Binding.bindPort(Integer.parseInt(f[0])));
    }
    if (!exposed.isEmpty()) {
      hc.withPortBindings(ports);
    }
    String networkMode = config.configString("network_mode", "");
    if (!networkMode.isEmpty()) {
      hc.withNetworkMode(networkMode);
    }
    List<String> env = new ArrayList<>();
    config.env().forEach((k, v) -> env.add(k + "=" + v));
    CreateContainerCmd create = client().createContainerCmd(image)
        .withName(containerName(config))
        .withLabels(labels)
        .withEnv(env)
        .withHostConfig(hc);
    if (!exposed.isEmpty()) {
      create.withExposedPorts(exposed);
    }
    List<String> cmd = new ArrayList<>();
    if (config.driverConfig().containsKey("command")) {
      cmd.add(config.configString("command", ""));
    }
    cmd.addAll(config.configStrings("args"));
    if (!cmd.isEmpty()) {
      create.withCmd(cmd);
    }
    if (config.driverConfig().containsKey("entrypoint")) {
      create.withEntrypoint(config.configStrings("entrypoint"));
    }
    String workDir = config.configString("work_dir", "");
    if (!workDir.isEmpty()) {
      create.withWorkingDir(workDir);
    }
    if (!config.user().isEmpty()) {
      create.withUser(config.user());
    }
    String id;
    try {
      id = create.exec().getId();
    } catch (RuntimeException e) {
      throw new DriverException("cannot create container for task " + config.id() + ": " + e.getMessage(), true, e);
    }
    try {
      client().startContainerCmd(id).exec();
    } catch (RuntimeException e) {
      removeQuietly(id);
      throw new DriverException("cannot start container " + id + " of task " + config.id() + ": " + e.getMessage(),
          true, e);
    }
    Instant startedAt = clock.instant();
    DockerTask task = new DockerTask(config, id, startedAt);
    tasks.put(config.id(), task);
    attach(task, 0);
    return new TaskHandle(NAME, 1, config, startedAt, ImmutableMap.of("containerId", id, "image", image));
  }

  private static String containerName(TaskConfig config) {
    return ("caravan-" + config.taskName() + "-" + config.allocId()).replaceAll("[^a-zA-Z0-9_.-]", "_");
  }

  private void ensureImage(String image, TaskConfig config) {
    boolean present;
    try {
      client().inspectImageCmd(image).exec();
      present = true;
    } catch (NotFoundException e) {
      present = false;
    }
    if (present && !config.configBool("force_pull", false)) {
      return;
    }
    String load = config.configString("load", "");
    if (!load.isEmpty()) {
      Path tar = config.taskDir() != null ? config.taskDir().resolve(load) : Path.of(load);
      try (InputStream in = Files.newInputStream(tar)) {
        client().loadImageCmd(in).exec();
        return;
      } catch (IOException e) {
        throw new DriverException("cannot load image archive " + tar + ": " + e.getMessage(), false, e);
      }
    }
    PullCallback cb = new PullCallback();
    try {
      client().pullImageCmd(image).exec(cb).awaitCompletion(5, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DriverException("interrupted pulling " + image, true, e);
    } catch (RuntimeException e) {
      throw new DriverException("cannot pull image " + image + ": " + e.getMessage(), false, e);
    }
    if (cb.error != null) {
      throw new DriverException("cannot pull image " + image + ": " + cb.error, false, null);
    }
  }

  /** Pull progress that surfaces errors podman reports inside a 200 response (see drivers-notes). */
  private static final class PullCallback extends ResultCallback.Adapter<PullResponseItem> {
    volatile String error;

    @Override
    public void onNext(PullResponseItem item) {
      if (item.isErrorIndicated()) {
        error = item.getErrorDetail() != null ? item.getErrorDetail().getMessage() : item.getError();
      }
    }
  }

  /** Streams logs into the task's files and completes the task when its container exits. */
  private void attach(DockerTask task, int sinceEpochSeconds) {
    TaskConfig cfg = task.config;
    if (cfg.stdoutPath() != null || cfg.stderrPath() != null) {
      LogSink sink = new LogSink(cfg.stdoutPath(), cfg.stderrPath());
      var logs = client().logContainerCmd(task.containerId).withStdOut(true).withStdErr(true).withFollowStream(true);
      if (sinceEpochSeconds > 0) {
        logs.withSince(sinceEpochSeconds);
      }
      task.logs = logs.exec(sink);
    }
    client().waitContainerCmd(task.containerId).exec(new ResultCallback.Adapter<WaitResponse>() {
      @Override
      public void onComplete() {
        task.finish(exitOf(task));
      }

      @Override
      public void onError(Throwable t) {
        task.finish(exitOf(task));
      }
    });
  }

  private ExitResult exitOf(DockerTask task) {
    try {
      InspectContainerResponse.ContainerState s = client().inspectContainerCmd(task.containerId).exec().getState();
      if (Boolean.TRUE.equals(s.getRunning())) {
        return ExitResult.error("lost track of running container " + task.containerId);
      }
      int code = s.getExitCodeLong() == null ? -1 : s.getExitCodeLong().intValue();
      boolean oom = Boolean.TRUE.equals(s.getOOMKilled());
      int signal = code > 128 && code <= 128 + 64 ? code - 128 : 0;
      return new ExitResult(code, signal, oom, s.getError() == null ? "" : s.getError());
    } catch (RuntimeException e) {
      return ExitResult.error("cannot inspect container " + task.containerId + ": " + e.getMessage());
    }
  }

  @Override
  public void recover(TaskHandle handle) {
    if (tasks.containsKey(handle.taskId())) {
      return;
    }
    String id = handle.driverState().get("containerId");
    if (id == null) {
      List<Container> found = client().listContainersCmd().withShowAll(true)
          .withLabelFilter(Map.of(LABEL_TASK_ID, handle.taskId())).exec();
      if (found.isEmpty()) {
        throw new DriverException("cannot recover task " + handle.taskId() + ": no container labelled "
            + LABEL_TASK_ID + "=" + handle.taskId(), true, null);
      }
      id = found.get(0).getId();
    }
    try {
      client().inspectContainerCmd(id).exec();
    } catch (NotFoundException e) {
      throw new DriverException("cannot recover task " + handle.taskId() + ": container " + id + " is gone", true, e);
    }
    DockerTask task = new DockerTask(handle.config(), id, handle.startedAt());
    tasks.put(handle.taskId(), task);
    attach(task, (int) clock.instant().getEpochSecond());
  }

  /** Finds the task ids of every container this driver created on the engine (for client recovery). */
  public List<String> labelledTaskIds() {
    List<String> ids = new ArrayList<>();
    for (Container c : client().listContainersCmd().withShowAll(true).withLabelFilter(List.of(LABEL_TASK_ID))
        .exec()) {
      ids.add(c.getLabels().get(LABEL_TASK_ID));
    }
    return ids;
  }

  @Override
  public CompletableFuture<ExitResult> waitTask(String taskId) {
    return task(taskId).exit.copy();
  }

  @Override
  public void stop(String taskId, Duration timeout, String signal) {
    DockerTask task = task(taskId);
    if (task.exit.isDone()) {
      return;
    }
    String sig = Signals.name(Signals.number(Signals.orDefault(signal, Signals.SIGTERM)));
    try {
      client().killContainerCmd(task.containerId).withSignal(sig).exec();
    } catch (RuntimeException e) {
      if (task.exit.isDone()) {
        return;
      }
    }
    try {
      task.exit.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
      return;
    } catch (java.util.concurrent.TimeoutException e) {
      // Escalate below.
    } catch (java.util.concurrent.ExecutionException e) {
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    try {
      client().killContainerCmd(task.containerId).withSignal("SIGKILL").exec();
    } catch (RuntimeException e) {
      // The container may have exited after the timeout while the engine's wait has not answered yet (podman
      // polls): the engine then refuses the kill ("can only kill running containers"), and the wait below ends.
      if (!task.exit.isDone() && !exitedPerEngine(task.containerId)) {
        throw new DriverException("cannot kill container " + task.containerId + ": " + e.getMessage(), true, e);
      }
    }
    try {
      task.exit.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new DriverException("container " + task.containerId + " did not exit after SIGKILL", true, e);
    }
  }

  @Override
  public void destroy(String taskId, boolean force) {
    DockerTask task = tasks.get(taskId);
    if (task == null) {
      return;
    }
    if (!task.exit.isDone() && !force) {
      throw new DriverException("task " + taskId + " is still running; stop it or destroy with force", false, null);
    }
    task.closeLogs();
    try {
      client().removeContainerCmd(task.containerId).withForce(true).exec();
    } catch (NotFoundException e) {
      // Already removed.
    }
    tasks.remove(taskId);
  }

  private void removeQuietly(String id) {
    try {
      client().removeContainerCmd(id).withForce(true).exec();
    } catch (RuntimeException e) {
      // Best effort after a failed start; the start error is what the caller sees.
    }
  }

  @Override
  public TaskStatus inspect(String taskId) {
    DockerTask task = task(taskId);
    ExitResult exit = task.exit.getNow(null);
    return new TaskStatus(taskId, exit == null ? TaskStatus.State.RUNNING : TaskStatus.State.EXITED, task.startedAt,
        task.completedAt, exit, ImmutableMap.of("containerId", task.containerId));
  }

  @Override
  public void signal(String taskId, String signal) {
    DockerTask task = task(taskId);
    client().killContainerCmd(task.containerId).withSignal(Signals.name(Signals.number(signal))).exec();
  }

  @Override
  public ExecResult exec(String taskId, List<String> command, Duration timeout) {
    DockerTask task = task(taskId);
    ExecCreateCmdResponse created = client().execCreateCmd(task.containerId).withAttachStdout(true)
        .withAttachStderr(true).withCmd(command.toArray(String[]::new)).exec();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      boolean done = client().execStartCmd(created.getId()).exec(new ResultCallback.Adapter<Frame>() {
        @Override
        public void onNext(Frame f) {
          (f.getStreamType() == StreamType.STDERR ? err : out).writeBytes(f.getPayload());
        }
      }).awaitCompletion(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
      if (!done) {
        throw new DriverException("exec in task " + taskId + " timed out after " + timeout, true, null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DriverException("interrupted during exec in task " + taskId, true, e);
    }
    Long code = client().inspectExecCmd(created.getId()).exec().getExitCodeLong();
    return new ExecResult(code == null ? -1 : code.intValue(), out.toByteArray(), err.toByteArray());
  }

  @Override
  public TaskResourceUsage stats(String taskId) {
    DockerTask task = task(taskId);
    StatsCallback cb = new StatsCallback();
    try {
      client().statsCmd(task.containerId).withNoStream(true).exec(cb).awaitCompletion(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Statistics s = cb.stats;
    if (s == null) {
      throw new DriverException("no stats for container " + task.containerId, true, null);
    }
    long usage = s.getMemoryStats() != null && s.getMemoryStats().getUsage() != null
        ? s.getMemoryStats().getUsage() : 0;
    long max = s.getMemoryStats() != null && s.getMemoryStats().getMaxUsage() != null
        ? s.getMemoryStats().getMaxUsage() : 0;
    long cpu = s.getCpuStats() != null && s.getCpuStats().getCpuUsage() != null
        && s.getCpuStats().getCpuUsage().getTotalUsage() != null ? s.getCpuStats().getCpuUsage().getTotalUsage() : 0;
    long throttled = s.getCpuStats() != null && s.getCpuStats().getThrottlingData() != null
        && s.getCpuStats().getThrottlingData().getThrottledPeriods() != null
        ? s.getCpuStats().getThrottlingData().getThrottledPeriods() : 0;
    int procs = s.getPidsStats() != null && s.getPidsStats().getCurrent() != null
        ? s.getPidsStats().getCurrent().intValue() : 0;
    return new TaskResourceUsage(clock.instant(), usage, usage, max, cpu, throttled, procs);
  }

  /** Collects one stats sample. */
  private static final class StatsCallback extends ResultCallback.Adapter<Statistics> {
    volatile Statistics stats;

    @Override
    public void onNext(Statistics s) {
      stats = s;
    }
  }

  @Override
  public void close() {
    if (broadcaster != null) {
      broadcaster.close();
    }
    for (DockerTask t : tasks.values()) {
      t.closeLogs();
    }
    DockerClient c = client;
    if (c != null) {
      try {
        c.close();
      } catch (IOException e) {
        throw new DriverException("cannot close Docker client: " + e.getMessage(), true, e);
      }
    }
  }

  private DockerTask task(String taskId) {
    DockerTask t = tasks.get(taskId);
    if (t == null) {
      throw new TaskNotFoundException(taskId);
    }
    return t;
  }

  /** Appends container log frames to the task's stdout and stderr files. */
  private static final class LogSink extends ResultCallback.Adapter<Frame> {
    private final OutputStream out;
    private final OutputStream err;

    LogSink(Path stdout, Path stderr) {
      this.out = open(stdout);
      this.err = open(stderr);
    }

    private static OutputStream open(Path p) {
      if (p == null) {
        return OutputStream.nullOutputStream();
      }
      try {
        if (p.getParent() != null) {
          Files.createDirectories(p.getParent());
        }
        return Files.newOutputStream(p, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new DriverException("cannot open log file " + p + ": " + e.getMessage(), true, e);
      }
    }

    @Override
    public void onNext(Frame f) {
      try {
        OutputStream o = f.getStreamType() == StreamType.STDERR ? err : out;
        o.write(f.getPayload());
        o.flush();
      } catch (IOException e) {
        throw new DriverException("cannot write container log: " + e.getMessage(), true, e);
      }
    }

    @Override
    public void close() throws IOException {
      try {
        super.close();
      } finally {
        out.close();
        err.close();
      }
    }
  }

  /** A container the driver runs. */
  private final class DockerTask {
    final TaskConfig config;
    final String containerId;
    final Instant startedAt;
    final CompletableFuture<ExitResult> exit = new CompletableFuture<>();
    volatile Instant completedAt;
    volatile java.io.Closeable logs;

    DockerTask(TaskConfig config, String containerId, Instant startedAt) {
      this.config = config;
      this.containerId = containerId;
      this.startedAt = startedAt;
    }

    void finish(ExitResult r) {
      if (exit.isDone()) {
        return;
      }
      // Give the log stream a moment to deliver the last frames before anyone reads the files.
      if (logs instanceof LogSink sink) {
        try {
          sink.awaitCompletion(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      completedAt = clock.instant();
      exit.complete(r);
    }

    void closeLogs() {
      java.io.Closeable l = logs;
      if (l != null) {
        try {
          l.close();
        } catch (IOException e) {
          throw new DriverException("cannot close log stream: " + e.getMessage(), true, e);
        }
      }
    }
  }

  /** The absolute path of a directory to bind, created when missing (podman refuses missing bind sources). */
  private static String existingDir(java.nio.file.Path dir) {
    try {
      return java.nio.file.Files.createDirectories(dir).toAbsolutePath().toString();
    } catch (java.io.IOException e) {
      throw new DriverException("cannot create " + dir + " to mount into the container: " + e.getMessage(), true, e);
    }
  }

  /** Whether the engine reports the container as no longer running. */
  private boolean exitedPerEngine(String containerId) {
    try {
      return !Boolean.TRUE.equals(client().inspectContainerCmd(containerId).exec().getState().getRunning());
    } catch (RuntimeException e) {
      return false;
    }
  }
}
