package io.caravan.state.server.internal;

import io.caravan.model.cluster.Evaluation;
import io.caravan.model.cluster.Plan;
import io.caravan.model.cluster.PlanResult;
import io.caravan.scheduler.broker.DequeuedEval;
import io.caravan.scheduler.broker.EvalBroker;
import io.caravan.scheduler.schedulers.Scheduler;
import io.caravan.scheduler.schedulers.SchedulerContext;
import io.caravan.scheduler.snapshot.Planner;
import io.caravan.scheduler.snapshot.PlanSubmission;
import io.caravan.scheduler.snapshot.SchedulerConfiguration;
import io.caravan.state.fsm.Command;
import io.caravan.state.store.StateSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scheduler worker thread on the leader (Nomad's worker): dequeues an evaluation, waits until the
 * local state has caught up with the evaluation's modify index, runs the scheduler for its type on a
 * snapshot with itself as the {@link Planner}, then acks the evaluation, or nacks it when the
 * scheduler failed.
 */
final class Worker {
  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
  private static final Duration DEQUEUE_WAIT = Duration.ofMillis(500);
  private static final Duration SNAPSHOT_WAIT = Duration.ofSeconds(5);

  private final String name;
  private final SchedulingPipeline.Run run;
  private final SchedulingPipeline pipeline;
  private final Thread thread;

  Worker(String name, SchedulingPipeline.Run run, SchedulingPipeline pipeline) {
    this.name = name;
    this.run = run;
    this.pipeline = pipeline;
    this.thread = new Thread(this::loop, "caravan-" + name);
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  void interrupt() {
    thread.interrupt();
  }

  void join(Duration timeout) {
    try {
      thread.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void loop() {
    EvalBroker broker = run.broker;
    while (run.running) {
      try {
        long seen = run.readySignals();
        Optional<DequeuedEval> next = broker.tryDequeue(SchedulingPipeline.SCHEDULER_TYPES);
        if (next.isEmpty()) {
          run.awaitReady(seen, DEQUEUE_WAIT);
          continue;
        }
        process(next.get());
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (run.running) {
          LOG.warn("{}: {}", name, e.toString());
        }
      }
    }
  }

  private void process(DequeuedEval d) throws InterruptedException {
    Evaluation eval = d.eval();
    try {
      StateSnapshot snapshot = pipeline.store().awaitIndexAbove(eval.modifyIndex() - 1, SNAPSHOT_WAIT);
      if (snapshot.latestIndex() < eval.modifyIndex()) {
        throw new IllegalStateException("state did not reach index " + eval.modifyIndex() + " within " + SNAPSHOT_WAIT);
      }
      WorkerPlanner planner = new WorkerPlanner(d, snapshot.latestIndex());
      SchedulerConfiguration config = snapshot.schedulerConfig().orElseGet(() -> new SchedulerConfiguration(
          pipeline.config().schedulerAlgorithm(), SchedulerConfiguration.serverDefaults().preemptionConfig(), false));
      Scheduler scheduler = pipeline.schedulers().create(eval.type(),
          new SchedulerContext(snapshot, planner, config, pipeline.clock()));
      scheduler.process(eval);
      run.broker.ack(eval.id(), d.token());
      pipeline.evalsProcessed.incrementAndGet();
    } catch (InterruptedException e) {
      throw e;
    } catch (RuntimeException e) {
      if (!run.running) {
        return;
      }
      LOG.warn("{}: evaluation {} of job {} failed, nacking: {}", name, eval.id(), eval.jobID(), e.toString());
      pipeline.evalsNacked.incrementAndGet();
      try {
        run.broker.nack(eval.id(), d.token());
      } catch (RuntimeException nackFailed) {
        LOG.warn("{}: nack of evaluation {} failed: {}", name, eval.id(), nackFailed.toString());
      }
    }
  }

  /** The scheduler's view of the server while it processes one evaluation. */
  private final class WorkerPlanner implements Planner {
    private final DequeuedEval dequeued;
    private long snapshotIndex;

    WorkerPlanner(DequeuedEval dequeued, long snapshotIndex) {
      this.dequeued = dequeued;
      this.snapshotIndex = snapshotIndex;
    }

    private String evalId() {
      return dequeued.eval().id();
    }

    @Override
    public PlanSubmission submitPlan(Plan plan) {
      // absent per-node maps become empty ones (PlanApplier expects all three)
      Plan stamped = new Plan(plan.evalID(), dequeued.token(), plan.priority(), plan.allAtOnce(), plan.job(),
          orEmpty(plan.nodeUpdate()), orEmpty(plan.nodeAllocation()), orEmpty(plan.nodePreemptions()),
          plan.annotations(), plan.deployment(), plan.deploymentUpdates(), snapshotIndex);
      run.broker.pauseNackTimeout(evalId(), dequeued.token());
      PlanResult result;
      try {
        result = run.applier.submit(stamped).get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for the plan applier", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("plan of evaluation " + evalId() + " failed: " + e.getCause(),
            e.getCause());
      } finally {
        if (run.running) {
          run.broker.resumeNackTimeout(evalId(), dequeued.token());
        }
      }
      if (result.refreshIndex() == 0) {
        return PlanSubmission.committed(result);
      }
      try {
        StateSnapshot refreshed = pipeline.store().awaitIndexAbove(
            Math.max(result.refreshIndex(), result.allocIndex()) - 1, SNAPSHOT_WAIT);
        snapshotIndex = refreshed.latestIndex();
        return PlanSubmission.partial(result, refreshed);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for the refreshed state", e);
      }
    }

    private static java.util.Map<String, List<io.caravan.model.cluster.Allocation>> orEmpty(
        java.util.Map<String, List<io.caravan.model.cluster.Allocation>> m) {
      return m == null ? java.util.Map.of() : m;
    }

    private Evaluation stamp(Evaluation e) {
      return e.toBuilder().snapshotIndex(snapshotIndex).modifyTime(nanos()).build();
    }

    private long nanos() {
      return UnixNanos.of(pipeline.clock().instant());
    }

    @Override
    public void updateEval(Evaluation eval) {
      pipeline.write(new Command.UpsertEvals(List.of(stamp(eval))));
    }

    @Override
    public void createEval(Evaluation eval) {
      Evaluation e = stamp(eval);
      if (e.createTime() == 0) {
        e = e.toBuilder().createTime(nanos()).build();
      }
      pipeline.write(new Command.UpsertEvals(List.of(e)));
    }

    @Override
    public void reblockEval(Evaluation eval) {
      Evaluation e = stamp(eval);
      pipeline.write(new Command.UpsertEvals(List.of(e)));
      run.blocked.reblock(e, dequeued.token());
    }
  }
}
