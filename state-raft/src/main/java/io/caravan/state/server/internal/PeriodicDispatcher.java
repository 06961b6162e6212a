package io.caravan.state.server.internal;

import io.caravan.model.job.Job;
import io.caravan.model.periodic.PeriodicSchedule;
import io.caravan.state.fsm.Command;
import io.caravan.state.server.Timers;
import io.caravan.state.store.PeriodicLaunch;
import io.caravan.state.store.StateSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's periodic job dispatcher (Nomad's PeriodicDispatch): keeps one timer per active periodic
 * job at its next launch time (from its cron and time zone, on the injected clock), and when it falls due
 * launches a child {@code <parent>/periodic-<unix seconds>} with its evaluation and records the launch
 * time in state, unless {@code prohibit_overlap} is set and an earlier child still runs.
 *
 * <p>Started from the state when this server becomes leader: a job whose next launch after its recorded
 * last launch (its registration time when it never launched) is already past is launched once at once,
 * as Nomad's leader does, then follows its schedule. Told about registrations and deregistrations as they
 * are applied. Launch writes run on timer threads, never on the thread applying commands.
 */
public final class PeriodicDispatcher implements LeaderServices.Pipeline {
  private static final Logger LOG = LoggerFactory.getLogger(PeriodicDispatcher.class);

  private final String server;
  private final Timers timers;
  private final Clock clock;
  private final Supplier<String> ids;
  private final ToLongFunction<Command> write;
  private final Supplier<StateSnapshot> state;
  private final Map<String, Tracked> tracked = new HashMap<>();
  private boolean running;

  /** One tracked parent: the job version it was scheduled for, its schedule and its pending timer. */
  private static final class Tracked {
    final Job job;
    final PeriodicSchedule schedule;
    Timers.Timer timer;

    Tracked(Job job, PeriodicSchedule schedule) {
      this.job = job;
      this.schedule = schedule;
    }
  }

  public PeriodicDispatcher(String server, Timers timers, Clock clock, Supplier<String> ids,
      ToLongFunction<Command> write, Supplier<StateSnapshot> state) {
    this.server = server;
    this.timers = timers;
    this.clock = clock;
    this.ids = ids;
    this.write = write;
    this.state = state;
  }

  private static String key(String namespace, String jobId) {
    return (namespace == null ? "default" : namespace) + "\u0000" + jobId;
  }

  @Override
  public synchronized void start(StateSnapshot s) {
    running = true;
    Instant now = clock.instant();
    for (Job job : s.jobs()) {
      if (!PeriodicLaunches.active(job)) {
        continue;
      }
      Tracked t = track(job);
      if (t == null) {
        continue;
      }
      Optional<PeriodicLaunch> last = s.periodicLaunch(ns(job), job.id());
      long lastNanos = last.map(PeriodicLaunch::launchNanos)
          .orElse(job.submitTime() == null ? Long.MIN_VALUE : job.submitTime());
      Instant missed = lastNanos == Long.MIN_VALUE ? null
          : t.schedule.next(Instant.ofEpochSecond(0, lastNanos)).filter(n -> n.isBefore(now)).orElse(null);
      if (missed != null) {
        // a launch fell due while no leader ran the schedule: launch once now (a write: not on this thread)
        LOG.info("server {}: periodic job {} missed its launch at {}; launching it now", server, job.id(), missed);
        arm(key(job.namespace(), job.id()), t, now, Duration.ZERO);
      } else {
        armNext(key(job.namespace(), job.id()), t, now);
      }
    }
  }

  @Override
  public synchronized void applied(long index, Command command, StateSnapshot after) {
    if (!running) {
      return;
    }
    if (command instanceof Command.Batch b) {
      b.commands().forEach(c -> applied(index, c, after));
    } else if (command instanceof Command.RegisterJob r
        && (r.job().periodic() != null || tracked.containsKey(key(r.job().namespace(), r.job().id())))) {
      resync(r.job().namespace(), r.job().id(), after);
    } else if (command instanceof Command.DeregisterJob d) {
      resync(d.namespace(), d.jobId(), after);
    }
  }

  @Override
  public synchronized void stop() {
    running = false;
    tracked.values().forEach(t -> {
      if (t.timer != null) {
        t.timer.cancel();
      }
    });
    tracked.clear();
  }

