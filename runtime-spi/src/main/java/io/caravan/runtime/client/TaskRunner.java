package io.caravan.runtime.client;

import com.google.common.collect.ImmutableList;
import io.caravan.runtime.driver.DriverException;
import io.caravan.runtime.driver.ExitResult;
import io.caravan.runtime.driver.TaskConfig;
import io.caravan.runtime.driver.TaskDriver;
import io.caravan.runtime.driver.TaskHandle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Drives one task through a {@link TaskDriver}: starts it, waits for it to exit, restarts it as
 * its {@link RestartTracker} decides, and kills it on request with the task's {@code kill_signal},
 * escalating to a forced kill after {@code kill_timeout} (the driver's stop does the escalation).
 * Its state moves pending → running → (pending while restarting) → dead.
 *
 * <p>{@link #run()} blocks the calling thread until the task is dead; {@link #kill} may be called
 * from any thread.
 */
public final class TaskRunner {

  private final TaskDriver driver;
  private final TaskConfig config;
  private final RestartTracker restarts;
  private final Duration killTimeout;
  private final String killSignal;
  private final Clock clock;
  private final Sleeper sleeper;
  private final java.util.concurrent.CopyOnWriteArrayList<Consumer<TaskRunner>> listeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Consumer<TaskHandle> handleSink;
  private final CountDownLatch killRequested = new CountDownLatch(1);
  private final CountDownLatch done = new CountDownLatch(1);

  private final Object lock = new Object();
  private String state = TaskRunState.PENDING;
  private boolean failed;
  private long restartCount;
  private @Nullable Instant lastRestart;
  private @Nullable Instant startedAt;
  private @Nullable Instant finishedAt;
  private final List<TaskEvent> events = new ArrayList<>();
  private @Nullable TaskHandle handle;
  private @Nullable String killReason;
  private boolean stopSent;
  private final Runnable setup;
  private boolean setupDone;

  private TaskRunner(Builder b) {
    this.driver = Objects.requireNonNull(b.driver, "driver");
    this.config = Objects.requireNonNull(b.config, "config");
    this.restarts = Objects.requireNonNull(b.restarts, "restarts");
    this.killTimeout = b.killTimeout;
    this.killSignal = b.killSignal;
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.listeners.add(b.listener);
    this.handleSink = b.handleSink;
    this.setup = b.setup;
    event(TaskEvent.RECEIVED, "Task received by client", 0, 0);
  }

  /** Returns a builder; driver, task config and restart tracker are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Adds a listener called after every state change (from the runner's thread). */
  public void addListener(Consumer<TaskRunner> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  private void notifyListeners() {
    for (Consumer<TaskRunner> l : listeners) {
      l.accept(this);
    }
  }

  /** The task's name. */
  public String taskName() {
    return config.taskName();
  }

  /** The task config handed to the driver. */
  public TaskConfig config() {
    return config;
  }

  /** The handle of the running task, if it is running. */
  public Optional<TaskHandle> handle() {
    synchronized (lock) {
      return Optional.ofNullable(handle);
    }
  }

  /** A snapshot of the task's state. */
  public TaskRunState state() {
    synchronized (lock) {
      return new TaskRunState(
          state, failed, restartCount, lastRestart, startedAt, finishedAt,
          ImmutableList.copyOf(events));
    }
  }

  /** Starts the task and supervises it until it is dead. */
  public void run() throws InterruptedException {
    supervise(null);
  }

  /**
   * Takes over a task that was running before the client restarted: the driver recovers the handle
   * and the runner supervises it from there, without starting it again. If the driver cannot
   * recover it, the task is started as after a failed start.
   */
  public void runRecovered(TaskHandle recovered) throws InterruptedException {
    supervise(Objects.requireNonNull(recovered, "recovered"));
  }

  /** Blocks until the task is dead. */
  public void awaitDead() throws InterruptedException {
    done.await();
  }

  /**
   * Kills the task: it will not be restarted, and a running process gets {@code kill_signal}, then
   * SIGKILL after {@code kill_timeout}. Blocks until the driver has stopped it.
   *
   * @param reason why the task is killed (recorded in the Killing event)
   */
  public void kill(String reason) {
    TaskHandle running;
    synchronized (lock) {
      if (killReason != null || TaskRunState.DEAD.equals(state)) {
        killRequested.countDown();
        return;
      }
      killReason = reason;
      killRequested.countDown();
      running = handle;
      if (running != null) {
        stopSent = true;
        event(TaskEvent.KILLING, reason + "; sending " + killSignal + ", timeout " + killTimeout,
            0, 0);
      }
    }
    if (running != null) {
      driver.stop(running.taskId(), killTimeout, killSignal);
    }
  }

  private boolean killed() {
    return killRequested.getCount() == 0;
  }

  private void supervise(@Nullable TaskHandle recovered) throws InterruptedException {
    try {
      TaskHandle current = recovered;
      while (true) {
        if (killed()) {
          String why;
          synchronized (lock) {
            why = killReason;
          }
          finish(false, TaskEvent.KILLED, "Task killed before it started: " + why);
          return;
        }
        if (current != null) {
          try {
            driver.recover(current);
            setupDone = true;
            running(current, TaskEvent.RECOVERED, "Task recovered after client restart");
            stopIfKilledMeanwhile(current);
          } catch (DriverException e) {
            event(TaskEvent.DRIVER_FAILURE, "Could not recover task: " + e.getMessage(), 0, 0);
            current = null;
          }
        }
        if (current == null && !setupDone) {
          try {
            setup.run();
            setupDone = true;
          } catch (TaskSetupException e) {
            event(TaskEvent.SETUP_FAILURE, e.getMessage(), 0, 0);
            restarts.startFailed(e, true);
          }
        }
        if (current == null && setupDone) {
          try {
            current = driver.start(config);
            handleSink.accept(current);
            running(current, TaskEvent.STARTED, "Task started by client");
            stopIfKilledMeanwhile(current);
          } catch (DriverException e) {
            event(TaskEvent.DRIVER_FAILURE, e.getMessage(), 0, 0);
            restarts.startFailed(e, e.recoverable());
          }
        }
        if (current != null) {
          ExitResult exit = awaitExit(current);
          synchronized (lock) {
            handle = null;
            String detail = exit.error().isEmpty() ? "" : ": " + exit.error();
            event(TaskEvent.TERMINATED,
                "Exit Code: " + exit.exitCode()
                    + (exit.signal() != 0 ? ", Signal: " + exit.signal() : "")
                    + (exit.oomKilled() ? ", OOM Killed" : "") + detail,
                exit.exitCode(), exit.signal());
          }
          restarts.exited(exit);
          current = null;
        }
        if (killed()) {
          restarts.killed();
        }
        RestartDecision decision = restarts.decide();
        switch (decision.outcome()) {
          case KILLED -> {
            finish(false, TaskEvent.KILLED, "Task successfully killed");
            return;
          }
          case TERMINATED -> {
            finish(false, null, decision.reason());
            return;
          }
          case NOT_RESTARTING -> {
            finish(true, TaskEvent.NOT_RESTARTING, decision.reason());
            return;
          }
          case RESTART -> {
            synchronized (lock) {
              state = TaskRunState.PENDING;
              event(TaskEvent.RESTARTING,
                  decision.reason() + "; restarting in " + decision.delay(), 0, 0);
            }
            notifyListeners();
            if (sleeper.sleep(decision.delay(), killRequested)) {
              continue; // killed while waiting: the loop top records it
            }
            synchronized (lock) {
              restartCount++;
              lastRestart = clock.instant();
            }
          }
        }
      }
    } finally {
      done.countDown();
    }
  }

  /** A kill that raced with the start saw no handle to stop; stop the task now. */
  private void stopIfKilledMeanwhile(TaskHandle started) {
    boolean stop;
    synchronized (lock) {
      stop = killReason != null && !stopSent && handle == started;
      if (stop) {
        stopSent = true;
        event(TaskEvent.KILLING, killReason + "; sending " + killSignal, 0, 0);
      }
    }
    if (stop) {
      driver.stop(started.taskId(), killTimeout, killSignal);
    }
  }

  private ExitResult awaitExit(TaskHandle running) throws InterruptedException {
    try {
      return driver.waitTask(running.taskId()).get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return ExitResult.error("waiting for the task failed: " + cause.getMessage());
    }
  }

  private void running(TaskHandle h, String eventType, String message) {
    synchronized (lock) {
      handle = h;
      state = TaskRunState.RUNNING;
      startedAt = clock.instant();
      event(eventType, message, 0, 0);
    }
    notifyListeners();
  }

  private void finish(boolean failure, @Nullable String eventType, String message) {
    synchronized (lock) {
      if (eventType != null) {
        event(eventType, message, 0, 0);
      }
      handle = null;
      failed = failure;
      state = TaskRunState.DEAD;
      finishedAt = clock.instant();
    }
    driverCleanup();
    notifyListeners();
  }

  private void driverCleanup() {
    try {
      driver.destroy(config.id(), true);
    } catch (DriverException e) {
      // The driver already forgot the task (it never started or was destroyed); nothing to clean.
      synchronized (lock) {
        events.add(new TaskEvent("Cleanup", clock.instant(), e.getMessage(), 0, 0));
      }
    }
  }

  private void event(String type, String message, int exitCode, int signal) {
    synchronized (lock) {
      events.add(new TaskEvent(type, clock.instant(), message == null ? "" : message, exitCode,
          signal));
    }
  }

  /** Builder of a {@link TaskRunner}. */
  public static final class Builder {
    private @Nullable TaskDriver driver;
    private @Nullable TaskConfig config;
    private @Nullable RestartTracker restarts;
    private Duration killTimeout = Duration.ofSeconds(5);
    private String killSignal = "SIGINT";
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.real();
    private Consumer<TaskRunner> listener = r -> {};
    private Consumer<TaskHandle> handleSink = h -> {};
    private Runnable setup = () -> {};

    private Builder() {}

    /** The driver that runs the task. */
    public Builder driver(TaskDriver driver) {
      this.driver = driver;
      return this;
    }

    /** The task's config (env, dirs, log paths, driver config already interpolated). */
    public Builder config(TaskConfig config) {
      this.config = config;
      return this;
    }

    /** The task's restart tracker. */
    public Builder restarts(RestartTracker restarts) {
      this.restarts = restarts;
      return this;
    }

    /** The task's kill_timeout (Nomad default 5 s). */
    public Builder killTimeout(Duration killTimeout) {
      this.killTimeout = Objects.requireNonNull(killTimeout);
      return this;
    }

    /** The task's kill_signal (Nomad default SIGINT); empty means the default. */
    public Builder killSignal(String killSignal) {
      this.killSignal = killSignal == null || killSignal.isEmpty() ? "SIGINT" : killSignal;
      return this;
    }

    /** The time source. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /** How restart delays are waited. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper);
      return this;
    }

    /** Called after every state change (from the runner's thread). */
    public Builder listener(Consumer<TaskRunner> listener) {
      this.listener = Objects.requireNonNull(listener);
      return this;
    }

    /** Receives the handle of every started task, to persist for recovery. */
    public Builder handleSink(Consumer<TaskHandle> handleSink) {
      this.handleSink = Objects.requireNonNull(handleSink);
      return this;
    }

    /**
     * Prepares the task's files before its first start (artifacts, templates, payload); a {@link
     * TaskSetupException} is recorded as a Setup Failure and retried per the restart policy.
     * Not run for a recovered task.
     */
    public Builder setup(Runnable setup) {
      this.setup = Objects.requireNonNull(setup);
      return this;
    }

    /** Builds the runner. */
    public TaskRunner build() {
      return new TaskRunner(this);
    }
  }
}
