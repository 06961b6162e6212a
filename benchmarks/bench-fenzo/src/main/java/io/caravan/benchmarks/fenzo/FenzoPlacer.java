package io.caravan.benchmarks.fenzo;

import com.netflix.fenzo.ConstraintEvaluator;
import com.netflix.fenzo.SchedulingResult;
import com.netflix.fenzo.TaskAssignmentResult;
import com.netflix.fenzo.TaskRequest;
import com.netflix.fenzo.TaskScheduler;
import com.netflix.fenzo.VMAssignmentResult;
import com.netflix.fenzo.VirtualMachineLease;
import com.netflix.fenzo.VMTaskFitnessCalculator;
import com.netflix.fenzo.functions.Action2;
import com.netflix.fenzo.plugins.BalancedHostAttrConstraint;
import com.netflix.fenzo.plugins.BinPackingFitnessCalculators;
import io.caravan.benchmarks.workload.NodeSpec;
import io.caravan.benchmarks.workload.TaskAsk;
import io.caravan.benchmarks.workload.Workload;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.mesos.Protos;

/**
 * Places a whole workload with Fenzo: a fresh {@link TaskScheduler} with the cpu+memory bin-packing
 * fitness calculator, one lease per node, and {@code scheduleOnce} over batches of asks. After each
 * call the tasks are reported to Fenzo's task assigner and every used node's remaining capacity is
 * offered again as a new lease (leases are consumed when used), as a Mesos framework would.
 *
 * <p>The rack constraint is a hard {@link RackConstraintEvaluator}; a rack spread is Fenzo's
 * {@link BalancedHostAttrConstraint} on the lease attribute {@code rack}, used as a soft constraint
 * (Fenzo's closest equivalent of Nomad's even {@code spread}).
 *
 * <p>Build with {@link #prepare}; {@link #placeAll()} is the measured part and may run once.
 */
public final class FenzoPlacer {
  private static final String RACK_ATTRIBUTE = "rack";
  private final Workload workload;
  private final int batchSize;
  private final TaskScheduler scheduler;
  private final Action2<TaskRequest, String> assigner;
  private final List<BenchTask> tasks;
  private final List<VirtualMachineLease> initialLeases;
  private final Map<String, Integer> nodeIndex;
  private final double[] freeCpu;
  private final double[] freeMemory;
  private final List<Map<String, Protos.Attribute>> attributesOfNode;
  private int leaseSerial;

  private FenzoPlacer(Workload workload, int batchSize) {
    this.workload = workload;
    this.batchSize = batchSize;
    this.scheduler = new TaskScheduler.Builder()
        .withLeaseOfferExpirySecs(1_000_000_000L)
        .withLeaseRejectAction(lease -> { })
        .withFitnessCalculator(BinPackingFitnessCalculators.cpuMemBinPacker)
        .build();
    this.assigner = scheduler.getTaskAssigner();
    List<NodeSpec> nodes = workload.nodes();
    this.nodeIndex = new HashMap<>(nodes.size() * 2);
    this.freeCpu = new double[nodes.size()];
    this.freeMemory = new double[nodes.size()];
    this.initialLeases = new ArrayList<>(nodes.size());
    this.attributesOfNode = new ArrayList<>(nodes.size());
    Map<String, String> rackOfHost = new HashMap<>(nodes.size() * 2);
    Map<String, Map<String, Protos.Attribute>> attributesOfRack = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      NodeSpec n = nodes.get(i);
      nodeIndex.put(n.id(), i);
      rackOfHost.put(n.id(), n.rack());
      // Collections maps: Fenzo looks up null keys, which Map.of rejects
      attributesOfNode.add(attributesOfRack.computeIfAbsent(n.rack(),
          rack -> Collections.singletonMap(RACK_ATTRIBUTE, BenchLease.textAttribute(RACK_ATTRIBUTE, rack))));
      freeCpu[i] = n.cpuMhz();
      freeMemory[i] = n.memoryMb();
      initialLeases.add(new BenchLease(n.id() + "#" + leaseSerial++, n.id(), freeCpu[i], freeMemory[i],
          attributesOfNode.get(i)));
    }
    List<ConstraintEvaluator> hard = workload.rackConstraint()
        .<List<ConstraintEvaluator>>map(c -> List.of(new RackConstraintEvaluator(c, rackOfHost)))
        .orElse(List.of());
    List<VMTaskFitnessCalculator> soft = List.of();
    if (workload.spreadOverRacks()) {
      Set<String> allTaskIds = new HashSet<>();
      workload.tasks().forEach(t -> allTaskIds.add(t.id()));
      Set<String> coTasks = Collections.unmodifiableSet(allTaskIds); // null-tolerant, unlike Set.copyOf
      int racks = attributesOfRack.size();
      soft = List.of(new BalancedHostAttrConstraint(taskId -> coTasks, RACK_ATTRIBUTE, racks)
          .asSoftConstraint());
    }
    this.tasks = new ArrayList<>(workload.tasks().size());
    for (int i = 0; i < workload.tasks().size(); i++) {
      TaskAsk t = workload.tasks().get(i);
      tasks.add(new BenchTask(t.id(), i, t.cpuMhz(), t.memoryMb(), hard, soft));
    }
  }

  /** A placer for {@code workload} calling {@code scheduleOnce} with {@code batchSize} asks at a time. */
  public static FenzoPlacer prepare(Workload workload, int batchSize) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
    }
    return new FenzoPlacer(workload, batchSize);
  }

  /**
   * Places every ask; returns, per ask, the index of its node in the workload or -1 when Fenzo
   * could not place it.
   */
  public int[] placeAll() {
    int[] nodeOfTask = new int[tasks.size()];
    Arrays.fill(nodeOfTask, -1);
    List<VirtualMachineLease> offers = initialLeases;
    for (int from = 0; from < tasks.size(); from += batchSize) {
      List<BenchTask> batch = tasks.subList(from, Math.min(tasks.size(), from + batchSize));
      SchedulingResult result = scheduler.scheduleOnce(batch, offers);
      if (!result.getExceptions().isEmpty()) {
        throw new IllegalStateException("Fenzo failed", result.getExceptions().get(0));
      }
      offers = new ArrayList<>(result.getResultMap().size());
      for (VMAssignmentResult vm : result.getResultMap().values()) {
        int node = nodeIndex.get(vm.getHostname());
        for (TaskAssignmentResult assigned : vm.getTasksAssigned()) {
          BenchTask task = (BenchTask) assigned.getRequest();
          nodeOfTask[task.index()] = node;
          freeCpu[node] -= task.getCPUs();
          freeMemory[node] -= task.getMemory();
          assigner.call(task, vm.getHostname());
        }
        if (freeCpu[node] > 0 && freeMemory[node] > 0) {
          offers.add(new BenchLease(vm.getHostname() + "#" + leaseSerial++, vm.getHostname(),
              freeCpu[node], freeMemory[node], attributesOfNode.get(node)));
        }
      }
    }
    return nodeOfTask;
  }

  /** Stops the scheduler's background threads. */
  public void shutdown() {
    scheduler.shutdown();
  }

  /** The workload this placer places. */
  public Workload workload() {
    return workload;
  }
}
