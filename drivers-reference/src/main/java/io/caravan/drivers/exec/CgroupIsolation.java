package io.caravan.drivers.exec;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.caravan.drivers.process.Isolation;
import io.caravan.drivers.process.ProcTree;
import io.caravan.runtime.driver.DriverException;
import io.caravan.runtime.driver.TaskConfig;
import io.caravan.runtime.driver.TaskResources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Confines a task with cgroups (memory, CPU, pids; v1 or v2 as detected), pid/mount/ipc/uts namespaces
 * ({@code unshare}), a {@linkplain TaskFilesystem task filesystem} entered with {@code chroot}, and an unprivileged
 * user: the task's {@code user}, or {@code nobody} when the task names none and the client runs as root (Nomad's
 * default for exec).
 *
 * <p>The task joins its cgroups in a tiny shell before exec-ing the real command, so nothing escapes during startup.
 * The driver state records the cgroup directories (keys {@code cg.<controller>}) so a recovered task can be measured,
 * killed and cleaned up.
 */
public final class CgroupIsolation implements Isolation {

  private static final long CFS_PERIOD_US = 100_000;
  private static final boolean RUNNING_AS_ROOT = ownerIsRoot();
  private static final String JOIN = "while [ \"$1\" != -- ]; do echo $$ > \"$1\" || exit 125; shift; done; shift;"
      + " exec \"$@\"";

  /** The user a task without one runs as when the client is root. */
  public static final String DEFAULT_USER = "nobody";

  private final CgroupLayout layout;
  private final boolean namespaces;
  private final TaskFilesystem filesystem;

  /**
   * An isolation over the given cgroup layout; {@code namespaces} enables pid/mount/ipc/uts namespaces, without a
   * task filesystem (the task sees the host's files).
   */
  public CgroupIsolation(CgroupLayout layout, boolean namespaces) {
    this(layout, namespaces, null);
  }

  /**
   * An isolation over the given cgroup layout with pid/mount/ipc/uts namespaces and the given task filesystem, built
   * inside the task's mount namespace; a null filesystem leaves the host's files visible.
   */
  public CgroupIsolation(CgroupLayout layout, TaskFilesystem filesystem) {
    this(layout, true, filesystem);
  }

  private CgroupIsolation(CgroupLayout layout, boolean namespaces, TaskFilesystem filesystem) {
    if (filesystem != null && !namespaces) {
      throw new IllegalArgumentException("a task filesystem is built inside the task's mount namespace");
    }
    this.layout = layout;
    this.namespaces = namespaces;
    this.filesystem = filesystem;
  }

  /** The task filesystem, when the task gets one. */
  public java.util.Optional<TaskFilesystem> filesystem() {
    return java.util.Optional.ofNullable(filesystem);
  }

  /** Why this isolation cannot confine tasks on this host, empty when it can. */
  public String problem() {
    if (!layout.usable()) {
      return layout.problem();
    }
    if (namespaces && TaskFilesystem.which("unshare").isEmpty()) {
      return "unshare(1) is not installed";
    }
    if (filesystem != null && !filesystem.usable()) {
      return filesystem.problem();
    }
    return "";
  }

  /** The detected cgroup layout. */
  public CgroupLayout layout() {
    return layout;
  }

  @Override
  public String describe() {
    if (!problem().isEmpty()) {
      return "unavailable: " + problem();
    }
    return "cgroup v" + layout.version() + (namespaces ? " + pid/mount/ipc/uts namespaces" : "")
        + (filesystem != null ? " + chroot of the task directory with read-only binds" : "");
  }

