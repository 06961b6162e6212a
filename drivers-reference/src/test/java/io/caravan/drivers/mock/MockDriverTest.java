package io.caravan.drivers.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caravan.drivers.testing.ManualClock;
import io.caravan.runtime.driver.DriverConfigException;
import io.caravan.runtime.driver.DriverContext;
import io.caravan.runtime.driver.DriverException;
import io.caravan.runtime.driver.DriverFingerprint;
import io.caravan.runtime.driver.ExitResult;
import io.caravan.runtime.driver.TaskConfig;
import io.caravan.runtime.driver.TaskHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MockDriverTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  private MockDriver driver;

  @BeforeEach
  void setUp() {
    driver = new MockDriver();
    driver.init(DriverContext.of(clock, Map.of("manual_time", true)));
  }

  private static TaskConfig.Builder task(String name) {
    return TaskConfig.builder("alloc1", name);
  }

  @Test
  void taskRunsForItsDurationOnTheInjectedClockThenExitsWithItsCode() {
    TaskHandle h = driver.start(task("web").config("run_for", "10s").config("exit_code", 3).build());
    CompletableFuture<ExitResult> exit = driver.waitTask(h.taskId());

    clock.advance(Duration.ofSeconds(9));
    driver.advance();
    assertThat(exit).isNotDone();

    clock.advance(Duration.ofSeconds(1));
    driver.advance();
    assertThat(exit).isCompletedWithValue(ExitResult.code(3));
    assertThat(driver.inspect(h.taskId()).completedAt()).isEqualTo(Instant.parse("2026-01-01T00:00:10Z"));
  }

  @Test
  void startErrorFailsTheStartWithTheConfiguredRecoverability() {
    assertThatThrownBy(() -> driver.start(task("bad").config("start_error", "no luck")
        .config("start_error_recoverable", true).build()))
        .isInstanceOfSatisfying(DriverException.class, e -> {
          assertThat(e).hasMessage("no luck");
          assertThat(e.recoverable()).isTrue();
        });
  }

  @Test
  void failAfterStartsLetsTheFirstStartsSucceed() {
    TaskConfig cfg = task("flaky").config("fail_after_starts", 2).config("run_for", "1s").build();
    driver.start(cfg);
    driver.start(cfg.toBuilder().build());
    clock.advance(Duration.ofSeconds(1));
    driver.advance();

    assertThatThrownBy(() -> driver.start(cfg)).isInstanceOf(DriverException.class)
        .hasMessageContaining("fails after 2 starts (this is start 3)");
  }

  @Test
  void stopWithKillAfterLongerThanTheTimeoutEndsWithSigkillAtTheTimeout() {
    TaskHandle slow = driver.start(task("slow").config("kill_after", "30s").build());
    TaskHandle quick = driver.start(task("quick").config("kill_after", "1s").build());

    driver.stop(slow.taskId(), Duration.ofSeconds(5), "SIGINT");
    driver.stop(quick.taskId(), Duration.ofSeconds(5), "SIGINT");
    clock.advance(Duration.ofSeconds(1));
    driver.advance();
    assertThat(driver.waitTask(quick.taskId())).isCompletedWithValue(ExitResult.signalled(2));
    assertThat(driver.waitTask(slow.taskId())).isNotDone();

    clock.advance(Duration.ofSeconds(4));
    driver.advance();
    assertThat(driver.waitTask(slow.taskId())).isCompletedWithValue(ExitResult.signalled(9));
  }

  @Test
  void healthChangesReachFingerprintListeners() throws Exception {
    List<DriverFingerprint> seen = new ArrayList<>();
    try (AutoCloseable sub = driver.watchFingerprint(seen::add)) {
      driver.setHealth(DriverFingerprint.Health.UNHEALTHY, "simulated outage");
    }
    driver.setHealth(DriverFingerprint.Health.HEALTHY, "back");

    assertThat(seen).extracting(DriverFingerprint::health)
        .containsExactly(DriverFingerprint.Health.HEALTHY, DriverFingerprint.Health.UNHEALTHY);
    assertThat(seen.get(1).healthDescription()).isEqualTo("simulated outage");
  }

  @Test
  void writesTheConfiguredStdout(@TempDir Path dir) throws Exception {
    driver.start(task("out").config("stdout_string", "hello\n").stdoutPath(dir.resolve("out.log")).build());

    assertThat(Files.readString(dir.resolve("out.log"))).isEqualTo("hello\n");
  }

  @Test
  void rejectsABadDurationNamingTheField() {
    assertThatThrownBy(() -> driver.start(task("x").config("run_for", "ten seconds").build()))
        .isInstanceOf(DriverConfigException.class)
        .hasMessageStartingWith("config.run_for must be a duration");
  }

  @Test
  void tenThousandSimulatedTasksRunOnOneTimerQueue() {
    for (int i = 0; i < 10_000; i++) {
      driver.start(task("t" + i).config("run_for", (1 + i % 60) + "s").build());
    }
    assertThat(driver.runningTasks()).isEqualTo(10_000);

    clock.advance(Duration.ofSeconds(30));
    driver.advance();
    assertThat(driver.runningTasks()).isEqualTo(10_000 - 30 * (10_000 / 60) - Math.min(30, 10_000 % 60));

    clock.advance(Duration.ofSeconds(30));
    driver.advance();
    assertThat(driver.runningTasks()).isZero();
  }

  @Test
  void withoutManualTimeTasksFinishOnTheSharedSchedulerThread() throws Exception {
    MockDriver auto = new MockDriver();
    auto.init(DriverContext.of(Clock.systemUTC()));
    try {
      TaskHandle h = auto.start(task("auto").config("run_for", "50ms").config("exit_code", 0).build());
      assertThat(auto.waitTask(h.taskId()).get(5, TimeUnit.SECONDS).successful()).isTrue();
    } finally {
      auto.close();
    }
  }
}
