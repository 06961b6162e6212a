package io.caravan.scheduler.schedulers;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.cluster.Plan;
import io.caravan.model.cluster.PlanResult;
import io.caravan.scheduler.snapshot.InMemoryCluster;
import io.caravan.scheduler.snapshot.PlanSubmission;
import io.caravan.scheduler.snapshot.Planner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * A test planner over an {@link InMemoryCluster} that commits, per submission, only the first N
 * nodes' placements (N chosen by a script from the submission number), returning a refreshed
 * snapshot on a partial commit, like the real plan applier rejecting nodes that no longer fit.
 */
final class ScriptedPlanner implements Planner {
  final InMemoryCluster cluster;
  private final IntUnaryOperator nodesToCommit;
  private final boolean refresh;
  final List<Plan> submitted = new ArrayList<>();
  final List<PlanResult> results = new ArrayList<>();

  /** {@code nodesToCommit.applyAsInt(submission)} = how many nodes' placements to keep (submission counts from 0). */
  ScriptedPlanner(InMemoryCluster cluster, IntUnaryOperator nodesToCommit, boolean refresh) {
    this.cluster = cluster;
    this.nodesToCommit = nodesToCommit;
    this.refresh = refresh;
  }

  @Override
  public PlanSubmission submitPlan(Plan plan) {
    int keep = nodesToCommit.applyAsInt(submitted.size());
    submitted.add(plan);
    Map<String, List<Allocation>> kept = new LinkedHashMap<>();
    int i = 0;
    for (Map.Entry<String, List<Allocation>> e : plan.nodeAllocation().entrySet()) {
      if (i++ < keep) {
        kept.put(e.getKey(), e.getValue());
      }
    }
    Plan trimmed = new Plan(plan.evalID(), plan.evalToken(), plan.priority(), plan.allAtOnce(), plan.job(),
        plan.nodeUpdate(), kept, plan.nodePreemptions(), plan.annotations(), plan.deployment(),
        plan.deploymentUpdates(), plan.snapshotIndex());
    PlanResult applied = cluster.submitPlan(trimmed).result();
    boolean partial = kept.size() < plan.nodeAllocation().size();
    PlanResult result = new PlanResult(applied.nodeUpdate(), applied.nodeAllocation(), applied.nodePreemptions(),
        applied.deployment(), applied.deploymentUpdates(), null, null, partial ? cluster.latestIndex() : 0,
        applied.allocIndex());
    results.add(result);
    if (partial && refresh) {
      return PlanSubmission.partial(result, cluster);
    }
    return PlanSubmission.committed(result);
  }

  @Override
  public void updateEval(Evaluation eval) {
    cluster.updateEval(eval);
  }

  @Override
  public void createEval(Evaluation eval) {
    cluster.createEval(eval);
  }

  @Override
  public void reblockEval(Evaluation eval) {
    cluster.reblockEval(eval);
  }
}
