package io.caravan.state.server.internal;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.EvalStatus;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.NodeStatus;
import io.caravan.scheduler.broker.BlockedEvals;
import io.caravan.scheduler.broker.DequeuedEval;
import io.caravan.scheduler.broker.EvalBroker;
import io.caravan.scheduler.broker.EvalBrokerConfig;
import io.caravan.scheduler.schedulers.SchedulerFactory;
import io.caravan.state.config.ServerConfig;
import io.caravan.state.fsm.Command;
import io.caravan.state.server.SchedulerProvider;
import io.caravan.state.server.SchedulingStats;
import io.caravan.state.server.Timers;
import io.caravan.state.store.StateSnapshot;
import io.caravan.state.store.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's scheduling side (Nomad's leader loops): the {@link EvalBroker} restored from the
 * pending evaluations in state, {@link BlockedEvals} restored from the blocked ones, {@code
 * num_schedulers} {@link Worker} threads, the serial {@link PlanApplierLoop}, and a maintenance timer
 * (broker ticks for nack timeouts and delayed evaluations, failed-queue reaping, cancelling
 * superseded evaluations, releasing max-plan-attempts evaluations every minute, and garbage
 * collection every {@code gc.interval} with the {@link GarbageCollector}).
 * Applied FSM commands feed it: pending evaluations are enqueued, blocked ones tracked, and capacity
 * that appears (a node turning ready or eligible, an allocation finishing) unblocks evaluations.
 */
public final class SchedulingPipeline implements LeaderServices.Pipeline {
  private static final Logger LOG = LoggerFactory.getLogger(SchedulingPipeline.class);
  static final List<String> SCHEDULER_TYPES =
      List.of(SchedulerFactory.SERVICE, SchedulerFactory.BATCH, SchedulerFactory.SYSTEM, SchedulerFactory.SYSBATCH);
  private static final Duration MAINTENANCE_INTERVAL = Duration.ofMillis(500);
  private static final Duration UNBLOCK_FAILED_INTERVAL = Duration.ofMinutes(1);
  private static final int CANCEL_BATCH = 728;

  private final String server;
  private final ServerConfig config;
  private final StateStore store;
  private final ToLongFunction<Command> write;
  private final Timers timers;
  private final Supplier<String> ids;
  private final Clock clock;
  private final RandomGenerator random;
  private final SchedulerProvider schedulers;

  final AtomicLong evalsProcessed = new AtomicLong();
  final AtomicLong evalsNacked = new AtomicLong();
  final AtomicLong plansApplied = new AtomicLong();
  final AtomicLong plansPartial = new AtomicLong();

  private final Object lock = new Object();
  private Run run;

  /** Everything one term of leadership started; replaced on the next. */
  final class Run {
    final EvalBroker broker;
    final BlockedEvals blocked;
    final PlanApplierLoop applier;
    final List<Worker> workers = new ArrayList<>();
    final Object wake = new Object();
    long readySignals;
    volatile boolean running = true;
    Timers.Timer maintenance;
    long lastUnblockFailedMillis;
    long lastGcMillis;

    Run(StateSnapshot state) {
      broker = new EvalBroker(EvalBrokerConfig.defaults(), clock, random);
      blocked = new BlockedEvals(broker);
      broker.setReadyListener(() -> {
        synchronized (wake) {
          readySignals++;
          wake.notifyAll();
        }
      });
      broker.setEnabled(true);
      blocked.setEnabled(true);
      for (Evaluation e : state.evals()) {
        if (EvalStatus.PENDING.equals(e.status())) {
          broker.enqueue(e);
        } else if (EvalStatus.BLOCKED.equals(e.status())) {
          blocked.block(e);
        }
      }
      applier = new PlanApplierLoop(server, store, write, broker, SchedulingPipeline.this);
      for (int i = 0; i < config.numSchedulers(); i++) {
        workers.add(new Worker(server + "-worker-" + i, this, SchedulingPipeline.this));
      }
      lastUnblockFailedMillis = clock.millis();
      lastGcMillis = clock.millis();
    }

    void startThreads() {
      applier.start();
      workers.forEach(Worker::start);
      scheduleMaintenance();
    }

