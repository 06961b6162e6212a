package io.caravan.scheduler.reconcile;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Deployment;
import io.caravan.model.cluster.DeploymentStatusUpdate;
import io.caravan.model.cluster.DesiredUpdates;
import io.caravan.model.cluster.Evaluation;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the cluster reconciler decided for one job. Lists are in a deterministic order (groups in
 * job order; allocations by name or ID).
 *
 * @param place allocations to place (new, rescheduled, lost replacements, migrations, canaries)
 * @param destructiveUpdates stop-and-replace pairs for destructive job changes (bounded by max_parallel)
 * @param stop allocations to stop, with reasons
 * @param inplaceUpdates allocations updated in place to the new job
 * @param attributeUpdates allocations whose follow-up evaluation ID is set (reschedule later)
 * @param disconnectUpdates allocations marked unknown because their node disconnected
 * @param reconnectUpdates allocations that reconnected and keep running
 * @param desiredTGUpdates the plan annotation per task group
 * @param followupEvals delayed evaluations per task group (reschedule later, disconnect timeouts)
 * @param deployment a deployment to create, null if none
 * @param deploymentUpdates status changes of existing deployments (cancelled, successful)
 */
public record ReconcileResult(
    List<AllocPlacement> place,
    List<DestructiveUpdate> destructiveUpdates,
    List<AllocStop> stop,
    List<Allocation> inplaceUpdates,
    List<Allocation> attributeUpdates,
    List<AllocStateUpdate> disconnectUpdates,
    List<AllocStateUpdate> reconnectUpdates,
    Map<String, DesiredUpdates> desiredTGUpdates,
    Map<String, List<Evaluation>> followupEvals,
    @Nullable Deployment deployment,
    List<DeploymentStatusUpdate> deploymentUpdates) {

  /** Copies the collections. */
  public ReconcileResult {
    place = ImmutableList.copyOf(place);
    destructiveUpdates = ImmutableList.copyOf(destructiveUpdates);
    stop = ImmutableList.copyOf(stop);
    inplaceUpdates = ImmutableList.copyOf(inplaceUpdates);
    attributeUpdates = ImmutableList.copyOf(attributeUpdates);
    disconnectUpdates = ImmutableList.copyOf(disconnectUpdates);
    reconnectUpdates = ImmutableList.copyOf(reconnectUpdates);
    desiredTGUpdates = ImmutableMap.copyOf(desiredTGUpdates);
    ImmutableMap.Builder<String, List<Evaluation>> evals = ImmutableMap.builder();
    followupEvals.forEach((k, v) -> evals.put(k, ImmutableList.copyOf(v)));
    followupEvals = evals.build();
    deploymentUpdates = ImmutableList.copyOf(deploymentUpdates);
  }

  /** The placements that migrate an allocation off a draining node. */
  public List<AllocPlacement> migrations() {
    return place.stream().filter(AllocPlacement::migrate).collect(ImmutableList.toImmutableList());
  }

  /** Every follow-up evaluation, groups in job order. */
  public List<Evaluation> allFollowupEvals() {
    return followupEvals.values().stream().flatMap(List::stream).collect(ImmutableList.toImmutableList());
  }
}
