package io.caravan.scheduler.reconcile;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.job.TaskGroup;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Which allocations of a task group on draining nodes to mark for migration now (Nomad's node
 * drainer, {@code handleTaskGroup}): the reconciler migrates exactly the allocations marked
 * {@code DesiredTransition.Migrate}, and this is what bounds a drain by the group's
 * {@code migrate.max_parallel}. With {@code count} allocations wanted, the group may drop to
 * {@code count - max_parallel} healthy ones, so {@code healthy - (count - max_parallel)}
 * unmarked allocations on draining nodes are marked, those with the lowest name index first.
 * Healthy means live, not already marked, with deployment health {@code true}. (Nomad also counts
 * marked allocations until the servers stop them, a short window in which it could mark more
 * than {@code max_parallel}; here they never count, so the next batch always waits for the
 * replacements to become healthy.) Batch allocations are never marked (they run to completion
 * or the drain deadline).
 */
public final class DrainMigrations {
  private DrainMigrations() {}

  /**
   * The drain decision for one group.
   *
   * @param migrate allocations to mark for migration now
   * @param done true when no live allocation of the group is left on a draining node
   */
  public record Decision(List<Allocation> migrate, boolean done) {
    /** Copies the list. */
    public Decision {
      migrate = List.copyOf(migrate);
    }
  }

  /**
   * Decides for {@code group}, given its job's allocations of that group, the IDs of draining
   * nodes, and whether the job is a batch job.
   */
  public static Decision select(TaskGroup group, List<Allocation> allocs, Set<String> drainingNodes, boolean batch) {
    int healthy = 0;
    boolean done = true;
    List<Allocation> drainable = new ArrayList<>();
    for (Allocation a : allocs) {
      boolean onDraining = drainingNodes.contains(a.nodeID());
      boolean marked = a.desiredTransition() != null && Boolean.TRUE.equals(a.desiredTransition().migrate());
      if (!batch && !a.terminal() && !marked && a.deploymentStatus() != null
          && Boolean.TRUE.equals(a.deploymentStatus().healthy())) {
        healthy++;
      }
      if (!onDraining || a.terminal()) {
        continue;
      }
      done = false;
      if (!batch && !marked) {
        drainable.add(a);
      }
    }
    if (batch) {
      return new Decision(List.of(), done);
    }
    int count = group.count() == null ? 1 : group.count();
    int maxParallel = group.migrate() == null || group.migrate().maxParallel() == null ? 1 : group.migrate().maxParallel();
    int n = Math.min(drainable.size(), healthy - (count - maxParallel));
    if (n <= 0) {
      return new Decision(List.of(), done);
    }
    drainable.sort(Comparator.comparingInt((Allocation a) -> AllocNameIndex.index(a.name())).thenComparing(Allocation::id));
    return new Decision(drainable.subList(0, n), done);
  }
}
