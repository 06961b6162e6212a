package io.caravan.runtime.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.job.TaskLifecycle;
import io.caravan.runtime.client.AllocRunner.TaskSpec;
import io.caravan.runtime.client.ScriptedDriver.Exit;
import io.caravan.runtime.driver.ExitResult;
import io.caravan.runtime.driver.TaskConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class AllocRunnerTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final ScriptedDriver driver = new ScriptedDriver();
  private final List<Duration> slept = java.util.Collections.synchronizedList(new ArrayList<>());
  private final Sleeper sleeper = (d, wake) -> {
    slept.add(d);
    return wake.getCount() == 0;
  };

  private TaskRunner task(String name, String jobType, TaskLifecycle lifecycle) {
    return TaskRunner.builder()
        .driver(driver)
        .config(TaskConfig.builder("a1", name).build())
        .restarts(new RestartTracker(
            new RestartRules(0, Duration.ofMinutes(1), Duration.ZERO, RestartRules.Mode.FAIL),
            jobType, lifecycle, clock, new SplittableRandom(1)))
        .clock(clock)
        .sleeper(sleeper)
        .build();
  }

  private TaskSpec spec(String name, String hook, boolean sidecar, boolean leader) {
    TaskLifecycle lc = hook == null ? null : new TaskLifecycle(hook, sidecar);
    return new TaskSpec(task(name, "batch", lc), lc, leader, null);
  }

  private CompletableFuture<Void> runAsync(AllocRunner runner) {
    return CompletableFuture.runAsync(() -> {
      try {
        runner.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  private List<String> starts() {
    synchronized (driver.calls) {
      return driver.calls.stream().filter(c -> c.startsWith("start ")).map(c -> c.substring(9))
          .toList();
    }
  }

  @Test
  void runsLifecyclePhasesInOrderAndStopsSidecarsWhenMainCompletes() throws Exception {
    driver.then("init", new Exit(ExitResult.code(0)))
        .then("main", new Exit(ExitResult.code(0)))
        .then("post", new Exit(ExitResult.code(0)))
        .then("cleanup", new Exit(ExitResult.code(0)));
    // sidecars (proxy, logger) run until stopped
    AllocRunner runner = new AllocRunner("a1", List.of(
        spec("cleanup", "poststop", false, false),
        spec("post", "poststart", false, false),
        spec("main", null, false, false),
        spec("proxy", "prestart", true, false),
        spec("init", "prestart", false, false)),
        Duration.ZERO, sleeper, r -> {});
    runner.run();
    List<String> order = starts();
    assertThat(order).hasSize(5);
    assertThat(order.indexOf("main")).isGreaterThan(order.indexOf("init"))
        .isGreaterThan(order.indexOf("proxy"));
    assertThat(order.indexOf("post")).isGreaterThan(order.indexOf("main"));
    assertThat(order.get(4)).isEqualTo("cleanup");
    assertThat(driver.calls).contains("stop a1/proxy SIGINT PT5S");
    assertThat(runner.clientStatus()).isEqualTo("complete");
    assertThat(runner.taskStates().values()).allSatisfy(s -> assertThat(s.dead()).isTrue());
  }

  @Test
  void failedPrestartTaskPreventsMainTasksAndFailsTheAllocation() throws Exception {
    driver.then("init", new Exit(ExitResult.code(2)));
    AllocRunner runner = new AllocRunner("a1", List.of(
        spec("init", "prestart", false, false),
        spec("main", null, false, false)),
        Duration.ZERO, sleeper, r -> {});
    runner.run();
    assertThat(starts()).containsExactly("init");
    assertThat(runner.clientStatus()).isEqualTo("failed");
    assertThat(runner.taskStates().get("main").dead()).isTrue();
  }

  @Test
  void leaderExitKillsSiblings() throws Exception {
    driver.then("leader", new Exit(ExitResult.code(0)));
    AllocRunner runner = new AllocRunner("a1", List.of(
        spec("leader", null, false, true),
        spec("helper", null, false, false)),
        Duration.ZERO, sleeper, r -> {});
    runner.run();
    // The helper is killed whether or not its process had started when the leader exited.
    assertThat(runner.taskStates().get("helper").dead()).isTrue();
    assertThat(runner.taskStates().get("helper").events())
        .anySatisfy(e -> assertThat(e.message()).contains("Leader task leader is dead"));
    assertThat(runner.clientStatus()).isEqualTo("complete");
  }

  @Test
  void failingMainTaskKillsSiblingsAndFailsAllocation() throws Exception {
    driver.then("bad", new Exit(ExitResult.code(9)));
    AllocRunner runner = new AllocRunner("a1", List.of(
        spec("good", null, false, false),
        spec("bad", null, false, false)),
        Duration.ZERO, sleeper, r -> {});
    runner.run();
    assertThat(runner.taskStates().get("good").dead()).isTrue();
    assertThat(runner.taskStates().get("good").events())
        .anySatisfy(e -> assertThat(e.message()).contains("Sibling task bad failed"));
    assertThat(runner.clientStatus()).isEqualTo("failed");
  }

  @Test
  void stopWaitsShutdownDelayKillsTasksAndRunsPoststop() throws Exception {
    driver.then("cleanup", new Exit(ExitResult.code(0)));
    AllocRunner runner = new AllocRunner("a1", List.of(
        spec("web", null, false, false),
        spec("cleanup", "poststop", false, false)),
        Duration.ofSeconds(7), sleeper, r -> {});
    CompletableFuture<Void> done = runAsync(runner);
    while (!runner.clientStatus().equals("running")) {
      Thread.sleep(5);
    }
    runner.stop("alloc is being stopped");
    done.get(10, TimeUnit.SECONDS);
    assertThat(slept).contains(Duration.ofSeconds(7));
    assertThat(starts()).containsExactly("web", "cleanup");
    assertThat(runner.clientStatus()).isEqualTo("complete");
  }

  @Test
  void healthyWhenAllLongRunningTasksRun() throws Exception {
    driver.then("init", new Exit(ExitResult.code(0)));
    AllocRunner runner = new AllocRunner("a1", List.of(
        spec("init", "prestart", false, false),
        spec("web", null, false, false)),
        Duration.ZERO, sleeper, r -> {});
    CompletableFuture<Void> done = runAsync(runner);
    while (!runner.taskStates().get("web").state().equals("running")) {
      assertThat(runner.tasksHealthy()).isFalse();
      Thread.sleep(5);
    }
    assertThat(runner.taskStates().get("init").dead()).isTrue();
    assertThat(runner.tasksHealthy()).isTrue();
    runner.stop("done");
    done.get(10, TimeUnit.SECONDS);
  }
}
