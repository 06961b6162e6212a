package io.caravan.drivers.rawexec;

import static io.caravan.drivers.testing.TaskFixtures.eventually;
import static io.caravan.drivers.testing.TaskFixtures.read;
import static io.caravan.drivers.testing.TaskFixtures.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.ImmutableMap;
import io.caravan.runtime.driver.DriverConfigException;
import io.caravan.runtime.driver.DriverContext;
import io.caravan.runtime.driver.DriverException;
import io.caravan.runtime.driver.ExecResult;
import io.caravan.runtime.driver.ExitResult;
import io.caravan.runtime.driver.TaskConfig;
import io.caravan.runtime.driver.TaskHandle;
import io.caravan.runtime.driver.TaskResourceUsage;
import io.caravan.runtime.driver.TaskStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawExecDriverTest {

  @TempDir Path root;
  private RawExecDriver driver;
  private final List<String> started = new ArrayList<>();

  @BeforeEach
  void setUp() {
    driver = newDriver();
  }

  private RawExecDriver newDriver() {
    RawExecDriver d = new RawExecDriver();
    d.init(DriverContext.of(Clock.systemUTC(), Map.of("state_dir", root.resolve("state").toString())));
    return d;
  }

  @AfterEach
  void killEverything() {
    for (String id : started) {
      try {
        driver.destroy(id, true);
      } catch (DriverException e) {
        // The task may belong to a recovered driver instance only; nothing left to clean here.
      }
    }
  }

  private TaskHandle start(TaskConfig cfg) {
    TaskHandle h = driver.start(cfg);
    started.add(cfg.id());
    return h;
  }

  private ExitResult await(RawExecDriver d, String id) throws Exception {
    return d.waitTask(id).get(10, TimeUnit.SECONDS);
  }

  @Test
  void runsACommandAndReportsItsExitCode() throws Exception {
    TaskHandle h = start(task(root, "t", "sh", "-c", "echo hello; echo oops >&2; exit 3").build());

    ExitResult exit = await(driver, h.taskId());

    assertThat(exit.exitCode()).isEqualTo(3);
    assertThat(exit.signal()).isZero();
    assertThat(exit.successful()).isFalse();
    assertThat(read(root.resolve("logs/t.stdout.0"))).isEqualTo("hello\n");
    assertThat(read(root.resolve("logs/t.stderr.0"))).isEqualTo("oops\n");
    assertThat(driver.inspect(h.taskId()).state()).isEqualTo(TaskStatus.State.EXITED);
  }

  @Test
  void tasksRunInASessionOfTheirOwnSoATerminalsCtrlCDoesNotReachThem() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/setsid")),
        "setsid (util-linux) is not installed");
    TaskHandle h = start(task(root, "own-session", "sleep", "30").build());
    long supervisor = Long.parseLong(h.state("supervisorPid"));
    long task = Long.parseLong(h.state("pid"));
    long mine = io.caravan.drivers.process.ProcTree.sessionId(ProcessHandle.current().pid()).orElseThrow();
    assertThat(io.caravan.drivers.process.ProcTree.sessionId(supervisor)).hasValueSatisfying(
        s -> assertThat(s).isNotEqualTo(mine).isEqualTo(supervisor));
    assertThat(io.caravan.drivers.process.ProcTree.sessionId(task)).contains(supervisor);
    driver.stop(h.taskId(), java.time.Duration.ofSeconds(2), "SIGTERM");
    assertThat(await(driver, h.taskId()).signal()).isIn(9, 15);
  }

  @Test
  void passesTheTaskEnvironmentAndWorkingDirectory() throws Exception {
    TaskConfig cfg = task(root, "env", "sh", "-c", "echo \"$NOMAD_TASK_NAME $GREETING\"; pwd; env | grep -c HOME || true")
        .env(ImmutableMap.of("NOMAD_TASK_NAME", "env", "GREETING", "hi there"))
        .build();
    TaskHandle h = start(cfg);

    assertThat(await(driver, h.taskId()).exitCode()).isZero();

    assertThat(read(root.resolve("logs/env.stdout.0")).split("\n"))
        .containsExactly("env hi there", root.resolve("env").toString(), "0");
  }

  @Test
  void stopKillsTheWholeProcessTree() throws Exception {
    TaskHandle h = start(task(root, "tree", "sh", "-c",
        "sleep 300 & sleep 300 & (sleep 300 & echo $! > orphan.pid) ; echo up; wait").build());
    long pid = Long.parseLong(h.state("pid"));
    assertThat(eventually(Duration.ofSeconds(5), () -> read(root.resolve("logs/tree.stdout.0")).contains("up")))
        .isTrue();
    List<ProcessHandle> tree = new ArrayList<>(ProcessHandle.of(pid).orElseThrow().descendants().toList());
    assertThat(tree).hasSizeGreaterThanOrEqualTo(2);
    // A double-forked orphan is no longer a descendant but stays in the task's process group.
    ProcessHandle orphan = ProcessHandle.of(Long.parseLong(read(root.resolve("tree/orphan.pid")).trim())).orElseThrow();
    assertThat(tree).doesNotContain(orphan);
    tree.add(orphan);

    driver.stop(h.taskId(), Duration.ofSeconds(2), "SIGTERM");

    assertThat(await(driver, h.taskId()).signal()).isEqualTo(15);
    assertThat(eventually(Duration.ofSeconds(2), () -> tree.stream().noneMatch(ProcessHandle::isAlive)))
        .as("every process of the task is gone").isTrue();
    assertThat(ProcessHandle.of(pid)).isEmpty();
  }

  @Test
  void stopEscalatesToSigkillWhenTheSignalIsIgnored() throws Exception {
    TaskHandle h = start(task(root, "stubborn", "sh", "-c",
        "trap '' TERM; echo ready; while true; do sleep 0.05; done").build());
    assertThat(eventually(Duration.ofSeconds(5), () -> read(root.resolve("logs/stubborn.stdout.0")).contains("ready")))
        .isTrue();

    driver.stop(h.taskId(), Duration.ofMillis(300), "SIGTERM");

    ExitResult exit = await(driver, h.taskId());
    assertThat(exit.signal()).isEqualTo(9);
    assertThat(exit.exitCode()).isEqualTo(137);
  }

  @Test
  void signalReachesTheTask() throws Exception {
    TaskHandle h = start(task(root, "sig", "sh", "-c",
        "trap 'echo got-usr1; exit 4' USR1; echo ready; while true; do sleep 0.05; done").build());
    assertThat(eventually(Duration.ofSeconds(5), () -> read(root.resolve("logs/sig.stdout.0")).contains("ready")))
        .isTrue();

    driver.signal(h.taskId(), "SIGUSR1");

    assertThat(await(driver, h.taskId()).exitCode()).isEqualTo(4);
    assertThat(read(root.resolve("logs/sig.stdout.0"))).contains("got-usr1");
  }

  @Test
  void recoversARunningTaskFromItsHandleInANewDriverInstance() throws Exception {
    TaskHandle h = start(task(root, "rec", "sh", "-c", "echo once >> runs; sleep 300").build());
    long pid = Long.parseLong(h.state("pid"));
    assertThat(eventually(Duration.ofSeconds(10), () -> read(root.resolve("rec/runs")).contains("once")))
        .as("the task started").isTrue();

    RawExecDriver restarted = newDriver();
    restarted.recover(h);

    assertThat(restarted.inspect(h.taskId()).state()).isEqualTo(TaskStatus.State.RUNNING);
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
    restarted.stop(h.taskId(), Duration.ofSeconds(2), "SIGTERM");
    assertThat(await(restarted, h.taskId()).signal()).isEqualTo(15);
    assertThat(read(root.resolve("rec/runs"))).isEqualTo("once\n");
  }

  @Test
  void recoveredTaskReportsItsRealExitCode() throws Exception {
    TaskHandle h = start(task(root, "rc", "sh", "-c", "read x < /dev/null; sleep 0.4; exit 7").build());

    RawExecDriver restarted = newDriver();
    restarted.recover(h);

    assertThat(await(restarted, h.taskId()).exitCode()).isEqualTo(7);
  }

  @Test
  void recoveryFailsClearlyWhenTheProcessIsGone() throws Exception {
    TaskHandle h = start(task(root, "gone", "true").build());
    await(driver, h.taskId());
    driver.destroy(h.taskId(), false);

    assertThatThrownBy(() -> newDriver().recover(h))
        .isInstanceOf(DriverException.class)
        .hasMessageContaining("cannot recover task " + h.taskId());
  }

  @Test
  void execRunsACommandWithTheTaskEnvironment() throws Exception {
    TaskHandle h = start(task(root, "ex", "sleep", "300").env(ImmutableMap.of("COLOR", "blue")).build());

    ExecResult r = driver.exec(h.taskId(), List.of("sh", "-c", "echo $COLOR; exit 2"), Duration.ofSeconds(5));

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stdoutText()).isEqualTo("blue\n");
  }

  @Test
  void statsReportTheTaskProcesses() throws Exception {
    TaskHandle h = start(task(root, "st", "sleep", "300").build());

    TaskResourceUsage usage = driver.stats(h.taskId());

    assertThat(usage.processes()).isEqualTo(1);
    assertThat(usage.memoryRssBytes()).isPositive();
  }

  @Test
  void writesOutputIntoAFifoTheClientReads() throws Exception {
    Path fifo = root.resolve("out.fifo");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    java.util.concurrent.CompletableFuture<String> reader = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return java.nio.file.Files.readString(fifo);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    TaskHandle h = start(task(root, "fifo", "sh", "-c", "echo one; echo two").stdoutPath(fifo).build());

    assertThat(await(driver, h.taskId()).exitCode()).isZero();
    assertThat(reader.get(10, TimeUnit.SECONDS)).isEqualTo("one\ntwo\n");
  }

  @Test
  void rejectsAConfigWithoutCommandNamingTheField() {
    TaskConfig cfg = TaskConfig.builder("a1", "bad").config("args", List.of("x")).build();

    assertThatThrownBy(() -> driver.start(cfg))
        .isInstanceOf(DriverConfigException.class)
        .hasMessage("config.command is required (the program to run)");
  }

  @Test
  void rejectsAnUnknownCommand() {
    TaskConfig cfg = task(root, "nope", "no-such-program-here").build();

    assertThatThrownBy(() -> driver.start(cfg))
        .isInstanceOf(DriverConfigException.class)
        .hasMessageStartingWith("config.command \"no-such-program-here\" was not found in PATH");
  }
}