    private void scheduleMaintenance() {
      if (running) {
        maintenance = timers.schedule(MAINTENANCE_INTERVAL, () -> {
          try {
            maintain(this);
          } catch (RuntimeException e) {
            if (running) {
              LOG.warn("server {}: scheduling maintenance failed: {}", server, e.toString());
            }
          }
          scheduleMaintenance();
        });
      }
    }

    void stop() {
      running = false;
      if (maintenance != null) {
        maintenance.cancel();
      }
      synchronized (wake) {
        wake.notifyAll();
      }
      workers.forEach(Worker::interrupt);
      applier.stop();
      for (Worker w : workers) {
        w.join(Duration.ofSeconds(5));
      }
      applier.join(Duration.ofSeconds(5));
      blocked.setEnabled(false);
      broker.setEnabled(false);
    }

    /** Waits up to {@code max} for the broker to signal a ready evaluation after {@code seen}. */
    long awaitReady(long seen, Duration max) throws InterruptedException {
      synchronized (wake) {
        if (readySignals == seen && running) {
          wake.wait(max.toMillis());
        }
        return readySignals;
      }
    }

    long readySignals() {
      synchronized (wake) {
        return readySignals;
      }
    }
  }

  public SchedulingPipeline(String server, ServerConfig config, StateStore store, ToLongFunction<Command> write,
      Timers timers, Supplier<String> ids, Clock clock, RandomGenerator random, SchedulerProvider schedulers) {
    this.server = server;
    this.config = config;
    this.store = store;
    this.write = write;
    this.timers = timers;
    this.ids = ids;
    this.clock = clock;
    this.random = random;
    this.schedulers = schedulers;
  }

  ServerConfig config() {
    return config;
  }

  StateStore store() {
    return store;
  }

  Clock clock() {
    return clock;
  }

  SchedulerProvider schedulers() {
    return schedulers;
  }

  long write(Command c) {
    return write.applyAsLong(c);
  }

  @Override
  public void start(StateSnapshot state) {
    synchronized (lock) {
      if (run != null) {
        run.stop();
      }
      run = new Run(state);
      run.startThreads();
    }
  }

  @Override
  public void stop() {
    Run r;
    synchronized (lock) {
      r = run;
      run = null;
    }
    if (r != null) {
      r.stop();
    }
  }

  /** The running term's broker, if leading (for tests and stats). */
  public Optional<EvalBroker> broker() {
    synchronized (lock) {
      return Optional.ofNullable(run).map(r -> r.broker);
    }
  }

  public SchedulingStats stats() {
    return new SchedulingStats(evalsProcessed.get(), evalsNacked.get(), plansApplied.get(), plansPartial.get());
  }

  // ------------------------------------------------------------------ FSM feed

  @Override
  public void applied(long index, Command command, StateSnapshot after) {
    Run r;
    synchronized (lock) {
      r = run;
    }
    if (r == null) {
      return;
    }
    feed(r, index, command, after);
  }

  private void feed(Run r, long index, Command command, StateSnapshot after) {
    if (command instanceof Command.RegisterJob c) {
      evals(r, c.eval() == null ? List.of() : List.of(c.eval()), after);
    } else if (command instanceof Command.DeregisterJob c) {
      r.blocked.untrack(c.namespace(), c.jobId());
      evals(r, c.eval() == null ? List.of() : List.of(c.eval()), after);
    } else if (command instanceof Command.UpsertEvals c) {
      evals(r, c.evals(), after);
    } else if (command instanceof Command.ApplyPlanResult c) {
      evals(r, c.evals(), after);
      for (Allocation a : c.allocs()) {
        if (a.terminal()) {
          capacityFreed(r, a.nodeID(), index, after);
        }
      }
    } else if (command instanceof Command.ClientAllocUpdates c) {
      for (Allocation u : c.allocs()) {
        if (u.clientStatus().equals("complete") || u.clientStatus().equals("failed")) {
          after.allocById(u.id()).ifPresent(a -> capacityFreed(r, a.nodeID(), index, after));
        }
      }
      evals(r, c.evals(), after);
    } else if (command instanceof Command.UpsertNode c) {
      nodeChanged(r, c.node().id(), index, after);
    } else if (command instanceof Command.UpdateNodeStatus c) {
      nodeChanged(r, c.nodeId(), index, after);
      evals(r, c.evals(), after);
    } else if (command instanceof Command.UpdateNodeEligibility c) {
      nodeChanged(r, c.nodeId(), index, after);
    } else if (command instanceof Command.UpdateNodeDrain c) {
      nodeChanged(r, c.nodeId(), index, after);
    } else if (command instanceof Command.Batch c) {
      c.commands().forEach(sub -> feed(r, index, sub, after));
    }
  }

