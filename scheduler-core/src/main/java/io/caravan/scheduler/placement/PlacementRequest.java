package io.caravan.scheduler.placement;

import io.caravan.model.job.Job;
import java.util.List;
import java.util.Set;

/**
 * One evaluation's placement work: the (canonicalized) job, the evaluation ID that seeds the
 * randomness, the groups in order, and nodes whose score is penalised (reschedules).
 */
public record PlacementRequest(Job job, String evalId, List<GroupRequest> groups, Set<String> penaltyNodeIds) {
  /** Copies the collections. */
  public PlacementRequest {
    groups = List.copyOf(groups);
    penaltyNodeIds = Set.copyOf(penaltyNodeIds);
  }
}
