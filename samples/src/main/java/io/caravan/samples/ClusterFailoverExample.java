package io.caravan.samples;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.job.Job;
import io.caravan.model.job.Resources;
import io.caravan.model.job.Task;
import io.caravan.model.job.TaskGroup;
import io.caravan.state.config.ServerConfig;
import io.caravan.state.server.CaravanCluster;
import io.caravan.state.server.CaravanServer;
import java.time.Duration;
import java.util.List;

/**
 * A whole cluster in one JVM, as a JUnit test would build it: three Caravan servers replicating
 * through Raft on loopback ports and five client nodes running the {@code mock_driver}. A service
 * job runs, the leader is killed, a new leader is elected, the job's allocations are still there and
 * still running, and a second job registered after the failover is placed and runs.
 *
 * <p>Run it with {@code java -cp caravan.jar io.caravan.samples.ClusterFailoverExample}.
 */
public final class ClusterFailoverExample {
  private static final String NAMESPACE = "default";

  private ClusterFailoverExample() {}

  /**
   * What one run saw.
   *
   * @param killedLeader the name of the server that led first and was killed
   * @param newLeader the name of the server that leads after the failover
   * @param before the first job's running allocations before the failover
   * @param after the first job's allocations on the new leader afterwards
   * @param secondJob the second job's running allocations, registered after the failover
   * @param clientNodes the IDs of the five client nodes
   */
  public record Outcome(String killedLeader, String newLeader, List<Allocation> before, List<Allocation> after,
      List<Allocation> secondJob, List<String> clientNodes) {}

  /** A service job of {@code count} mock tasks that run until stopped. */
  public static Job mockService(String id, int count) {
    return Job.builder().id(id).namespace(NAMESPACE).type("service").priority(50).datacenters(List.of("dc1"))
        .taskGroups(List.of(TaskGroup.builder().name("web").count(count)
            .task(Task.builder().name("server").driver("mock_driver")
                .resources(Resources.builder().cpu(100).memoryMB(64).build()).build())
            .build()))
        .build();
  }

  /** Builds the cluster, runs the scenario with {@code seed} and closes the cluster; each wait gives up after {@code timeout}. */
  public static Outcome run(long seed, Duration timeout) {
    try (CaravanCluster cluster = CaravanCluster.builder().servers(3).clients(5, "mock_driver").seed(seed)
        .config(ServerConfig.builder().build()).start()) {
      cluster.registerJob(mockService("web", 5));
      List<Allocation> before = cluster.awaitRunning(NAMESPACE, "web", 5, timeout);
      System.out.println("web runs " + before.size() + " allocations; leader is "
          + cluster.awaitLeader(timeout).name());

      String killed = cluster.killLeader();
      CaravanServer leader = cluster.awaitLeader(timeout);
      System.out.println("killed " + killed + "; new leader " + leader.name());

      cluster.registerJob(mockService("api", 3));
      List<Allocation> api = cluster.awaitRunning(NAMESPACE, "api", 3, timeout);
      System.out.println("api placed after the failover: " + api.size() + " running allocations");

      CaravanServer now = cluster.awaitLeader(timeout);
      List<Allocation> after = now.allocationsOfJob(NAMESPACE, "web");
      return new Outcome(killed, now.name(), before, after, api,
          cluster.clientNodes().stream().map(n -> n.id()).toList());
    }
  }

  /** Runs the scenario and prints what happened. */
  public static void main(String[] args) {
    Outcome o = run(7, Duration.ofSeconds(30));
    System.out.println("web after the failover: " + o.after().stream()
        .map(a -> a.id() + " on " + a.nodeID() + " (" + a.clientStatus() + ")").toList());
  }
}
