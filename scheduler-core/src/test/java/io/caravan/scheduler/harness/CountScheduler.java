package io.caravan.scheduler.harness;

import io.caravan.model.cluster.AllocStatus;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.NodeStatus;
import io.caravan.model.job.Job;
import io.caravan.model.job.TaskGroup;
import io.caravan.scheduler.placement.GroupRequest;
import io.caravan.scheduler.placement.PlacementEngine;
import io.caravan.scheduler.placement.PlacementFailure;
import io.caravan.scheduler.placement.PlacementRequest;
import io.caravan.scheduler.placement.PlacementResult;
import io.caravan.scheduler.schedulers.EvalProcessor;
import io.caravan.scheduler.schedulers.PlacementDetails;
import io.caravan.scheduler.schedulers.Scheduler;
import io.caravan.scheduler.schedulers.SchedulerContext;
import io.caravan.scheduler.schedulers.SchedulerPolicy;
import io.caravan.scheduler.schedulers.SchedulingAttempt;
import io.caravan.scheduler.snapshot.ClusterSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A deliberately small service scheduler for the harness's own tests (not Nomad's reconciler):
 * per group it marks allocations on down or missing nodes lost, stops the highest-indexed extras
 * and places the missing indices with the placement engine, inside the shared retry loop
 * ({@link EvalProcessor}). It exists so the loop can be tested independently of the real schedulers.
 */
final class CountScheduler implements Scheduler {
  private final EvalProcessor processor;
  private final SchedulerContext context;

  CountScheduler(SchedulerContext context) {
    this.context = context;
    this.processor = new EvalProcessor(context, SchedulerPolicy.service());
  }

  @Override
  public void process(Evaluation eval) {
    processor.process(eval, this::compute);
  }

  private void compute(SchedulingAttempt attempt) {
    ClusterSnapshot snap = attempt.snapshot();
    Evaluation eval = attempt.eval();
    Optional<Job> found = attempt.job();
    List<Allocation> live = snap.allocsByJob(eval.namespace(), eval.jobID()).stream().filter(a -> !a.terminal()).toList();
    if (found.isEmpty() || Boolean.TRUE.equals(found.get().stop())) {
      live.forEach(a -> attempt.plan().stop(a, "alloc not needed as job is stopped"));
      return;
    }
    Job job = found.get();
    for (TaskGroup tg : job.taskGroupsOrEmpty()) {
      List<Allocation> kept = new ArrayList<>();
      for (Allocation a : live) {
        if (!a.taskGroup().equals(tg.name())) {
          continue;
        }
        Optional<Node> node = snap.nodeById(a.nodeID());
        if (node.isEmpty() || NodeStatus.DOWN.equals(node.get().status())) {
          attempt.plan().stop(a, "alloc is lost since its node is down", AllocStatus.CLIENT_LOST, null);
        } else {
          kept.add(a);
        }
      }
      int count = tg.count() == null ? 1 : tg.count();
      kept.sort(Comparator.comparingInt(CountScheduler::index).reversed());
      while (kept.size() > count) {
        attempt.plan().stop(kept.remove(0), "alloc not needed due to job update");
      }
      Set<Integer> used = new HashSet<>();
      kept.forEach(a -> used.add(index(a)));
      List<String> names = new ArrayList<>();
      for (int i = 0; names.size() < count - kept.size(); i++) {
        if (!used.contains(i)) {
          names.add(job.id() + "." + tg.name() + "[" + i + "]");
        }
      }
      if (names.isEmpty()) {
        continue;
      }
      attempt.queue(tg.name(), names.size());
      PlacementResult r = new PlacementEngine(snap, context.config())
          .place(new PlacementRequest(job, eval.id(), List.of(new GroupRequest(tg.name(), names)), Set.of()));
      r.placements().forEach(p -> attempt.plan().place(p, PlacementDetails.NONE));
      for (PlacementFailure f : r.failures().values()) {
        attempt.recordFailure(tg.name(), f.metrics());
      }
    }
  }

  private static int index(Allocation a) {
    String n = a.name();
    int open = n.lastIndexOf('[');
    return open < 0 ? 0 : Integer.parseInt(n.substring(open + 1, n.length() - 1));
  }
}
