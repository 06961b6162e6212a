package io.caravan.state.store;

import io.caravan.model.cluster.AllocDeploymentStatus;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Deployment;
import io.caravan.model.cluster.DeploymentState;
import io.caravan.scheduler.reconcile.ClusterReconciler;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a deployment's per-group counts in step with its allocations inside the write that changes
 * them (Nomad's updateDeploymentWithAlloc): an allocation new to the deployment counts as placed; a
 * health decision counts as healthy or unhealthy (healthy turning unhealthy moves one count). A
 * healthy allocation pushes the group's {@code RequireProgressBy} to its health time plus the
 * group's progress deadline; the first placement sets it from the allocation's create time. The
 * allocation's deployment status gets this write's index when its health changes, which is how
 * the deployment watcher tells health news from old health.
 */
final class DeploymentAccounting {
  private DeploymentAccounting() {}

  /** Counts {@code a} (replacing {@code existing}, null for a new allocation); returns the allocation to store. */
  static Allocation account(Txn tx, @Nullable Allocation existing, Allocation a) {
    if (a.deploymentID() == null || a.deploymentID().isEmpty()) {
      return a;
    }
    Deployment d = tx.deploymentById(a.deploymentID());
    DeploymentState s = d == null || d.taskGroups() == null ? null : d.taskGroups().get(a.taskGroup());
    if (s == null) {
      return a;
    }
    Boolean before = existing == null || existing.deploymentStatus() == null ? null : existing.deploymentStatus().healthy();
    Boolean after = a.deploymentStatus() == null ? null : a.deploymentStatus().healthy();
    int placed = 0;
    int healthy = 0;
    int unhealthy = 0;
    if (existing == null || !Objects.equals(existing.deploymentID(), a.deploymentID())) {
      placed = 1;
    } else if (before == null && after != null) {
      if (after) {
        healthy = 1;
      } else {
        unhealthy = 1;
      }
    } else if (Boolean.TRUE.equals(before) && Boolean.FALSE.equals(after)) {
      healthy = -1;
      unhealthy = 1;
    }
    if (placed == 0 && healthy == 0 && unhealthy == 0) {
      return a;
    }
    String requireBy = s.requireProgressBy();
    Duration pd = s.progressDeadline();
    if (!pd.isZero() && !pd.isNegative()) {
      if (placed > 0 && (requireBy == null || requireBy.isEmpty()) && a.createTime() > 0) {
        requireBy = Instant.ofEpochSecond(0, a.createTime()).plus(pd).toString();
      }
      Instant healthyAt = healthy > 0 ? parse(a.deploymentStatus().timestamp()) : null;
      if (healthyAt != null) {
        Instant candidate = healthyAt.plus(pd);
        Instant current = parse(requireBy);
        if (current == null || candidate.isAfter(current)) {
          requireBy = candidate.toString();
        }
      }
    }
    DeploymentState updated = new DeploymentState(s.placedCanaries(), s.autoRevert(), s.autoPromote(),
        s.progressDeadline(), requireBy, s.promoted(), s.desiredCanaries(), s.desiredTotal(),
        s.placedAllocs() + placed, s.healthyAllocs() + healthy, s.unhealthyAllocs() + unhealthy);
    Map<String, DeploymentState> groups = new LinkedHashMap<>(d.taskGroups());
    groups.put(a.taskGroup(), updated);
    tx.putRecountedDeployment(d.toBuilder().taskGroups(groups).modifyIndex(tx.index()).build());
    if (healthy != 0 || unhealthy != 0) {
      AllocDeploymentStatus ds = a.deploymentStatus();
      return a.toBuilder().deploymentStatus(new AllocDeploymentStatus(ds.healthy(), ds.timestamp(), ds.canary(), tx.index()))
          .build();
    }
    return a;
  }

  /**
   * A deployment as the scheduler wrote it in a plan, merged with the stored one: the counts and
   * the progress deadline are the servers' (kept from the stored deployment), the rest the
   * scheduler's (Nomad's MergeClientValues).
   */
  static Deployment mergeClientValues(@Nullable Deployment stored, Deployment planned) {
    if (stored == null || stored.taskGroups() == null || planned.taskGroups() == null) {
      return planned;
    }
    Map<String, DeploymentState> groups = new LinkedHashMap<>();
    planned.taskGroups().forEach((name, p) -> {
      DeploymentState c = stored.taskGroups().get(name);
      groups.put(name, c == null ? p : new DeploymentState(p.placedCanaries(), p.autoRevert(), p.autoPromote(),
          p.progressDeadline(), c.requireProgressBy(), p.promoted() || c.promoted(), p.desiredCanaries(),
          p.desiredTotal(), c.placedAllocs(), c.healthyAllocs(), c.unhealthyAllocs()));
    });
    return planned.toBuilder().taskGroups(groups).build();
  }

  /** The deployment with the named groups (every group with canaries when empty) promoted. */
  static Deployment promote(Deployment d, List<String> groups) {
    Map<String, DeploymentState> out = new LinkedHashMap<>();
    Objects.requireNonNullElse(d.taskGroups(), Map.<String, DeploymentState>of()).forEach((name, s) -> {
      boolean promote = s.desiredCanaries() > 0 && (groups.isEmpty() || groups.contains(name));
      out.put(name, !promote ? s : new DeploymentState(s.placedCanaries(), s.autoRevert(), s.autoPromote(),
          s.progressDeadline(), s.requireProgressBy(), true, s.desiredCanaries(), s.desiredTotal(), s.placedAllocs(),
          s.healthyAllocs(), s.unhealthyAllocs()));
    });
    boolean waitedForPromotion = ClusterReconciler.DEPLOYMENT_NEEDS_PROMOTION.equals(d.statusDescription())
        || ClusterReconciler.DEPLOYMENT_AUTO_PROMOTION.equals(d.statusDescription());
    return d.toBuilder().taskGroups(out)
        .statusDescription(waitedForPromotion ? ClusterReconciler.DEPLOYMENT_RUNNING : d.statusDescription()).build();
  }

  private static @Nullable Instant parse(@Nullable String time) {
    if (time == null || time.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(time);
    } catch (DateTimeException e) {
      return null;
    }
  }
}