  /** The parents this dispatcher follows and when each launches next (for tests and status). */
  public synchronized Map<String, Instant> nextLaunches() {
    Map<String, Instant> out = new java.util.TreeMap<>();
    Instant now = clock.instant();
    tracked.forEach((k, t) -> t.schedule.next(now).ifPresent(n -> out.put(k.replace('\u0000', '/'), n)));
    return out;
  }

  private void resync(String namespace, String jobId, StateSnapshot after) {
    String key = key(namespace, jobId);
    Job job = after.jobById(namespace == null ? "default" : namespace, jobId).orElse(null);
    Tracked old = tracked.get(key);
    if (old != null && job != null && old.job.equals(job)) {
      return;
    }
    untrack(key);
    if (job != null && PeriodicLaunches.active(job)) {
      Tracked t = track(job);
      if (t != null) {
        armNext(key, t, clock.instant());
      }
    }
  }

  private Tracked track(Job job) {
    PeriodicSchedule schedule;
    try {
      schedule = PeriodicSchedule.of(job.periodic());
    } catch (RuntimeException e) {
      // registration validates crons and zones; a job stored before that (or by a newer rule) is skipped
      LOG.warn("server {}: periodic job {} has an unusable schedule and will not launch: {}", server, job.id(),
          e.getMessage());
      return null;
    }
    Tracked t = new Tracked(job, schedule);
    tracked.put(key(job.namespace(), job.id()), t);
    return t;
  }

  private void untrack(String key) {
    Tracked t = tracked.remove(key);
    if (t != null && t.timer != null) {
      t.timer.cancel();
    }
  }

  private void armNext(String key, Tracked t, Instant after) {
    Optional<Instant> next = t.schedule.next(after);
    if (next.isEmpty()) {
      LOG.info("server {}: periodic job {} has no launch after {}", server, t.job.id(), after);
      return;
    }
    arm(key, t, next.get(), Duration.between(clock.instant(), next.get()));
  }

  private void arm(String key, Tracked t, Instant launch, Duration delay) {
    t.timer = timers.schedule(delay.isNegative() ? Duration.ZERO : delay, () -> fire(key, t, launch));
  }

  /** A timer fell due: launch (unless it fired early, the job changed, or overlap is prohibited), then re-arm. */
  private void fire(String key, Tracked t, Instant launch) {
    Job job;
    synchronized (this) {
      if (!running || tracked.get(key) != t) {
        return;
      }
      Instant now = clock.instant();
      if (now.isBefore(launch)) {
        arm(key, t, launch, Duration.between(now, launch));
        return;
      }
      job = t.job;
      // the next launch after this one, skipping those already past (no burst after a stall)
      Instant from = launch;
      Optional<Instant> next = t.schedule.next(from);
      if (next.isPresent() && next.get().isBefore(now)) {
        next = t.schedule.next(now);
      }
      if (next.isPresent()) {
        arm(key, t, next.get(), Duration.between(now, next.get()));
      }
    }
    StateSnapshot s = state.get();
    Optional<Job> current = s.jobById(ns(job), job.id());
    if (current.isEmpty() || !PeriodicLaunches.active(current.get())) {
      return;
    }
    if (Boolean.TRUE.equals(job.periodic().prohibitOverlap()) && PeriodicLaunches.runningChildren(s, current.get())) {
      LOG.info("server {}: skipping the launch of periodic job {} at {}: a previous child still runs "
          + "(prohibit_overlap)", server, job.id(), launch);
      return;
    }
    try {
      PeriodicLaunches.Launch l = PeriodicLaunches.launch(current.get(), launch, ids.get(), UnixNanos.of(clock.instant()));
      write.applyAsLong(l.command());
      LOG.info("server {}: launched periodic job {} as {}", server, job.id(), l.childId());
    } catch (RuntimeException e) {
      LOG.warn("server {}: launching periodic job {} at {} failed: {}", server, job.id(), launch, e.toString());
    }
  }

  private static String ns(Job job) {
    return job.namespace() == null ? "default" : job.namespace();
  }

  /** For tests: the IDs of tracked parents. */
  synchronized List<String> trackedJobs() {
    return tracked.keySet().stream().map(k -> k.replace('\u0000', '/')).sorted().toList();
  }
}