  /** Nomad's handleUpsertedEval: pending ones go to the broker, blocked ones to BlockedEvals. */
  private void evals(Run r, List<Evaluation> written, StateSnapshot after) {
    for (Evaluation w : written) {
      Evaluation e = after.evalById(w.id()).orElse(null);
      if (e == null) {
        continue;
      }
      if (EvalStatus.PENDING.equals(e.status())) {
        r.broker.enqueue(e);
      } else if (EvalStatus.BLOCKED.equals(e.status())) {
        // an evaluation re-blocked by the worker holding it is tracked by the worker with its token
        if (r.broker.outstanding(e.id()).isEmpty()) {
          r.blocked.block(e);
        }
      } else if (EvalStatus.COMPLETE.equals(e.status())
          && (e.failedTGAllocs() == null || e.failedTGAllocs().isEmpty())) {
        r.blocked.untrack(e.namespace(), e.jobID());
      }
    }
  }

  private void nodeChanged(Run r, String nodeId, long index, StateSnapshot after) {
    Node n = after.nodeById(nodeId).orElse(null);
    if (n != null && NodeStatus.READY.equals(n.status()) && NodeStatus.ELIGIBLE.equals(n.schedulingEligibility())) {
      r.blocked.unblock(n.computedClass(), index);
      r.blocked.unblockNode(nodeId, index);
    }
  }

  private void capacityFreed(Run r, String nodeId, long index, StateSnapshot after) {
    after.nodeById(nodeId).ifPresent(n -> {
      r.blocked.unblock(n.computedClass(), index);
      r.blocked.unblockNode(nodeId, index);
    });
  }

  // ------------------------------------------------------------------ maintenance

  private void maintain(Run r) {
    if (!r.running) {
      return;
    }
    r.broker.tick();
    // evaluations delivered too often: mark them failed (Nomad's reapFailedEvaluations, without the follow-up)
    Optional<DequeuedEval> failed;
    while (r.running && (failed = r.broker.tryDequeue(List.of(EvalBroker.FAILED_QUEUE))).isPresent()) {
      DequeuedEval d = failed.get();
      Evaluation e = d.eval().toBuilder().status(EvalStatus.FAILED)
          .statusDescription("evaluation reached delivery limit (" + EvalBrokerConfig.defaults().deliveryLimit() + ")")
          .build();
      write(new Command.UpsertEvals(List.of(e)));
      r.broker.ack(e.id(), d.token());
    }
    List<Evaluation> cancel = new ArrayList<>();
    cancel.addAll(r.broker.drainCancelable(CANCEL_BATCH));
    cancel.addAll(r.blocked.drainDuplicates());
    if (!cancel.isEmpty()) {
      write(new Command.UpsertEvals(cancel.stream().map(e -> e.toBuilder().status(EvalStatus.CANCELED)
          .statusDescription("canceled: superseded by a newer evaluation of the job").build()).toList()));
    }
    if (clock.millis() - r.lastUnblockFailedMillis >= UNBLOCK_FAILED_INTERVAL.toMillis()) {
      r.lastUnblockFailedMillis = clock.millis();
      r.blocked.unblockFailed();
    }
    if (clock.millis() - r.lastGcMillis >= config.gc().interval().toMillis()) {
      r.lastGcMillis = clock.millis();
      java.time.Instant now = clock.instant();
      List<Command> gc = new GarbageCollector(config.gc())
          .collect(store.snapshot(), now.getEpochSecond() * 1_000_000_000L + now.getNano());
      if (!gc.isEmpty()) {
        write(gc.size() == 1 ? gc.get(0) : new Command.Batch(gc));
      }
    }
  }

  Supplier<String> ids() {
    return ids;
  }
}
