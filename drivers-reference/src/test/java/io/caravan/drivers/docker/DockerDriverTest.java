package io.caravan.drivers.docker;

import static io.caravan.drivers.testing.TaskFixtures.eventually;
import static io.caravan.drivers.testing.TaskFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.ImmutableMap;
import io.caravan.runtime.driver.DriverConfigException;
import io.caravan.runtime.driver.DriverContext;
import io.caravan.runtime.driver.DriverFingerprint;
import io.caravan.runtime.driver.ExecResult;
import io.caravan.runtime.driver.ExitResult;
import io.caravan.runtime.driver.TaskConfig;
import io.caravan.runtime.driver.TaskHandle;
import io.caravan.runtime.driver.TaskResources;
import io.caravan.runtime.driver.TaskStatus;
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

/**
 * Runs against a real Docker Engine API: {@code DOCKER_HOST} (as {@code .ci/run} exports), else the default socket,
 * else the podman socket of the dev machines; image {@code localhost/busybox:test} (override with
 * {@code CARAVAN_TEST_IMAGE}). Skips with a message when no engine or image is there.
 */
class DockerDriverTest {

  private static final String IMAGE = System.getenv().getOrDefault("CARAVAN_TEST_IMAGE", "localhost/busybox:test");

  @TempDir Path root;
  private DockerDriver driver;
  private final List<DockerDriver> drivers = new ArrayList<>();
  private final List<String> started = new ArrayList<>();

  @BeforeEach
  void connect() {
    String host = null;
    List<String> candidates = new ArrayList<>();
    if (System.getenv("DOCKER_HOST") != null) {
      candidates.add(System.getenv("DOCKER_HOST"));
    }
    candidates.add(DockerClients.DEFAULT_HOST);
    candidates.add("unix:///tmp/caravan-podman.sock");
    for (String c : candidates) {
      if (!c.startsWith("unix://") || Files.exists(Path.of(c.substring("unix://".length())))) {
        host = c;
        break;
      }
    }
    Assumptions.assumeTrue(host != null, "no Docker engine socket found (tried " + candidates + "); skipping");
    driver = newDriver(host);
    DriverFingerprint fp = driver.fingerprint();
    Assumptions.assumeTrue(fp.health() == DriverFingerprint.Health.HEALTHY,
        "no Docker engine reachable, skipping docker driver tests: " + fp.healthDescription());
    assertThat(fp.attributes()).containsKey("driver.docker.version");
    boolean hasImage = true;
    try {
      DockerClients.connect(host).inspectImageCmd(IMAGE).exec();
    } catch (com.github.dockerjava.api.exception.NotFoundException e) {
      hasImage = false;
    }
    Assumptions.assumeTrue(hasImage, "test image " + IMAGE + " is not loaded in the engine at " + host);
  }

  private DockerDriver newDriver(String host) {
    DockerDriver d = new DockerDriver();
    d.init(DriverContext.of(Clock.systemUTC(), Map.of("endpoint", host)));
    drivers.add(d);
    return d;
  }

  @AfterEach
  void removeContainers() {
    for (String id : started) {
      driver.destroy(id, true);
    }
    drivers.forEach(DockerDriver::close);
  }

  private TaskConfig.Builder task(String name, String script) {
    return TaskConfig.builder("a" + Long.toHexString(System.nanoTime()), name)
        .stdoutPath(root.resolve(name + ".stdout.0"))
        .stderrPath(root.resolve(name + ".stderr.0"))
        .config("image", IMAGE)
        .config("command", "/bin/sh")
        .config("args", List.of("-c", script));
  }

  private TaskHandle start(TaskConfig cfg) {
    TaskHandle h = driver.start(cfg);
    started.add(cfg.id());
    return h;
  }

  @Test
  void runsAContainerWithEnvAndLabelsAndReportsExitCodeAndLogs() throws Exception {
    TaskHandle h = start(task("hello", "echo \"hi $WHO\"; echo warn >&2; exit 3")
        .env(ImmutableMap.of("WHO", "docker")).build());

    ExitResult exit = driver.waitTask(h.taskId()).get(30, TimeUnit.SECONDS);

    assertThat(exit.exitCode()).isEqualTo(3);
    assertThat(read(root.resolve("hello.stdout.0"))).isEqualTo("hi docker\n");
    assertThat(read(root.resolve("hello.stderr.0"))).isEqualTo("warn\n");
    assertThat(driver.labelledTaskIds()).contains(h.taskId());
  }

