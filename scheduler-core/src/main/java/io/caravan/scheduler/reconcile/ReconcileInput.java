package io.caravan.scheduler.reconcile;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Deployment;
import io.caravan.model.cluster.Node;
import io.caravan.model.job.Job;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Everything the cluster reconciler looks at for one job.
 *
 * @param job the job's latest (canonicalized) version; null when the job was purged
 * @param allocations every allocation of the job, terminal ones included
 * @param taintedNodes nodes holding allocations of the job that are down, draining or disconnected, by ID
 * @param goneNodes IDs of nodes that hold allocations of the job but no longer exist (garbage collected)
 * @param deployment the job's latest deployment, null if none (always null for batch jobs)
 * @param evalId the evaluation being processed (follow-up evaluations point back at it)
 * @param evalPriority its priority, copied to follow-up evaluations and new deployments
 * @param now the evaluation's time
 * @param batch true for batch jobs (completed allocations are not replaced)
 * @param allocStates client status histories by allocation ID, overriding the {@code AllocStates}
 *     recorded on those allocations (allocations without an entry use their own)
 * @param updateDecider how an allocation follows a new job version
 */
public record ReconcileInput(
    @Nullable Job job,
    List<Allocation> allocations,
    Map<String, Node> taintedNodes,
    Set<String> goneNodes,
    @Nullable Deployment deployment,
    String evalId,
    int evalPriority,
    Instant now,
    boolean batch,
    Map<String, List<AllocState>> allocStates,
    UpdateDecider updateDecider) {

  /** Copies the collections. */
  public ReconcileInput {
    allocations = ImmutableList.copyOf(allocations);
    taintedNodes = ImmutableMap.copyOf(taintedNodes);
    goneNodes = ImmutableSet.copyOf(goneNodes);
    allocStates = ImmutableMap.copyOf(allocStates);
  }

  /** A builder with no allocations, no tainted nodes, no deployment, priority 50 and {@link UpdateDecider#BY_JOB_SPEC}. */
  public static Builder builder(@Nullable Job job, String evalId, Instant now) {
    return new Builder(job, evalId, now);
  }

  /** Builder of {@link ReconcileInput}. */
  public static final class Builder {
    private final @Nullable Job job;
    private final String evalId;
    private final Instant now;
    private List<Allocation> allocations = List.of();
    private Map<String, Node> taintedNodes = Map.of();
    private Set<String> goneNodes = Set.of();
    private @Nullable Deployment deployment;
    private int evalPriority = 50;
    private boolean batch;
    private Map<String, List<AllocState>> allocStates = Map.of();
    private UpdateDecider updateDecider = UpdateDecider.BY_JOB_SPEC;

    private Builder(@Nullable Job job, String evalId, Instant now) {
      this.job = job;
      this.evalId = evalId;
      this.now = now;
      this.batch = job != null && "batch".equals(job.type());
    }

    /** Sets the job's allocations. */
    public Builder allocations(List<Allocation> allocations) {
      this.allocations = allocations;
      return this;
    }

    /** Sets the tainted nodes by ID. */
    public Builder taintedNodes(Map<String, Node> taintedNodes) {
      this.taintedNodes = taintedNodes;
      return this;
    }

    /** Sets the IDs of nodes that no longer exist. */
    public Builder goneNodes(Set<String> goneNodes) {
      this.goneNodes = goneNodes;
      return this;
    }

    /** Sets the job's latest deployment. */
    public Builder deployment(@Nullable Deployment deployment) {
      this.deployment = deployment;
      return this;
    }

    /** Sets the evaluation priority. */
    public Builder evalPriority(int evalPriority) {
      this.evalPriority = evalPriority;
      return this;
    }

    /** Overrides the batch flag (default: the job's type is batch). */
    public Builder batch(boolean batch) {
      this.batch = batch;
      return this;
    }

    /** Sets the allocations' client status histories. */
    public Builder allocStates(Map<String, List<AllocState>> allocStates) {
      this.allocStates = allocStates;
      return this;
    }

    /** Sets how allocations follow a new job version. */
    public Builder updateDecider(UpdateDecider updateDecider) {
      this.updateDecider = updateDecider;
      return this;
    }

    /** The input. */
    public ReconcileInput build() {
      return new ReconcileInput(job, allocations, taintedNodes, goneNodes, deployment, evalId, evalPriority, now, batch, allocStates, updateDecider);
    }
  }
}
