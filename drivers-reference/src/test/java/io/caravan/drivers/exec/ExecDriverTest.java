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
    assertThat(eventually(Duration.ofSeconds(5), () -> procs(h).size() >= 2)).isTrue();

    ExecResult r = driver.exec(h.taskId(), List.of("sh", "-c", "ps -o pid,comm 2>/dev/null || ls /proc"),
        Duration.ofSeconds(5));

    assertThat(r.exitCode()).isZero();
    assertThat(r.stdoutText()).contains("1");
    assertThat(r.stdoutText()).doesNotContain(String.valueOf(ProcessHandle.current().pid()) + "\n");
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
