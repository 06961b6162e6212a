package io.caravan.state.server.testing;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Deployment;
import io.caravan.model.cluster.Node;
import io.caravan.model.job.Job;
import io.caravan.scheduler.snapshot.ClusterSnapshot;
import io.caravan.scheduler.snapshot.SchedulerConfiguration;
import java.util.List;
import java.util.Optional;

/** A snapshot whose nodes look empty (allocations by node hidden), as a badly stale snapshot would. */
public record EmptyNodesView(ClusterSnapshot s) implements ClusterSnapshot {
  @Override
  public List<Node> nodes() {
    return s.nodes();
  }

  @Override
  public List<Node> nodesByPool(String pool) {
    return s.nodesByPool(pool);
  }

  @Override
  public Optional<Node> nodeById(String id) {
    return s.nodeById(id);
  }

  @Override
  public List<Allocation> allocsByJob(String namespace, String jobId) {
    return s.allocsByJob(namespace, jobId);
  }

  @Override
  public List<Allocation> allocsByNode(String nodeId) {
    return List.of();
  }

  @Override
  public Optional<Allocation> allocById(String id) {
    return s.allocById(id);
  }

  @Override
  public Optional<Job> jobById(String namespace, String jobId) {
    return s.jobById(namespace, jobId);
  }

  @Override
  public Optional<Job> jobByIdAndVersion(String namespace, String jobId, long version) {
    return s.jobByIdAndVersion(namespace, jobId, version);
  }

  @Override
  public List<Deployment> deploymentsByJob(String namespace, String jobId) {
    return s.deploymentsByJob(namespace, jobId);
  }

  @Override
  public Optional<SchedulerConfiguration> schedulerConfig() {
    return s.schedulerConfig();
  }

  @Override
  public long latestIndex() {
    return s.latestIndex();
  }
}