  @Override
  public Prepared prepare(TaskConfig config, List<String> command) {
    String problem = problem();
    if (!problem.isEmpty()) {
      throw new IsolationUnavailableException(config.id(), problem);
    }
    TaskFilesystem.UserIds user = userOf(config);
    String name = config.id().replaceAll("[^A-Za-z0-9._-]", "_");
    Map<String, String> state = new LinkedHashMap<>();
    List<String> procsFiles = new ArrayList<>();
    try {
      if (layout.version() == 1) {
        for (String c : CgroupLayout.v1Controllers()) {
          Path dir = layout.v1Dir(c, name).orElse(null);
          if (dir == null) {
            continue;
          }
          Files.createDirectories(dir);
          state.put("cg." + c, dir.toString());
          procsFiles.add(dir.resolve("cgroup.procs").toString());
        }
        applyV1Limits(state, config.resources());
        layout.unifiedDir(name).ifPresent(dir -> {
          try {
            Files.createDirectories(dir);
            state.put("cg.unified", dir.toString());
            procsFiles.add(dir.resolve("cgroup.procs").toString());
          } catch (IOException e) {
            // The unified hierarchy only helps killing; v1 cgroups still confine the task.
            state.remove("cg.unified");
          }
        });
      } else {
        Path dir = layout.unifiedDir(name).orElseThrow();
        enableV2Controllers(dir.getParent());
        Files.createDirectories(dir);
        state.put("cg.unified", dir.toString());
        procsFiles.add(dir.resolve("cgroup.procs").toString());
        applyV2Limits(dir, config.resources());
      }
    } catch (IOException | RuntimeException e) {
      cleanup(state);
      throw new DriverException("cannot set up cgroups for task " + config.id() + ": " + e.getMessage(), true, e);
    }
    if (user != null) {
      state.put("user.uid", String.valueOf(user.uid()));
      state.put("user.gid", String.valueOf(user.gid()));
    }
    ImmutableList.Builder<String> argv = ImmutableList.builder();
    argv.add("/bin/sh", "-c", JOIN, "caravan-cgroup-join").addAll(procsFiles).add("--");
    if (namespaces) {
      argv.add("unshare", "--pid", "--fork", "--mount-proc", "--mount", "--ipc", "--uts", "--");
    }
    try {
      if (filesystem != null) {
        argv.addAll(filesystem.wrap(config, user != null ? user : new TaskFilesystem.UserIds("root", 0, 0), command));
        return new Prepared(argv.build(), ImmutableMap.copyOf(state));
      }
    } catch (RuntimeException e) {
      cleanup(state);
      throw e;
    }
    if (user != null) {
      argv.add("setpriv", "--reuid=" + user.uid(), "--regid=" + user.gid(), "--clear-groups",
          "--no-new-privs", "--inh-caps=-all", "--");
    }
    argv.addAll(command);
    return new Prepared(argv.build(), ImmutableMap.copyOf(state));
  }

  /** The user the task runs as: its own, else {@code nobody} when the client is root; null to keep the client's. */
  private static TaskFilesystem.UserIds userOf(TaskConfig config) {
    String user = config.user();
    if (user.isEmpty()) {
      if (!RUNNING_AS_ROOT) {
        return null;
      }
      user = DEFAULT_USER;
    }
    return new TaskFilesystem.UserIds(user, Long.parseLong(id(user, "-u")), Long.parseLong(id(user, "-g")));
  }

