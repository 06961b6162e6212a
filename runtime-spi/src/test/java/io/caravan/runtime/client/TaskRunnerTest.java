package io.caravan.runtime.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.runtime.client.ScriptedDriver.Exit;
import io.caravan.runtime.client.ScriptedDriver.RunUntilStopped;
import io.caravan.runtime.client.ScriptedDriver.StartFails;
import io.caravan.runtime.driver.ExitResult;
import io.caravan.runtime.driver.TaskConfig;
import io.caravan.runtime.driver.TaskHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class TaskRunnerTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final ScriptedDriver driver = new ScriptedDriver();
  private final List<Duration> slept = new ArrayList<>();
  private final Sleeper fakeSleeper = (d, wake) -> {
    slept.add(d);
    clock.advance(d);
    return wake.getCount() == 0;
  };

  private TaskRunner runner(RestartRules rules, String jobType, Sleeper sleeper) {
    return TaskRunner.builder()
        .driver(driver)
        .config(TaskConfig.builder("alloc1", "web").build())
        .restarts(new RestartTracker(rules, jobType, null, clock, new SplittableRandom(5)))
        .killTimeout(Duration.ofSeconds(3))
        .killSignal("SIGTERM")
        .clock(clock)
        .sleeper(sleeper)
        .build();
  }

  private static List<String> types(TaskRunState s) {
    return s.events().stream().map(TaskEvent::type).toList();
  }

  @Test
  void restartsPerPolicyThenFailsInFailMode() throws Exception {
    for (int i = 0; i < 5; i++) {
      driver.then(new Exit(ExitResult.code(1)));
    }
    TaskRunner r = runner(
        new RestartRules(2, Duration.ofMinutes(10), Duration.ofSeconds(4), RestartRules.Mode.FAIL),
        "service", fakeSleeper);
    r.run();
    TaskRunState s = r.state();
    assertThat(driver.starts()).isEqualTo(3);
    assertThat(s.state()).isEqualTo("dead");
    assertThat(s.failed()).isTrue();
    assertThat(s.restarts()).isEqualTo(2);
    assertThat(slept).hasSize(2).allSatisfy(d ->
        assertThat(d).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(5)));
    assertThat(types(s)).containsExactly(
        "Received", "Started", "Terminated", "Restarting", "Started", "Terminated", "Restarting",
        "Started", "Terminated", "Not Restarting");
  }

  @Test
  void delayModeWaitsForTheIntervalThenKeepsGoing() throws Exception {
    driver.then(new Exit(ExitResult.code(1))).then(new Exit(ExitResult.code(1)))
        .then(new Exit(ExitResult.code(0)));
    TaskRunner r = runner(
        new RestartRules(1, Duration.ofMinutes(10), Duration.ofSeconds(1), RestartRules.Mode.DELAY),
        "batch", fakeSleeper);
    r.run();
    assertThat(driver.starts()).isEqualTo(3);
    assertThat(slept.get(1)).isGreaterThan(Duration.ofMinutes(9));
    TaskRunState s = r.state();
    assertThat(s.failed()).isFalse();
    assertThat(s.state()).isEqualTo("dead");
  }

  @Test
  void successfulBatchTaskIsNotRestarted() throws Exception {
    driver.then(new Exit(ExitResult.code(0)));
    TaskRunner r = runner(RestartRules.batchDefaults(), "batch", fakeSleeper);
    r.run();
    assertThat(driver.starts()).isEqualTo(1);
    assertThat(r.state().failed()).isFalse();
    assertThat(r.state().toModel().state()).isEqualTo("dead");
    assertThat(driver.calls).contains("destroy alloc1/web");
  }

  @Test
  void unrecoverableStartFailureFailsTheTask() throws Exception {
    driver.then(new StartFails("binary not found", false));
    TaskRunner r = runner(RestartRules.serviceDefaults(), "service", fakeSleeper);
    r.run();
    assertThat(r.state().failed()).isTrue();
    assertThat(types(r.state())).contains("Driver Failure", "Not Restarting");
    assertThat(r.state().events()).anySatisfy(e ->
        assertThat(e.message()).contains("binary not found"));
  }

  @Test
  void killStopsTheRunningTaskWithKillSignalAndTimeout() throws Exception {
    driver.then(new RunUntilStopped());
    TaskRunner r = runner(RestartRules.serviceDefaults(), "service", Sleeper.real());
    CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
      try {
        r.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    while (!r.state().state().equals("running")) {
      Thread.onSpinWait();
    }
    r.kill("alloc stopped");
    running.get(10, TimeUnit.SECONDS);
    TaskRunState s = r.state();
    assertThat(driver.calls).contains("stop alloc1/web SIGTERM PT3S");
    assertThat(s.state()).isEqualTo("dead");
    assertThat(s.failed()).isFalse();
    assertThat(driver.starts()).isEqualTo(1);
    assertThat(types(s)).containsSubsequence("Started", "Killing", "Terminated", "Killed");
  }

  @Test
  void killDuringRestartDelayDoesNotStartAgain() throws Exception {
    driver.then(new Exit(ExitResult.code(1)));
    TaskRunner r = runner(
        new RestartRules(3, Duration.ofHours(1), Duration.ofHours(1), RestartRules.Mode.FAIL),
        "service", Sleeper.real());
    CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
      try {
        r.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    while (!types(r.state()).contains("Restarting")) {
      Thread.onSpinWait();
    }
    r.kill("alloc stopped");
    running.get(10, TimeUnit.SECONDS);
    assertThat(driver.starts()).isEqualTo(1);
    assertThat(r.state().state()).isEqualTo("dead");
    assertThat(types(r.state())).endsWith("Killed");
  }

  @Test
  void recoveredTaskIsSupervisedWithoutStartingIt() throws Exception {
    TaskConfig config = TaskConfig.builder("alloc1", "web").build();
    TaskHandle handle = new TaskHandle("scripted", 1, config, Instant.EPOCH,
        com.google.common.collect.ImmutableMap.of("n", "1"));
    TaskRunner r = runner(RestartRules.serviceDefaults(), "service", Sleeper.real());
    CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
      try {
        r.runRecovered(handle);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    while (!r.state().state().equals("running")) {
      Thread.onSpinWait();
    }
    assertThat(driver.starts()).isZero();
    assertThat(driver.calls).containsExactly("recover alloc1/web");
    assertThat(types(r.state())).containsExactly("Received", "Recovered");
    r.kill("test over");
    running.get(10, TimeUnit.SECONDS);
    assertThat(driver.starts()).isZero();
  }

  @Test
  void unrecoverableHandleIsStartedAfresh() throws Exception {
    TaskConfig config = TaskConfig.builder("alloc1", "web").build();
    TaskHandle stale = new TaskHandle("scripted", 1, config, Instant.EPOCH,
        com.google.common.collect.ImmutableMap.of("n", "gone"));
    driver.then(new Exit(ExitResult.code(0)));
    TaskRunner r = runner(RestartRules.batchDefaults(), "batch", fakeSleeper);
    r.runRecovered(stale);
    assertThat(driver.starts()).isEqualTo(1);
    assertThat(types(r.state())).containsSubsequence("Driver Failure", "Started", "Terminated");
  }

  @Test
  void setupFailureIsRetriedPerPolicyThenTheTaskStarts() throws Exception {
    driver.then(new Exit(ExitResult.code(0)));
    int[] attempts = {0};
    TaskRunner r = TaskRunner.builder()
        .driver(driver)
        .config(TaskConfig.builder("alloc1", "web").build())
        .restarts(new RestartTracker(
            new RestartRules(3, Duration.ofMinutes(5), Duration.ofSeconds(1),
                RestartRules.Mode.FAIL), "batch", null, clock, new SplittableRandom(5)))
        .clock(clock)
        .sleeper(fakeSleeper)
        .setup(() -> {
          if (attempts[0]++ < 2) {
            throw new TaskSetupException("task \"web\" > artifact: HTTP status 503");
          }
        })
        .build();
    r.run();
    assertThat(attempts[0]).isEqualTo(3);
    assertThat(driver.starts()).isEqualTo(1);
    assertThat(types(r.state())).containsSubsequence(
        "Setup Failure", "Restarting", "Setup Failure", "Restarting", "Started", "Terminated");
    assertThat(r.state().failed()).isFalse();
  }
}
