package io.caravan.state.server.internal;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.DeploymentStatusUpdate;
import io.caravan.model.cluster.Plan;
import io.caravan.model.cluster.PlanResult;
import io.caravan.scheduler.broker.EvalBroker;
import io.caravan.scheduler.plan.PlanApplier;
import io.caravan.scheduler.plan.PlanEvaluation;
import io.caravan.state.fsm.Command;
import io.caravan.state.store.StateSnapshot;
import io.caravan.state.store.StateStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's single plan-applier thread (Nomad's plan queue + planApply): takes plans by priority,
 * then arrival; checks the submitting evaluation still holds its token; runs {@link PlanApplier} on
 * the latest state; commits the accepted part as one FSM write; and completes the submitter's future
 * with the result (its {@code AllocIndex} set to the write's index). One plan at a time, so each is
 * checked against a state that includes every plan committed before it.
 */
final class PlanApplierLoop {
  private static final Logger LOG = LoggerFactory.getLogger(PlanApplierLoop.class);

  private final String server;
  private final StateStore store;
  private final ToLongFunction<Command> write;
  private final EvalBroker broker;
  private final SchedulingPipeline stats;
  private final PlanApplier applier = new PlanApplier();
  private final PriorityBlockingQueue<Pending> queue = new PriorityBlockingQueue<>();
  private final AtomicLong sequence = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;

  /** A plan waiting to be applied, with the future its submitter waits on. */
  private record Pending(Plan plan, long seq, CompletableFuture<PlanResult> result) implements Comparable<Pending> {
    @Override
    public int compareTo(Pending o) {
      int byPriority = Integer.compare(o.plan.priority(), plan.priority());
      return byPriority != 0 ? byPriority : Long.compare(seq, o.seq);
    }
  }

  PlanApplierLoop(String server, StateStore store, ToLongFunction<Command> write, EvalBroker broker,
      SchedulingPipeline stats) {
    this.server = server;
    this.store = store;
    this.write = write;
    this.broker = broker;
    this.stats = stats;
    this.thread = new Thread(this::loop, "caravan-plan-applier-" + server);
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Queues a plan; the future completes once it was applied (or fails if it could not be). */
  CompletableFuture<PlanResult> submit(Plan plan) {
    CompletableFuture<PlanResult> f = new CompletableFuture<>();
    if (!running) {
      f.completeExceptionally(new IllegalStateException("plan applier of " + server + " stopped (leadership lost)"));
      return f;
    }
    queue.add(new Pending(plan, sequence.incrementAndGet(), f));
    return f;
  }

  private void loop() {
    while (running) {
      Pending p;
      try {
        p = queue.take();
      } catch (InterruptedException e) {
        break;
      }
      try {
        p.result.complete(apply(p.plan));
      } catch (RuntimeException e) {
        LOG.debug("server {}: applying the plan of evaluation {} failed", server, p.plan.evalID(), e);
        p.result.completeExceptionally(e);
      }
    }
    IllegalStateException stopped = new IllegalStateException("plan applier of " + server + " stopped (leadership lost)");
    Pending p;
    while ((p = queue.poll()) != null) {
      p.result.completeExceptionally(stopped);
    }
  }

  private PlanResult apply(Plan plan) {
    String token = broker.outstanding(plan.evalID()).orElse(null);
    if (token == null || !token.equals(plan.evalToken())) {
      throw new IllegalStateException("plan of evaluation " + plan.evalID()
          + " rejected: the evaluation is no longer outstanding under its token (nacked or timed out)");
    }
    StateSnapshot latest = store.snapshot();
    PlanEvaluation evaluation = applier.evaluate(latest, plan);
    PlanResult result = evaluation.result();
    if (!evaluation.fullyAccepted()) {
      stats.plansPartial.incrementAndGet();
      LOG.debug("server {}: plan of evaluation {} partly rejected: {}", server, plan.evalID(),
          evaluation.rejectionReasons());
    }
    List<Command> commands = new ArrayList<>();
    List<Allocation> allocs = new ArrayList<>();
    addAll(allocs, result.nodeUpdate());
    for (List<Allocation> placed : Objects.requireNonNullElse(result.nodeAllocation(),
        Map.<String, List<Allocation>>of()).values()) {
      for (Allocation a : placed) {
        // allocations share the plan's job (the store swaps in its stored instance of that version)
        allocs.add(a.job() == null && plan.job() != null ? a.toBuilder().job(plan.job()).build() : a);
      }
    }
    addAll(allocs, result.nodePreemptions());
    if (!allocs.isEmpty() || result.deployment() != null) {
      commands.add(new Command.ApplyPlanResult(allocs, result.deployment(), List.of()));
    }
    for (DeploymentStatusUpdate u : Objects.requireNonNullElse(result.deploymentUpdates(),
        List.<DeploymentStatusUpdate>of())) {
      commands.add(new Command.DeploymentStatus(u.deploymentID(), u.status(), u.statusDescription(),
          UnixNanos.of(stats.clock().instant())));
    }
    long index = commands.isEmpty() ? latest.latestIndex()
        : write.applyAsLong(commands.size() == 1 ? commands.get(0) : new Command.Batch(commands));
    stats.plansApplied.incrementAndGet();
    return new PlanResult(result.nodeUpdate(), result.nodeAllocation(), result.nodePreemptions(), result.deployment(),
        result.deploymentUpdates(), result.rejectedNodes(), result.ineligibleNodes(), result.refreshIndex(), index);
  }

  private static void addAll(List<Allocation> out, Map<String, List<Allocation>> byNode) {
    if (byNode != null) {
      byNode.values().forEach(out::addAll);
    }
  }

  void stop() {
    running = false;
    thread.interrupt();
  }

  void join(Duration timeout) {
    try {
      thread.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

}
