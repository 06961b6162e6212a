package io.caravan.scheduler.snapshot;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Deployment;
import io.caravan.model.cluster.Node;
import io.caravan.model.job.Job;
import java.util.List;
import java.util.Optional;

/** A read-only view of a private copy of an {@link InMemoryCluster} (see {@link InMemoryCluster#snapshot()}). */
final class FrozenSnapshot implements ClusterSnapshot {
  private final InMemoryCluster copy;

  FrozenSnapshot(InMemoryCluster copy) {
    this.copy = copy;
  }

  @Override
  public List<Node> nodes() {
    return copy.nodes();
  }

  @Override
  public List<Node> nodesByPool(String pool) {
    return copy.nodesByPool(pool);
  }

  @Override
  public Optional<Node> nodeById(String id) {
    return copy.nodeById(id);
  }

  @Override
  public List<Allocation> allocsByJob(String namespace, String jobId) {
    return copy.allocsByJob(namespace, jobId);
  }

  @Override
  public List<Allocation> allocsByNode(String nodeId) {
    return copy.allocsByNode(nodeId);
  }

  @Override
  public Optional<Allocation> allocById(String id) {
    return copy.allocById(id);
  }

  @Override
  public Optional<Job> jobById(String namespace, String jobId) {
    return copy.jobById(namespace, jobId);
  }

  @Override
  public Optional<Job> jobByIdAndVersion(String namespace, String jobId, long version) {
    return copy.jobByIdAndVersion(namespace, jobId, version);
  }

  @Override
  public List<Deployment> deploymentsByJob(String namespace, String jobId) {
    return copy.deploymentsByJob(namespace, jobId);
  }

  @Override
  public Optional<SchedulerConfiguration> schedulerConfig() {
    return copy.schedulerConfig();
  }

  /** Summed on demand (a frozen copy is small); lets every scheduler test run the engine's O(1) sizing path. */
  @Override
  public NodeAllocTotals liveAllocTotals(String nodeId) {
    return io.caravan.scheduler.resources.AllocUsage.liveTotals(copy.allocsByNode(nodeId));
  }

  @Override
  public long latestIndex() {
    return copy.latestIndex();
  }

  @Override
  public List<CsiVolume> csiVolumes() {
    return copy.csiVolumes();
  }

  @Override
  public Optional<CsiVolume> csiVolume(String namespace, String id) {
    return copy.csiVolume(namespace, id);
  }
}
