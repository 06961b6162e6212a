package io.caravan.state.server.testing;

import io.caravan.model.cluster.AllocStatus;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Deployment;
import io.caravan.model.cluster.EvalStatus;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.Plan;
import io.caravan.model.job.Job;
import io.caravan.model.job.TaskGroup;
import io.caravan.scheduler.placement.GroupRequest;
import io.caravan.scheduler.placement.Placement;
import io.caravan.scheduler.placement.PlacementEngine;
import io.caravan.scheduler.placement.PlacementRequest;
import io.caravan.scheduler.placement.PlacementResult;
import io.caravan.scheduler.schedulers.Scheduler;
import io.caravan.scheduler.schedulers.SchedulerContext;
import io.caravan.scheduler.snapshot.ClusterSnapshot;
import io.caravan.scheduler.snapshot.PlanSubmission;
import io.caravan.scheduler.snapshot.SchedulerConfiguration;
import io.caravan.state.server.SchedulerProvider;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A deliberately small scheduler for server tests: keeps each task group at its count by placing the
 * missing allocations with scheduler-core's {@link PlacementEngine} (stopping all of a stopped or
 * removed job), retries once on the refreshed state after a partial commit, and marks the evaluation
 * complete, or failed when placements were rejected. With {@code blindToOtherAllocs} it plans as if
 * nodes were empty, as a scheduler on a stale snapshot would, so its plans can overcommit.
 */
public final class CountScheduler implements Scheduler {
  private final SchedulerContext context;
  private final java.util.function.Predicate<String> blindFor;
  private boolean blindToOtherAllocs;

  private CountScheduler(SchedulerContext context, java.util.function.Predicate<String> blindFor) {
    this.context = context;
    this.blindFor = blindFor;
  }

  /** Plans with the real node usage. */
  public static SchedulerProvider provider() {
    return (type, context) -> new CountScheduler(context, job -> false);
  }

  /** Plans the jobs named in {@code jobIds} as if every node were empty (a stale view): those plans overcommit. */
  public static SchedulerProvider blindFor(Set<String> jobIds) {
    return (type, context) -> new CountScheduler(context, jobIds::contains);
  }

  @Override
  public void process(Evaluation eval) {
    blindToOtherAllocs = blindFor.test(eval.jobID());
    ClusterSnapshot state = context.snapshot();
    boolean rejected = false;
    for (int attempt = 0; attempt < 2; attempt++) {
      Plan plan = plan(eval, state);
      if (plan == null) {
        break;
      }
      PlanSubmission submission = context.planner().submitPlan(plan);
      if (submission.result().refreshIndex() == 0) {
        rejected = false;
        break;
      }
      rejected = true;
      state = submission.refreshedSnapshot().orElseThrow();
    }
    context.planner().updateEval(eval.toBuilder()
        .status(rejected ? EvalStatus.FAILED : EvalStatus.COMPLETE)
        .statusDescription(rejected ? "plan rejected by the plan applier" : "")
        .build());
  }

  private static boolean live(Allocation a) {
    return AllocStatus.DESIRED_RUN.equals(a.desiredStatus()) && !a.clientTerminal();
  }

  private Plan plan(Evaluation eval, ClusterSnapshot state) {
    Optional<Job> found = state.jobById(eval.namespace(), eval.jobID());
    Map<String, List<Allocation>> stops = new LinkedHashMap<>();
    Map<String, List<Allocation>> places = new LinkedHashMap<>();
    List<Allocation> current = state.allocsByJob(eval.namespace(), eval.jobID()).stream()
        .filter(CountScheduler::live).toList();
    if (found.isEmpty() || Boolean.TRUE.equals(found.get().stop())) {
      for (Allocation a : current) {
        stops.computeIfAbsent(a.nodeID(), n -> new ArrayList<>())
            .add(a.toBuilder().desiredStatus(AllocStatus.DESIRED_STOP).desiredDescription("job stopped").build());
      }
      return stops.isEmpty() ? null : plan(eval, found.orElse(null), stops, places);
    }
    Job job = found.get();
    Set<String> taken = new HashSet<>();
    current.forEach(a -> taken.add(a.name()));
    List<GroupRequest> groups = new ArrayList<>();
    for (TaskGroup tg : job.taskGroupsOrEmpty()) {
      List<String> names = new ArrayList<>();
      for (int i = 0; names.size() + current.stream().filter(a -> a.taskGroup().equals(tg.name())).count() < tg.count(); i++) {
        String name = job.id() + "." + tg.name() + "[" + i + "]";
        if (!taken.contains(name)) {
          names.add(name);
        }
      }
      if (!names.isEmpty()) {
        groups.add(new GroupRequest(tg.name(), names));
      }
    }
    if (groups.isEmpty()) {
      return null;
    }
    ClusterSnapshot view = blindToOtherAllocs ? new EmptyNodesView(state) : state;
    PlacementResult result = new PlacementEngine(view, context.config())
        .place(new PlacementRequest(job, eval.id(), groups, Set.of()));
    for (Placement p : result.placements()) {
      places.computeIfAbsent(p.node().id(), n -> new ArrayList<>()).add(Allocation.builder()
          .id(p.allocId()).namespace(job.namespace()).evalID(eval.id()).name(p.name()).nodeID(p.node().id())
          .nodeName(p.node().name()).jobID(job.id()).job(job).taskGroup(p.taskGroup())
          .allocatedResources(p.resources()).metrics(p.metrics())
          .desiredStatus(AllocStatus.DESIRED_RUN).clientStatus(AllocStatus.CLIENT_PENDING)
          .createTime(context.nowNanos()).modifyTime(context.nowNanos()).build());
    }
    return places.isEmpty() ? null : plan(eval, job, stops, places);
  }

  private static Plan plan(Evaluation eval, Job job, Map<String, List<Allocation>> stops,
      Map<String, List<Allocation>> places) {
    return new Plan(eval.id(), "", eval.priority(), false, job, stops, places, null, null, null, null, 0);
  }
}
