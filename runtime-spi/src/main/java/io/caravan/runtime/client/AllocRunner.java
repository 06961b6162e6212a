package io.caravan.runtime.client;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import io.caravan.model.cluster.AllocStatus;
import io.caravan.model.job.TaskLifecycle;
import io.caravan.runtime.driver.TaskHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Runs the tasks of one allocation in Nomad's lifecycle order: prestart tasks first (ephemeral
 * ones must complete successfully, sidecars must be running), then the main tasks, then poststart
 * tasks once every main task has left pending; when the main tasks are done (or a {@code leader}
 * task exits, or a task fails) the remaining tasks are killed, and finally the poststop tasks run.
 * A stop request waits the group's {@code shutdown_delay}, kills the running tasks and still runs
 * the poststop tasks.
 *
 * <p>{@link #run()} blocks until every task is dead. The client status follows Nomad: any failed
 * task → failed; else any running → running; else any pending → pending; else complete.
 */
public final class AllocRunner {

  /**
   * One task of the allocation.
   *
   * @param runner the task's runner
   * @param lifecycle the task's lifecycle block, or null for a main task
   * @param leader whether the task is the group's leader
   * @param recovered the handle of a task that was running before a client restart, or null
   */
  public record TaskSpec(
      TaskRunner runner,
      @Nullable TaskLifecycle lifecycle,
      boolean leader,
      @Nullable TaskHandle recovered) {

    /** Validates the spec. */
    public TaskSpec {
      Objects.requireNonNull(runner, "runner");
    }

    /** A main task. */
    public static TaskSpec main(TaskRunner runner) {
      return new TaskSpec(runner, null, false, null);
    }

    String hook() {
      return lifecycle == null || lifecycle.hook() == null ? "main" : lifecycle.hook();
    }

    boolean sidecar() {
      return lifecycle != null && lifecycle.sidecar();
    }
  }

  private final String allocId;
  private final ImmutableList<TaskSpec> tasks;
  private final Duration shutdownDelay;
  private final Sleeper sleeper;
  private final Consumer<AllocRunner> listener;
  private final ExecutorService executor;

  private final Object lock = new Object();
  private final Set<TaskRunner> started = new LinkedHashSet<>();
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private volatile @Nullable String stopReason;

  /**
   * Creates a runner.
   *
   * @param allocId the allocation's id (for thread names and messages)
   * @param tasks the group's tasks
   * @param shutdownDelay the group's shutdown_delay, waited before killing tasks on stop
   * @param sleeper how delays are waited
   * @param listener called whenever a task's state changes
   */
  public AllocRunner(
      String allocId,
      List<TaskSpec> tasks,
      Duration shutdownDelay,
      Sleeper sleeper,
      Consumer<AllocRunner> listener) {
    this.allocId = Objects.requireNonNull(allocId, "allocId");
    this.tasks = ImmutableList.copyOf(tasks);
    this.shutdownDelay = Objects.requireNonNull(shutdownDelay, "shutdownDelay");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "caravan-alloc-" + allocId);
              t.setDaemon(true);
              return t;
            });
    for (TaskSpec spec : this.tasks) {
      spec.runner().addListener(r -> changed());
    }
  }

  /** The allocation's id. */
  public String allocId() {
    return allocId;
  }

  /** The task runners, in the group's order. */
  public ImmutableList<TaskRunner> taskRunners() {
    return tasks.stream().map(TaskSpec::runner).collect(ImmutableList.toImmutableList());
  }

  /** Current task states by task name. */
  public ImmutableSortedMap<String, TaskRunState> taskStates() {
    ImmutableSortedMap.Builder<String, TaskRunState> out = ImmutableSortedMap.naturalOrder();
    for (TaskSpec spec : tasks) {
      out.put(spec.runner().taskName(), spec.runner().state());
    }
    return out.build();
  }

  /** The allocation's client status computed from its task states, as Nomad does. */
  public String clientStatus() {
    List<TaskRunState> states = taskStates().values().asList();
    if (states.stream().anyMatch(TaskRunState::failed)) {
      return AllocStatus.CLIENT_FAILED;
    }
    if (states.stream().anyMatch(s -> s.state().equals(TaskRunState.RUNNING))) {
      return AllocStatus.CLIENT_RUNNING;
    }
    if (states.stream().anyMatch(s -> s.state().equals(TaskRunState.PENDING))) {
      return AllocStatus.CLIENT_PENDING;
    }
    return AllocStatus.CLIENT_COMPLETE;
  }

  /**
   * Whether the task states make the allocation healthy for a deployment: no task failed and every
   * main and sidecar task is running (ephemeral prestart/poststart/poststop tasks don't count).
   * Service checks and {@code min_healthy_time} are layered on top by the caller.
   */
  public boolean tasksHealthy() {
    for (TaskSpec spec : tasks) {
      TaskRunState s = spec.runner().state();
      if (s.failed()) {
        return false;
      }
      boolean ephemeral = !spec.hook().equals("main") && !spec.sidecar();
      if (!ephemeral && !s.state().equals(TaskRunState.RUNNING)) {
        return false;
      }
    }
    return true;
  }

  /** Asks the allocation to stop; returns at once. Idempotent. */
  public void stop(String reason) {
    synchronized (lock) {
      if (stopReason == null) {
        stopReason = reason;
      }
      lock.notifyAll();
    }
    stopRequested.countDown();
  }

  /** Runs the allocation until every task is dead. */
  public void run() throws InterruptedException {
    try {
      runPhases();
      runPoststop();
      finishUnstarted();
    } finally {
      executor.shutdown();
      if (!executor.awaitTermination(1, TimeUnit.MINUTES)) {
        executor.shutdownNow();
      }
      listener.accept(this);
    }
  }

  private void runPhases() throws InterruptedException {
    List<TaskSpec> prestart = select(s -> s.hook().equals("prestart"));
    List<TaskSpec> main = select(s -> s.hook().equals("main"));
    List<TaskSpec> poststart = select(s -> s.hook().equals("poststart"));
    boolean recovering = tasks.stream().anyMatch(s -> s.recovered() != null);

    if (!recovering || prestart.stream().anyMatch(s -> s.recovered() != null)) {
      startAll(prestart);
    } else {
      // After a client restart with main tasks still running, prestart work is already done.
      startAll(select(s -> s.hook().equals("prestart") && s.sidecar()));
    }
    awaitUntil(() -> prestart.stream().allMatch(this::prestartSatisfied) || mustShutDown());
    if (!mustShutDown()) {
      startAll(main);
      awaitUntil(() -> main.stream().noneMatch(s -> pending(s.runner())) || mustShutDown());
    }
    if (!mustShutDown()) {
      startAll(poststart);
    }
    // As in Nomad, the allocation winds down once only sidecars are left alive: main tasks and
    // started ephemeral prestart/poststart tasks must all be dead.
    List<TaskSpec> nonSidecars = select(s -> !s.hook().equals("poststop") && !s.sidecar());
    awaitUntil(() -> nonSidecars.stream()
            .filter(s -> started.contains(s.runner()) || s.hook().equals("main"))
            .allMatch(s -> s.runner().state().dead())
        || mustShutDown());
    shutDownRunning(main);
  }

  private boolean prestartSatisfied(TaskSpec s) {
    TaskRunState st = s.runner().state();
    if (!started.contains(s.runner())) {
      return true; // skipped during recovery
    }
    return s.sidecar()
        ? st.state().equals(TaskRunState.RUNNING)
        : st.dead() && !st.failed();
  }

  private static boolean pending(TaskRunner r) {
    return r.state().state().equals(TaskRunState.PENDING);
  }

  /** True when the allocation must wind down: stop requested, a task failed, or a leader died. */
  private boolean mustShutDown() {
    if (stopReason != null) {
      return true;
    }
    for (TaskSpec s : tasks) {
      TaskRunState st = s.runner().state();
      if (st.failed() || (s.leader() && st.dead())) {
        return true;
      }
    }
    return false;
  }

  private void shutDownRunning(List<TaskSpec> main) throws InterruptedException {
    if (stopReason != null && !shutdownDelay.isZero()) {
      sleeper.sleep(shutdownDelay, new CountDownLatch(1));
    }
    String reason = stopReason != null ? stopReason : killReason(main);
    List<TaskSpec> toKill = select(s -> !s.hook().equals("poststop"));
    // The leader is killed first, as in Nomad, then everything else concurrently.
    for (TaskSpec s : toKill) {
      if (s.leader() && started.contains(s.runner())) {
        s.runner().kill(reason);
      }
    }
    List<java.util.concurrent.Future<?>> kills = new ArrayList<>();
    for (TaskSpec s : toKill) {
      if (started.contains(s.runner()) && !s.runner().state().dead()) {
        kills.add(executor.submit(() -> s.runner().kill(reason)));
      }
    }
    for (java.util.concurrent.Future<?> f : kills) {
      try {
        f.get();
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException("killing a task of " + allocId + " failed", e.getCause());
      }
    }
    awaitUntil(() -> toKill.stream()
        .filter(s -> started.contains(s.runner()))
        .allMatch(s -> s.runner().state().dead()));
  }

  private String killReason(List<TaskSpec> main) {
    for (TaskSpec s : tasks) {
      TaskRunState st = s.runner().state();
      if (st.failed()) {
        return "Sibling task " + s.runner().taskName() + " failed";
      }
      if (s.leader() && st.dead()) {
        return "Leader task " + s.runner().taskName() + " is dead";
      }
    }
    return main.isEmpty() ? "No main tasks" : "Main tasks are complete";
  }

  private void runPoststop() throws InterruptedException {
    List<TaskSpec> poststop = select(s -> s.hook().equals("poststop"));
    startAll(poststop);
    awaitUntil(() -> poststop.stream().allMatch(s -> s.runner().state().dead()));
  }

  /** Tasks that never started (their phase was skipped) are marked dead. */
  private void finishUnstarted() throws InterruptedException {
    for (TaskSpec s : tasks) {
      if (!started.contains(s.runner())) {
        s.runner().kill("Allocation stopped before the task started");
        s.runner().run();
      }
    }
  }

  private List<TaskSpec> select(Predicate<TaskSpec> p) {
    return tasks.stream().filter(p).toList();
  }

  private void startAll(List<TaskSpec> specs) {
    for (TaskSpec s : specs) {
      synchronized (lock) {
        if (!started.add(s.runner())) {
          continue;
        }
      }
      executor.submit(() -> {
        try {
          if (s.recovered() != null) {
            s.runner().runRecovered(s.recovered());
          } else {
            s.runner().run();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return null;
      });
    }
  }

  private void changed() {
    synchronized (lock) {
      lock.notifyAll();
    }
    listener.accept(this);
  }

  private void awaitUntil(BooleanSupplier condition) throws InterruptedException {
    synchronized (lock) {
      while (!condition.getAsBoolean()) {
        lock.wait(200);
      }
    }
  }
}