  @Test
  void containerSeesTheAllocAndTaskDirectoriesWhereNomadMountsThem() throws Exception {
    Path alloc = Files.createDirectories(root.resolve("alloc"));
    Path taskDir = Files.createDirectories(root.resolve("dirs"));
    Files.createDirectories(taskDir.resolve("secrets"));
    Files.writeString(taskDir.resolve("secrets/token"), "s3cret\n");
    TaskHandle h = start(task("dirs", "cat /secrets/token; echo local > /local/out; echo shared > /alloc/out")
        .allocDir(alloc).taskDir(taskDir).build());

    assertThat(driver.waitTask(h.taskId()).get(30, TimeUnit.SECONDS).exitCode()).isZero();

    assertThat(read(root.resolve("dirs.stdout.0"))).isEqualTo("s3cret\n");
    assertThat(read(taskDir.resolve("local/out"))).isEqualTo("local\n");
    assertThat(read(alloc.resolve("out"))).isEqualTo("shared\n");
  }

  @Test
  void containerAllocatingPastItsMemoryLimitExitsWith137() throws Exception {
    TaskHandle h = start(task("hog", "head -c 200000000 /dev/zero | tail -n 1 >/dev/null")
        .resources(TaskResources.memory(24)).build());

    ExitResult exit = driver.waitTask(h.taskId()).get(60, TimeUnit.SECONDS);

    // podman does not set State.OOMKilled (dockerd does); the exit code is what both report.
    assertThat(exit.exitCode()).isEqualTo(137);
  }

  @Test
  void stopSendsTheSignalThenKillsAfterTheTimeout() throws Exception {
    TaskHandle polite = start(task("polite", "trap 'exit 42' TERM; while true; do sleep 0.1; done").build());
    TaskHandle stubborn = start(task("stubborn", "trap '' TERM; while true; do sleep 0.1; done").build());
    assertThat(eventually(Duration.ofSeconds(10), () -> driver.inspect(stubborn.taskId()).state()
        == TaskStatus.State.RUNNING)).isTrue();
    Thread.sleep(300); // let the shells install their traps

    driver.stop(polite.taskId(), Duration.ofSeconds(5), "SIGTERM");
    driver.stop(stubborn.taskId(), Duration.ofMillis(500), "SIGTERM");

    assertThat(driver.waitTask(polite.taskId()).get(10, TimeUnit.SECONDS).exitCode()).isEqualTo(42);
    ExitResult killed = driver.waitTask(stubborn.taskId()).get(10, TimeUnit.SECONDS);
    assertThat(killed.exitCode()).isEqualTo(137);
    assertThat(killed.signal()).isEqualTo(9);
  }

  @Test
  void recoversARunningContainerInANewDriverInstance() throws Exception {
    TaskHandle h = start(task("rec", "echo started; while true; do sleep 0.1; done").build());
    assertThat(eventually(Duration.ofSeconds(10), () -> read(root.resolve("rec.stdout.0")).contains("started")))
        .isTrue();

    DockerDriver restarted = newDriver(driver.host());
    TaskHandle byLabel = new TaskHandle(h.driver(), h.version(), h.config(), h.startedAt(), ImmutableMap.of());
    restarted.recover(byLabel);

    assertThat(restarted.inspect(h.taskId()).state()).isEqualTo(TaskStatus.State.RUNNING);
    assertThat(restarted.inspect(h.taskId()).attributes().get("containerId")).isEqualTo(h.state("containerId"));
    restarted.stop(h.taskId(), Duration.ofMillis(500), "SIGKILL");
    assertThat(restarted.waitTask(h.taskId()).get(10, TimeUnit.SECONDS).exitCode()).isEqualTo(137);
    restarted.destroy(h.taskId(), true);
  }

  @Test
  void execRunsInsideTheContainerAndStatsAreReported() throws Exception {
    TaskHandle h = start(task("ex", "while true; do sleep 0.1; done").resources(TaskResources.memory(64)).build());
    assertThat(eventually(Duration.ofSeconds(10), () -> driver.inspect(h.taskId()).state()
        == TaskStatus.State.RUNNING)).isTrue();

    ExecResult r = driver.exec(h.taskId(), List.of("sh", "-c", "echo inside; exit 5"), Duration.ofSeconds(10));

    assertThat(r.exitCode()).isEqualTo(5);
    assertThat(r.stdoutText()).isEqualTo("inside\n");
    assertThat(driver.stats(h.taskId()).memoryUsageBytes()).isPositive();
  }

  @Test
  void rejectsAMalformedPortBindingNamingTheField() {
    TaskConfig cfg = task("bad", "true").config("ports", List.of("http")).build();

    assertThatThrownBy(() -> driver.start(cfg))
        .isInstanceOf(DriverConfigException.class)
        .hasMessage("config.ports entry \"http\" must be \"hostPort:containerPort\"");
  }
}