  /** Whether the client's effective user is root (the owner of its {@code /proc/self}). */
  private static boolean ownerIsRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static String id(String user, String flag) {
    try {
      Process p = new ProcessBuilder("id", flag, user).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      if (p.waitFor() != 0) {
        throw new DriverException("unknown user \"" + user + "\": " + out, false, null);
      }
      return out;
    } catch (IOException e) {
      throw new DriverException("cannot look up user " + user + ": " + e.getMessage(), false, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DriverException("interrupted looking up user " + user, true, e);
    }
  }

  private static void applyV1Limits(Map<String, String> state, TaskResources r) throws IOException {
    long mem = r.memoryLimitBytes();
    Path memDir = Path.of(state.get("cg.memory"));
    if (mem > 0) {
      write(memDir.resolve("memory.limit_in_bytes"), mem);
      Path memsw = memDir.resolve("memory.memsw.limit_in_bytes");
      if (Files.exists(memsw)) {
        write(memsw, mem);
      }
    }
    String cpu = state.get("cg.cpu");
    if (cpu != null && r.cpuMHz() > 0) {
      Path cpuDir = Path.of(cpu);
      write(cpuDir.resolve("cpu.shares"), Math.max(2, r.cpuMHz()));
      long quota = quotaMicros(r);
      if (quota > 0) {
        write(cpuDir.resolve("cpu.cfs_period_us"), CFS_PERIOD_US);
        write(cpuDir.resolve("cpu.cfs_quota_us"), quota);
      }
    }
    String pids = state.get("cg.pids");
    if (pids != null && r.pidsLimit() > 0) {
      write(Path.of(pids).resolve("pids.max"), r.pidsLimit());
    }
  }

  private static void enableV2Controllers(Path caravanDir) throws IOException {
    Path root = caravanDir.getParent();
    Files.writeString(root.resolve("cgroup.subtree_control"), "+memory +cpu +pids");
    Files.createDirectories(caravanDir);
    Files.writeString(caravanDir.resolve("cgroup.subtree_control"), "+memory +cpu +pids");
  }

  private static void applyV2Limits(Path dir, TaskResources r) throws IOException {
    long mem = r.memoryLimitBytes();
    if (mem > 0) {
      write(dir.resolve("memory.max"), mem);
      if (Files.exists(dir.resolve("memory.swap.max"))) {
        write(dir.resolve("memory.swap.max"), 0);
      }
    }
    if (r.cpuMHz() > 0) {
      write(dir.resolve("cpu.weight"), cpuWeight(r.cpuMHz()));
      long quota = quotaMicros(r);
      if (quota > 0) {
        Files.writeString(dir.resolve("cpu.max"), quota + " " + CFS_PERIOD_US);
      }
    }
    if (r.pidsLimit() > 0) {
      write(dir.resolve("pids.max"), r.pidsLimit());
    }
  }

  /**
   * The v2 {@code cpu.weight} (1..10000) for the v1 {@code cpu.shares} Nomad would write (the task's MHz, 2..262144),
   * with the linear conversion runc and systemd use.
   */
  static long cpuWeight(long shares) {
    long s = Math.max(2, Math.min(262_144, shares));
    return 1 + (s - 2) * 9999 / 262_142;
  }

  /** The CFS quota for a hard CPU limit: the task's share of the node's compute times the CPUs, per period. */
  static long quotaMicros(TaskResources r) {
    if (!r.cpuHardLimit() || r.totalCpuMHz() <= 0 || r.cpuMHz() <= 0) {
      return 0;
    }
    int cpus = Runtime.getRuntime().availableProcessors();
    return Math.max(1000, r.cpuMHz() * CFS_PERIOD_US * cpus / r.totalCpuMHz());
  }

  private static void write(Path file, long value) throws IOException {
    Files.writeString(file, Long.toString(value));
  }

  private static String readOr(Path file, String fallback) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return fallback;
    }
  }

  private static long keyed(Path file, String key) {
    for (String line : readOr(file, "").split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 2 && f[0].equals(key)) {
        return Long.parseLong(f[1]);
      }
    }
    return 0;
  }

  private static OptionalLong single(Map<String, String> state, String key, String file) {
    String dir = state.get(key);
    if (dir == null) {
      return OptionalLong.empty();
    }
    String v = readOr(Path.of(dir, file), "").trim();
    return v.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(v));
  }

  private boolean v2(Map<String, String> state) {
    return !state.containsKey("cg.memory") && state.containsKey("cg.unified");
  }

  @Override
  public boolean oomKilled(Map<String, String> state) {
    if (v2(state)) {
      return keyed(Path.of(state.get("cg.unified"), "memory.events"), "oom_kill") > 0;
    }
    String mem = state.get("cg.memory");
    return mem != null && keyed(Path.of(mem, "memory.oom_control"), "oom_kill") > 0;
  }

  @Override
  public List<Long> pids(Map<String, String> state) {
    String dir = state.containsKey("cg.memory") ? state.get("cg.memory") : state.get("cg.unified");
    if (dir == null) {
      return List.of();
    }
    List<Long> out = new ArrayList<>();
    for (String line : readOr(Path.of(dir, "cgroup.procs"), "").split("\n")) {
      if (!line.isBlank()) {
        out.add(Long.parseLong(line.trim()));
      }
    }
    return out;
  }

  @Override
  public boolean killAll(Map<String, String> state) {
    String unified = state.get("cg.unified");
    if (unified != null && Files.exists(Path.of(unified, "cgroup.kill"))) {
      try {
        Files.writeString(Path.of(unified, "cgroup.kill"), "1");
      } catch (IOException e) {
        // Fall through to killing pid by pid.
        killEach(state);
      }
    } else {
      killEach(state);
    }
    for (int i = 0; i < 100 && !pids(state).isEmpty(); i++) {
      sleep(10);
    }
    return true;
  }

  private void killEach(Map<String, String> state) {
    for (int round = 0; round < 5; round++) {
      List<Long> pids = pids(state);
      if (pids.isEmpty()) {
        return;
      }
      for (long p : pids) {
        ProcTree.signalPid(p, 9);
      }
    }
  }

  @Override
  public OptionalLong memoryUsage(Map<String, String> state) {
    return v2(state) ? single(state, "cg.unified", "memory.current") : single(state, "cg.memory",
        "memory.usage_in_bytes");
  }

  @Override
  public OptionalLong memoryMaxUsage(Map<String, String> state) {
    return v2(state) ? single(state, "cg.unified", "memory.peak") : single(state, "cg.memory",
        "memory.max_usage_in_bytes");
  }

  @Override
  public OptionalLong cpuNanos(Map<String, String> state) {
    if (v2(state)) {
      String dir = state.get("cg.unified");
      return OptionalLong.of(keyed(Path.of(dir, "cpu.stat"), "usage_usec") * 1000);
    }
    return single(state, "cg.cpuacct", "cpuacct.usage");
  }

  @Override
  public long throttledPeriods(Map<String, String> state) {
    String dir = v2(state) ? state.get("cg.unified") : state.get("cg.cpu");
    return dir == null ? 0 : keyed(Path.of(dir, "cpu.stat"), "nr_throttled");
  }

  @Override
  public List<String> wrapExec(Map<String, String> state, long taskPid, List<String> command) {
    List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", JOIN, "caravan-cgroup-join"));
    for (Map.Entry<String, String> e : state.entrySet()) {
      if (e.getKey().startsWith("cg.")) {
        argv.add(Path.of(e.getValue(), "cgroup.procs").toString());
      }
    }
    argv.add("--");
    if (namespaces) {
      // The task's pid is unshare(1); its first child is pid 1 of the task's namespaces.
      long nsInit = ProcessHandle.of(taskPid).flatMap(h -> h.children().findFirst()).map(ProcessHandle::pid)
          .orElse(taskPid);
      argv.addAll(List.of("nsenter", "-t", String.valueOf(nsInit), "-p", "-m", "-i", "-u"));
      if (filesystem != null) {
        // Into the task's chroot and working directory.
        argv.addAll(List.of("--root", "--wd"));
      }
      if (state.containsKey("user.uid")) {
        argv.addAll(List.of("--setgid", state.get("user.gid"), "--setuid", state.get("user.uid")));
      }
      argv.add("--");
    }
    argv.addAll(command);
    return argv;
  }

  @Override
  public void cleanup(Map<String, String> state) {
    killAll(state);
    for (Map.Entry<String, String> e : state.entrySet()) {
      if (e.getKey().startsWith("cg.")) {
        Path dir = Path.of(e.getValue());
        for (int i = 0; i < 50 && Files.exists(dir); i++) {
          try {
            Files.deleteIfExists(dir);
          } catch (IOException ex) {
            sleep(10);
          }
        }
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
