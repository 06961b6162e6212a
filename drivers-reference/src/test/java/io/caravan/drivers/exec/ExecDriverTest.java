package io.caravan.drivers.exec;

import static io.caravan.drivers.testing.TaskFixtures.eventually;
import static io.caravan.drivers.testing.TaskFixtures.read;
import static io.caravan.drivers.testing.TaskFixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.runtime.driver.DriverContext;
import io.caravan.runtime.driver.DriverException;
import io.caravan.runtime.driver.DriverFingerprint;
import io.caravan.runtime.driver.ExecResult;
import io.caravan.runtime.driver.ExitResult;
import io.caravan.runtime.driver.TaskHandle;
import io.caravan.runtime.driver.TaskResourceUsage;
import io.caravan.runtime.driver.TaskResources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecDriverTest {

  @TempDir Path root;
  private ExecDriver driver;
  private final List<TaskHandle> started = new ArrayList<>();

  @BeforeEach
  void setUp() {
    driver = new ExecDriver();
    driver.init(DriverContext.of(Clock.systemUTC(), Map.of("state_dir", root.resolve("state").toString())));
    DriverFingerprint fp = driver.fingerprint();
    if (TaskFilesystem.hostProblem().isEmpty()) {
      // Root with the needed capabilities (as in CI): isolation must work, so these tests may not skip.
      assertThat(fp.health()).as(fp.healthDescription()).isEqualTo(DriverFingerprint.Health.HEALTHY);
    }
    Assumptions.assumeTrue(fp.health() == DriverFingerprint.Health.HEALTHY,
        "exec driver cannot isolate on this host, skipping: " + fp.healthDescription());
  }

  @AfterEach
  void cleanUp() {
    for (TaskHandle h : started) {
      driver.destroy(h.taskId(), true);
      for (Map.Entry<String, String> e : h.driverState().entrySet()) {
        if (e.getKey().startsWith("cg.")) {
          assertThat(Path.of(e.getValue())).as("cgroup removed").doesNotExist();
        }
      }
    }
  }

  private TaskHandle start(io.caravan.runtime.driver.TaskConfig cfg) {
    TaskHandle h = driver.start(cfg);
    started.add(h);
    return h;
  }

  private ExitResult await(String id) throws Exception {
    return driver.waitTask(id).get(20, TimeUnit.SECONDS);
  }

  @Test
  void taskAllocatingPastItsMemoryLimitIsOomKilledAndReported() throws Exception {
    // tail buffers a newline-free 200 MB stream in memory: far past the 32 MB limit.
    TaskHandle h = start(task(root, "hog", "sh", "-c", "head -c 200000000 /dev/zero | tail -n 1 >/dev/null")
        .resources(TaskResources.memory(32)).build());

    ExitResult exit = await(h.taskId());

    assertThat(exit.oomKilled()).isTrue();
    assertThat(exit.successful()).isFalse();
    assertThat(Files.readString(Path.of(h.state("cg.memory"), "memory.limit_in_bytes")).trim())
        .isEqualTo(String.valueOf(32L * 1024 * 1024));
  }

  @Test
  void taskWithinItsMemoryLimitIsNotReportedAsOom() throws Exception {
    TaskHandle h = start(task(root, "small", "sh", "-c", "head -c 1000000 /dev/zero | tail -n 1 >/dev/null")
        .resources(TaskResources.memory(64)).build());

    ExitResult exit = await(h.taskId());

    assertThat(exit.oomKilled()).isFalse();
    assertThat(exit.exitCode()).isZero();
  }

  @Test
  void hardCpuLimitThrottlesABusyTask() throws Exception {
    int cpus = Runtime.getRuntime().availableProcessors();
    // A quarter of one CPU: 250 MHz of a node with 1000 MHz per core.
    TaskResources r = TaskResources.memory(64).withCpuHardLimit(250, 1000L * cpus);
    TaskHandle h = start(task(root, "busy", "sh", "-c", "while :; do :; done").resources(r).build());

    Path cpuDir = Path.of(h.state("cg.cpu"));
    assertThat(Files.readString(cpuDir.resolve("cpu.cfs_quota_us")).trim()).isEqualTo("25000");
    // The busy loop may use at most a quarter of a CPU. (Counting throttled periods instead fails on a
    // loaded machine, where the task gets less than its quota anyway.)
    assertThat(eventually(Duration.ofSeconds(10), () -> driver.stats(h.taskId()).cpuTotalNanos() > 0)).isTrue();
    long cpuBefore = driver.stats(h.taskId()).cpuTotalNanos();
    long wallBefore = System.nanoTime();
    Thread.sleep(3000);
    long cpuUsed = driver.stats(h.taskId()).cpuTotalNanos() - cpuBefore;
    long wall = System.nanoTime() - wallBefore;
    assertThat((double) cpuUsed / wall).as("share of one CPU used by a task limited to 25%%").isLessThan(0.35);
    TaskResourceUsage usage = driver.stats(h.taskId());
    assertThat(usage.cpuTotalNanos()).isPositive();

    driver.stop(h.taskId(), Duration.ofSeconds(2), "SIGTERM");
    assertThat(await(h.taskId()).signal()).isIn(9, 15);
  }

  @Test
  void taskRunsInItsOwnPidNamespaceAsTheConfiguredUser() throws Exception {
    TaskHandle h = start(task(root, "ns", "sh", "-c", "echo pid=$$ uid=$(id -u)").user("nobody")
        .stdoutPath(root.resolve("ns.out")).build());
    Files.setPosixFilePermissions(root, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));

    assertThat(await(h.taskId()).exitCode()).isZero();

    assertThat(read(root.resolve("ns.out"))).isEqualTo("pid=1 uid=65534\n");
  }

  @Test
  void stopKillsEveryProcessOfTheCgroup() throws Exception {
    TaskHandle h = start(task(root, "tree", "sh", "-c", "(setsid sleep 300 &); sleep 300 & echo up; wait")
        .build());
    assertThat(eventually(Duration.ofSeconds(5), () -> read(root.resolve("logs/tree.stdout.0")).contains("up")))
        .isTrue();
    assertThat(eventually(Duration.ofSeconds(5), () -> procs(h).size() >= 4)).isTrue();
    List<Long> pids = procs(h);

    driver.stop(h.taskId(), Duration.ofSeconds(2), "SIGTERM");

    assertThat(eventually(Duration.ofSeconds(2),
        () -> pids.stream().noneMatch(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false))))
        .as("no process of the task survives, even one that called setsid").isTrue();
  }

  @Test
  void execRunsInsideTheTaskNamespaces() throws Exception {
    TaskHandle h = start(task(root, "ex", "sleep", "300").build());
    assertThat(eventually(Duration.ofSeconds(5), () -> procs(h).stream()
        .anyMatch(p -> read(Path.of("/proc/" + p + "/comm")).equals("sleep\n")))).as("task running").isTrue();

    ExecResult r = driver.exec(h.taskId(), List.of("sh", "-c", "cat /proc/1/comm; id -u; pwd; ls /"),
        Duration.ofSeconds(5));

    assertThat(r.exitCode()).as(r.stderrText()).isZero();
    assertThat(r.stdoutText()).as("pid 1 of the task's namespace, its user, and its root")
        .startsWith("sleep\n65534\n/\n").contains("alloc\n", "usr\n").doesNotContain("work\n");
  }

  @Test
  void recoveredTaskIsStillMeasuredAndKilledThroughItsCgroups() throws Exception {
    TaskHandle h = start(task(root, "rec", "sh", "-c", "sleep 300 & sleep 300 & wait")
        .resources(TaskResources.memory(64)).build());
    assertThat(eventually(Duration.ofSeconds(5), () -> procs(h).size() >= 4)).isTrue();
    List<Long> pids = procs(h);

    ExecDriver restarted = new ExecDriver();
    restarted.init(DriverContext.of(Clock.systemUTC(), Map.of("state_dir", root.resolve("state").toString())));
    restarted.recover(h);

    assertThat(restarted.stats(h.taskId()).memoryUsageBytes()).isPositive();
    restarted.stop(h.taskId(), Duration.ofSeconds(2), "SIGTERM");
    // The namespace's init (sh) outlives SIGTERM while its children die; `wait` then returns, so any exit is fine.
    restarted.waitTask(h.taskId()).get(10, TimeUnit.SECONDS);
    assertThat(restarted.inspect(h.taskId()).state()).isEqualTo(io.caravan.runtime.driver.TaskStatus.State.EXITED);
    assertThat(pids).allSatisfy(p -> assertThat(ProcessHandle.of(p).map(ProcessHandle::isAlive)).isNotEqualTo(
        java.util.Optional.of(true)));
  }

  @Test
  void unusableCgroupsMakeTheDriverUnhealthyAndStartsFailWithTheReason() {
    CgroupLayout none = new CgroupLayout(0, Path.of("/nonexistent"), Map.of(), "no cgroup filesystem found");
    ExecDriver blind = new ExecDriver(new CgroupIsolation(none, true));
    blind.init(DriverContext.of(Clock.systemUTC()));

    assertThat(blind.fingerprint().health()).isEqualTo(DriverFingerprint.Health.UNHEALTHY);
    assertThat(blind.fingerprint().healthDescription()).contains("no cgroup filesystem found");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> blind.start(task(root, "x", "true").build()))
        .isInstanceOf(DriverException.class)
        .hasMessageContaining("cannot isolate");
  }

  @Test
  void taskSeesItsTaskDirectoryAsRootWithTheAllocDirAndSystemBinds() throws Exception {
    Path alloc = Files.createDirectories(root.resolve("shared"));
    Files.setPosixFilePermissions(Files.createDirectories(alloc.resolve("data")),
        java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.writeString(alloc.resolve("from-host"), "shared file\n");
    io.caravan.runtime.driver.TaskConfig cfg = task(root, "fs", "sh", "-c",
        "ls /; cat /marker /alloc/from-host; echo made > /local/out; echo $(id -u) > /alloc/data/by-task")
        .allocDir(alloc).build();
    Files.writeString(cfg.taskDir().resolve("marker"), "in the task dir\n");
    Files.createDirectories(cfg.taskDir().resolve("local"));

    TaskHandle h = start(cfg);

    assertThat(await(h.taskId()).exitCode()).as(read(root.resolve("logs/fs.stderr.0"))).isZero();
    List<String> out = List.of(read(root.resolve("logs/fs.stdout.0")).split("\n"));
    assertThat(out).contains("alloc", "dev", "etc", "local", "marker", "proc", "tmp", "usr",
        "in the task dir", "shared file");
    assertThat(out).doesNotContain("root", "home", "work", "var");
    assertThat(read(cfg.taskDir().resolve("local/out"))).isEqualTo("made\n");
    assertThat(read(alloc.resolve("data/by-task"))).isEqualTo("65534\n");
    assertThat(Files.getAttribute(cfg.taskDir().resolve("local"), "unix:uid"))
        .as("local/ belongs to the task's user").isEqualTo(65534);
  }

  @Test
  void hostFilesOutsideTheBindsAreInvisibleToTheTask() throws Exception {
    Path outside = Files.writeString(root.resolve("outside.txt"), "host only");
    TaskHandle h = start(task(root, "peek", "sh", "-c",
        "for f in " + outside + " /etc/shadow /root /work /etc/passwd /dev/null; do"
            + " if [ -e $f ]; then echo seen $f; else echo hidden $f; fi; done").build());

    assertThat(await(h.taskId()).exitCode()).isZero();

    assertThat(read(root.resolve("logs/peek.stdout.0")).split("\n")).containsExactly(
        "hidden " + outside, "hidden /etc/shadow", "hidden /root", "hidden /work", "seen /etc/passwd",
        "seen /dev/null");
  }

  @Test
  void readOnlyBindsRejectWritesEvenWhereFilePermissionsAllowThem() throws Exception {
    Path ro = Files.createDirectories(root.resolve("ro-data"));
    Path rw = Files.createDirectories(root.resolve("rw-data"));
    for (Path d : List.of(ro, rw)) {
      Files.setPosixFilePermissions(d, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
    }
    TaskHandle h = start(task(root, "wr", "sh", "-c",
        "touch /data-rw/ok; touch /data-ro/no; touch /usr/no; echo done")
        .mounts(List.of(new io.caravan.runtime.driver.MountConfig(ro.toString(), "/data-ro", true),
            new io.caravan.runtime.driver.MountConfig(rw.toString(), "/data-rw", false)))
        .build());

    await(h.taskId());

    String err = read(root.resolve("logs/wr.stderr.0"));
    assertThat(read(root.resolve("logs/wr.stdout.0"))).isEqualTo("done\n");
    assertThat(rw.resolve("ok")).exists();
    assertThat(ro.resolve("no")).doesNotExist();
    assertThat(err).contains("/data-ro/no': Read-only file system", "/usr/no': Read-only file system");
  }

  @Test
  void taskRunsAsNobodyByDefaultAndAsTheConfiguredUserWithoutCapabilities() throws Exception {
    String probe = "echo $(id -u):$(id -g) $(grep CapEff /proc/self/status | tr -d '\\t')";
    TaskHandle dflt = start(task(root, "dflt", "sh", "-c", probe).build());
    TaskHandle daemon = start(task(root, "daemon", "sh", "-c", probe).user("daemon").build());

    await(dflt.taskId());
    await(daemon.taskId());

    assertThat(read(root.resolve("logs/dflt.stdout.0"))).isEqualTo("65534:65534 CapEff:0000000000000000\n");
    assertThat(read(root.resolve("logs/daemon.stdout.0"))).isEqualTo("1:1 CapEff:0000000000000000\n");
  }

  @Test
  void commandsAreResolvedInTheTasksFilesystem() throws Exception {
    io.caravan.runtime.driver.TaskConfig cfg = task(root, "script", "local/run.sh").build();
    Path script = Files.createDirectories(cfg.taskDir().resolve("local")).resolve("run.sh");
    Files.writeString(script, "#!/bin/sh\necho script at $0\n");
    Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));

    TaskHandle h = start(cfg);

    assertThat(await(h.taskId()).exitCode()).isZero();
    assertThat(read(root.resolve("logs/script.stdout.0"))).isEqualTo("script at /local/run.sh\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> driver.start(task(root, "gone", root.resolve("outside.sh").toString()).build()))
        .isInstanceOf(io.caravan.runtime.driver.DriverConfigException.class)
        .hasMessageContaining("config.command")
        .hasMessageContaining("task's filesystem");
  }

  @Test
  void chrootEnvFromThePluginConfigReplacesTheDefaultBinds() throws Exception {
    ExecDriver narrow = new ExecDriver();
    narrow.init(DriverContext.of(Clock.systemUTC(), Map.of("state_dir", root.resolve("state2").toString(),
        "chroot_env", Map.of("/usr", "/usr", "/bin", "/bin", "/lib", "/lib", "/lib64", "/lib64"))));
    TaskHandle h = narrow.start(task(root, "narrow", "sh", "-c",
        "[ -e /etc/passwd ] && echo passwd || echo no-passwd; [ -d /usr/bin ] && echo usr").build());
    try {
      assertThat(narrow.waitTask(h.taskId()).get(20, TimeUnit.SECONDS).exitCode()).isZero();
      assertThat(read(root.resolve("logs/narrow.stdout.0"))).isEqualTo("no-passwd\nusr\n");
    } finally {
      narrow.destroy(h.taskId(), true);
    }
  }

  @Test
  void badChrootEnvIsRejectedNamingTheOption() {
    ExecDriver d = new ExecDriver();
    for (Map<String, String> bad : List.of(Map.of("usr", "/usr"), Map.of("/usr", "/usr/../etc"),
        Map.of("/opt", "/local"))) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> d.init(DriverContext.of(Clock.systemUTC(), Map.of("chroot_env", bad))))
          .as(bad.toString())
          .isInstanceOf(io.caravan.runtime.driver.DriverConfigException.class)
          .hasMessageStartingWith("config.chroot_env");
    }
  }

  @Test
  void aHostThatCannotBuildTaskFilesystemsMakesTheDriverUnhealthyAndStartsFailTyped() {
    TaskFilesystem noRoot = new TaskFilesystem(TaskFilesystem.DEFAULT_CHROOT_ENV,
        "building a task filesystem needs root (the client runs as uid 1000)");
    ExecDriver blind = new ExecDriver(new CgroupIsolation(CgroupLayout.detect(), noRoot));
    blind.init(DriverContext.of(Clock.systemUTC()));

    assertThat(blind.fingerprint().health()).isEqualTo(DriverFingerprint.Health.UNHEALTHY);
    assertThat(blind.fingerprint().healthDescription()).contains("needs root");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> blind.start(task(root, "x", "true").build()))
        .isInstanceOfSatisfying(IsolationUnavailableException.class, e -> {
          assertThat(e.recoverable()).isFalse();
          assertThat(e.problem()).contains("needs root");
        })
        .hasMessageContaining("exec driver cannot isolate task");
  }

  private List<Long> procs(TaskHandle h) {
    List<Long> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of(h.state("cg.memory"), "cgroup.procs"))) {
        out.add(Long.parseLong(line.trim()));
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out;
  }
}
