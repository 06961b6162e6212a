package io.caravan.scheduler.snapshot;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Deployment;
import io.caravan.model.cluster.Node;
import io.caravan.model.job.Job;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A consistent, read-only view of cluster state for one scheduling pass (Nomad's scheduler
 * {@code State}). Lists are in a stable order: nodes by ID, allocations by ID.
 */
public interface ClusterSnapshot {
  /** All nodes, ordered by ID. */
  List<Node> nodes();

  /** Nodes of one pool, ordered by ID; {@code ""} or {@code "all"} means every node. */
  List<Node> nodesByPool(String pool);

  /** A node by ID. */
  Optional<Node> nodeById(String id);

  /** Allocations of a job (terminal ones included), ordered by ID. */
  List<Allocation> allocsByJob(String namespace, String jobId);

  /** Allocations on a node (terminal ones included), ordered by ID. */
  List<Allocation> allocsByNode(String nodeId);

  /** An allocation by ID. */
  Optional<Allocation> allocById(String id);

  /** The latest version of a job. */
  Optional<Job> jobById(String namespace, String jobId);

  /** A specific version of a job. */
  Optional<Job> jobByIdAndVersion(String namespace, String jobId, long version);

  /** Deployments of a job, oldest first. */
  List<Deployment> deploymentsByJob(String namespace, String jobId);

  /** The scheduler configuration, if one was ever set. */
  Optional<SchedulerConfiguration> schedulerConfig();

  /** The Raft index this snapshot reflects. */
  long latestIndex();

  /**
   * Totals of the non-terminal allocations on a node (an unknown node has none), when this snapshot
   * keeps them, so a scheduler need not sum {@link #allocsByNode}; {@code null} when it does not. They
   * must equal what summing the non-terminal allocations of {@link #allocsByNode} gives.
   */
  default @Nullable NodeAllocTotals liveAllocTotals(String nodeId) {
    return null;
  }

  /** Registered CSI volumes, ordered by namespace then ID; none unless the implementation keeps them. */
  default List<CsiVolume> csiVolumes() {
    return List.of();
  }

  /** A CSI volume by namespace and ID. */
  default Optional<CsiVolume> csiVolume(String namespace, String id) {
    for (CsiVolume v : csiVolumes()) {
      if (v.namespace().equals(namespace) && v.id().equals(id)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}
