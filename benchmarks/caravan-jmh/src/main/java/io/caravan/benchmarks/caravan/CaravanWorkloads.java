package io.caravan.benchmarks.caravan;

import io.caravan.benchmarks.workload.NodeSpec;
import io.caravan.benchmarks.workload.RackConstraint;
import io.caravan.benchmarks.workload.TaskAsk;
import io.caravan.benchmarks.workload.Workload;
import io.caravan.model.canonical.Canonicalizer;
import io.caravan.model.cluster.DriverInfo;
import io.caravan.model.cluster.NetworkResource;
import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.NodeCpuResources;
import io.caravan.model.cluster.NodeDiskResources;
import io.caravan.model.cluster.NodeMemoryResources;
import io.caravan.model.cluster.NodeReservedCpuResources;
import io.caravan.model.cluster.NodeReservedDiskResources;
import io.caravan.model.cluster.NodeReservedMemoryResources;
import io.caravan.model.cluster.NodeReservedNetworkResources;
import io.caravan.model.cluster.NodeReservedResources;
import io.caravan.model.cluster.NodeResources;
import io.caravan.model.job.Constraint;
import io.caravan.model.job.EphemeralDisk;
import io.caravan.model.job.Job;
import io.caravan.model.job.Resources;
import io.caravan.model.job.Spread;
import io.caravan.model.job.Task;
import io.caravan.model.job.TaskGroup;
import io.caravan.scheduler.placement.GroupRequest;
import io.caravan.scheduler.placement.Placement;
import io.caravan.scheduler.placement.PlacementRequest;
import io.caravan.scheduler.optimize.PackingPlan;
import io.caravan.scheduler.placement.PlacementResult;
import io.caravan.scheduler.snapshot.InMemoryCluster;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a shared {@link Workload} into Caravan's inputs: an {@link InMemoryCluster} of nodes (no
 * reserved resources, so capacities match the other peers exactly), one canonicalized service job,
 * and the placement request; and reads a {@link PlacementResult} back as node indices.
 *
 * <p>The {@code NOMAD} mix is one task group with {@code count} = tasks (as in Nomad's benchmark);
 * the other mixes, whose asks all differ, get one task group of count 1 per ask.
 */
public final class CaravanWorkloads {
  /** The evaluation ID that seeds the engine's node shuffle. */
  public static final String EVAL_ID = "00000000-0000-0000-0000-00000000bench";

  private final Workload workload;
  private final InMemoryCluster cluster;
  private final Job job;
  private final PlacementRequest request;
  private final Map<String, Integer> taskOfName;
  private final Map<String, Integer> nodeOfId;

  private CaravanWorkloads(Workload workload) {
    this.workload = workload;
    this.cluster = new InMemoryCluster();
    this.nodeOfId = new HashMap<>(workload.nodes().size() * 2);
    for (int i = 0; i < workload.nodes().size(); i++) {
      NodeSpec n = workload.nodes().get(i);
      cluster.upsertNode(node(n));
      nodeOfId.put(n.id(), i);
    }
    this.taskOfName = new HashMap<>(workload.tasks().size() * 2);
    List<TaskGroup> groups = new ArrayList<>();
    List<GroupRequest> requests = new ArrayList<>();
    boolean uniform = workload.tasks().stream()
        .allMatch(t -> t.cpuMhz() == workload.tasks().get(0).cpuMhz()
            && t.memoryMb() == workload.tasks().get(0).memoryMb());
    String jobId = "bench";
    if (uniform) {
      TaskAsk ask = workload.tasks().get(0);
      groups.add(group("g", workload.tasks().size(), ask));
      List<String> names = new ArrayList<>(workload.tasks().size());
      for (int i = 0; i < workload.tasks().size(); i++) {
        String name = jobId + ".g[" + i + "]";
        names.add(name);
        taskOfName.put(name, i);
      }
      requests.add(new GroupRequest("g", names));
    } else {
      for (int i = 0; i < workload.tasks().size(); i++) {
        String group = "g" + i;
        String name = jobId + "." + group + "[0]";
        groups.add(group(group, 1, workload.tasks().get(i)));
        requests.add(new GroupRequest(group, List.of(name)));
        taskOfName.put(name, i);
      }
    }
    Job.Builder builder = Job.builder().id(jobId).name(jobId).namespace("default").type("service")
        .priority(50).datacenters(List.of("dc-1", "dc-2")).nodePool("default").taskGroups(groups);
    workload.rackConstraint().ifPresent(c -> builder.constraint(
        new Constraint(RackConstraint.ATTRIBUTE, c.value(), RackConstraint.OPERATOR)));
    if (workload.spreadOverRacks()) {
      builder.spreads(List.of(new Spread("${meta.rack}", 50, null)));
    }
    this.job = Canonicalizer.canonicalize(builder.build());
    cluster.upsertJob(job);
    this.request = new PlacementRequest(job, EVAL_ID, requests, Set.of());
  }

  /** Caravan's inputs for {@code workload}. */
  public static CaravanWorkloads of(Workload workload) {
    return new CaravanWorkloads(workload);
  }

  /** The cluster snapshot with every node. */
  public InMemoryCluster cluster() {
    return cluster;
  }

  /** The placement request for every ask. */
  public PlacementRequest request() {
    return request;
  }

  /** The job, canonicalized. */
  public Job job() {
    return job;
  }

  /** Per ask, the workload index of the node it was placed on, or -1. */
  public int[] assignment(PlacementResult result) {
    int[] nodeOfTask = new int[workload.tasks().size()];
    Arrays.fill(nodeOfTask, -1);
    for (Placement p : result.placements()) {
      Integer task = taskOfName.get(p.name());
      if (task == null) {
        throw new IllegalStateException("placement for unknown allocation " + p.name());
      }
      nodeOfTask[task] = nodeOfId.get(p.node().id());
    }
    return nodeOfTask;
  }

  /** Per ask, the workload index of the node the offline packer put it on, or -1. */
  public int[] assignment(PackingPlan plan) {
    int[] nodeOfTask = new int[workload.tasks().size()];
    Arrays.fill(nodeOfTask, -1);
    for (PackingPlan.Assignment a : plan.assignments()) {
      Integer task = taskOfName.get(a.name());
      if (task == null) {
        throw new IllegalStateException("packing for unknown allocation " + a.name());
      }
      nodeOfTask[task] = nodeOfId.get(a.nodeId());
    }
    return nodeOfTask;
  }

  private static TaskGroup group(String name, int count, TaskAsk ask) {
    return TaskGroup.builder().name(name).count(count)
        .ephemeralDisk(new EphemeralDisk(false, false, 150))
        .task(Task.builder().name("t").driver("exec")
            .resources(Resources.builder().cpu((int) ask.cpuMhz()).memoryMB((int) ask.memoryMb()).build())
            .build())
        .build();
  }

  private static Node node(NodeSpec spec) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("kernel.name", "linux");
    attributes.put("arch", "x86");
    attributes.put("driver.exec", "1");
    attributes.put("unique.hostname", spec.id());
    NodeResources resources = new NodeResources(
        new NodeCpuResources(spec.cpuMhz(), 4, List.of(0, 1, 2, 3)),
        new NodeMemoryResources(spec.memoryMb()),
        new NodeDiskResources(100 * 1024),
        List.of(new NetworkResource("host", "eth0", "192.168.0.100/32", "192.168.0.100", "", 1000,
            null, null, null)),
        null, null, 0, 0);
    NodeReservedResources reserved = new NodeReservedResources(
        new NodeReservedCpuResources(0, null), new NodeReservedMemoryResources(0),
        new NodeReservedDiskResources(0), new NodeReservedNetworkResources(""));
    Map<String, DriverInfo> drivers = Map.of("exec", new DriverInfo(null, true, true, "healthy", ""));
    return new Node(spec.id(), "", spec.datacenter(), spec.id(), "", false, attributes, resources,
        reserved, null, Map.of("rack", spec.rack()), "", "default", "", false, null, "eligible",
        "ready", "", 0, null, drivers, null, null, null, null, null, 0, "", 1, 1).withComputedClass();
  }
}
