package io.caravan.state.fsm.internal;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.caravan.model.cluster.AllocDeploymentStatus;
import io.caravan.model.cluster.AllocMetric;
import io.caravan.model.cluster.AllocState;
import io.caravan.model.cluster.AllocatedCpuResources;
import io.caravan.model.cluster.AllocatedDeviceResource;
import io.caravan.model.cluster.AllocatedMemoryResources;
import io.caravan.model.cluster.AllocatedPortMapping;
import io.caravan.model.cluster.AllocatedResources;
import io.caravan.model.cluster.AllocatedSharedResources;
import io.caravan.model.cluster.AllocatedTaskResources;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.DesiredTransition;
import io.caravan.model.cluster.NetworkResource;
import io.caravan.model.cluster.NodeScoreMeta;
import io.caravan.model.cluster.Port;
import io.caravan.model.cluster.RescheduleEvent;
import io.caravan.model.cluster.RescheduleTracker;
import io.caravan.model.cluster.TaskState;
import io.caravan.model.job.Job;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Reads allocations written by {@link AllocationWriter}, checking every length, tag and key. */
public final class AllocationReader {
  private final WireReader r;
  private final List<AllocatedResources> resources = new ArrayList<>();
  private final List<Map<String, TaskState>> taskStates = new ArrayList<>();
  private final List<Map<String, Double>> scoreMaps = new ArrayList<>();
  private final List<Map<String, Integer>> countMaps = new ArrayList<>();

  /** Reads from {@code r}. */
  public AllocationReader(WireReader r) {
    this.r = r;
  }

  /** Reads one allocation and gives it {@code job}. */
  public Allocation read(@Nullable Job job) {
    String id = r.readString("Allocation.ID");
    String namespace = r.readString("Allocation.Namespace");
    String evalID = r.readString("Allocation.EvalID");
    String name = r.readString("Allocation.Name");
    String nodeID = r.readString("Allocation.NodeID");
    String nodeName = r.readString("Allocation.NodeName");
    String jobID = r.readString("Allocation.JobID");
    String taskGroup = r.readString("Allocation.TaskGroup");
    AllocatedResources allocatedResources = sharedResources();
    AllocMetric metrics = metric();
    String desiredStatus = r.readString("Allocation.DesiredStatus");
    String desiredDescription = r.readString("Allocation.DesiredDescription");
    DesiredTransition desiredTransition = desiredTransition();
    String clientStatus = r.readString("Allocation.ClientStatus");
    String clientDescription = r.readString("Allocation.ClientDescription");
    Map<String, TaskState> states = sharedTaskStates();
    String deploymentID = r.readString("Allocation.DeploymentID");
    AllocDeploymentStatus deploymentStatus = deploymentStatus();
    RescheduleTracker rescheduleTracker = rescheduleTracker();
    String previousAllocation = r.readString("Allocation.PreviousAllocation");
    String nextAllocation = r.readString("Allocation.NextAllocation");
    String followupEvalID = r.readString("Allocation.FollowupEvalID");
    List<String> preemptedAllocations = strings("Allocation.PreemptedAllocations");
    String preemptedByAllocation = r.readString("Allocation.PreemptedByAllocation");
    long createIndex = r.readLong("Allocation.CreateIndex");
    long modifyIndex = r.readLong("Allocation.ModifyIndex");
    long allocModifyIndex = r.readLong("Allocation.AllocModifyIndex");
    long createTime = r.readLong("Allocation.CreateTime");
    long modifyTime = r.readLong("Allocation.ModifyTime");
    List<AllocState> allocStates = list("Allocation.AllocStates", () -> new AllocState(
        r.readString("AllocState.Field"), r.readString("AllocState.Value"), r.readString("AllocState.Time")));
    return new Allocation(id, namespace, evalID, name, nodeID, nodeName, jobID, job, taskGroup, allocatedResources,
        metrics, desiredStatus, desiredDescription, desiredTransition, clientStatus, clientDescription, states,
        deploymentID, deploymentStatus, rescheduleTracker, previousAllocation, nextAllocation, followupEvalID,
        preemptedAllocations, preemptedByAllocation, createIndex, modifyIndex, allocModifyIndex, createTime,
        modifyTime, allocStates);
  }

  /** -1 for null, -2 for a new value, else the table position of a value read before. */
  private int sharedTag(int tableSize, String what) {
    int tag = r.readVarInt(what);
    if (tag == AllocationWriter.VALUE_NULL) {
      return -1;
    }
    if (tag == AllocationWriter.VALUE_INLINE) {
      return -2;
    }
    int at = tag - AllocationWriter.VALUE_REF;
    if (at < 0 || at >= tableSize) {
      throw WireReader.corrupt(what, "reference " + Integer.toUnsignedString(at) + " of " + tableSize);
    }
    return at;
  }

  private @Nullable AllocatedResources sharedResources() {
    int at = sharedTag(resources.size(), "Allocation.AllocatedResources");
    if (at == -1) {
      return null;
    }
    if (at >= 0) {
      return resources.get(at);
    }
    int n = r.readCount("AllocatedResources.Tasks");
    Map<String, AllocatedTaskResources> tasks = null;
    if (n >= 0) {
      ImmutableMap.Builder<String, AllocatedTaskResources> b = ImmutableMap.builderWithExpectedSize(n);
      for (int i = 0; i < n; i++) {
        b.put(r.readString("AllocatedResources.Tasks"), taskResources());
      }
      tasks = build(b, "AllocatedResources.Tasks");
    }
    Map<String, Object> lifecycles = FreeFormWire.readMap(r, "AllocatedResources.TaskLifecycles");
    AllocatedSharedResources shared = null;
    if (r.readBoolean("AllocatedResources.Shared")) {
      List<NetworkResource> networks = networks("AllocatedSharedResources.Networks");
      long diskMB = r.readLong("AllocatedSharedResources.DiskMB");
      List<AllocatedPortMapping> ports = list("AllocatedSharedResources.Ports", () -> new AllocatedPortMapping(
          r.readString("AllocatedPortMapping.Label"), r.readInt("AllocatedPortMapping.Value"),
          r.readInt("AllocatedPortMapping.To"), r.readString("AllocatedPortMapping.HostIP")));
      shared = new AllocatedSharedResources(networks, diskMB, ports);
    }
    AllocatedResources out = new AllocatedResources(tasks, lifecycles, shared);
    resources.add(out);
    return out;
  }

  private AllocatedTaskResources taskResources() {
    AllocatedCpuResources cpu = null;
    if (r.readBoolean("AllocatedTaskResources.Cpu")) {
      long shares = r.readLong("AllocatedCpuResources.CpuShares");
      List<Integer> cores = list("AllocatedCpuResources.ReservedCores",
          () -> r.readInt("AllocatedCpuResources.ReservedCores"));
      cpu = new AllocatedCpuResources(shares, cores);
    }
    AllocatedMemoryResources memory = null;
    if (r.readBoolean("AllocatedTaskResources.Memory")) {
      memory = new AllocatedMemoryResources(r.readLong("AllocatedMemoryResources.MemoryMB"),
          r.readLong("AllocatedMemoryResources.MemoryMaxMB"));
    }
    List<NetworkResource> networks = networks("AllocatedTaskResources.Networks");
    List<AllocatedDeviceResource> devices = list("AllocatedTaskResources.Devices", () -> new AllocatedDeviceResource(
        r.readString("AllocatedDeviceResource.Vendor"), r.readString("AllocatedDeviceResource.Type"),
        r.readString("AllocatedDeviceResource.Name"), strings("AllocatedDeviceResource.DeviceIDs")));
    return new AllocatedTaskResources(cpu, memory, networks, devices);
  }

  private @Nullable List<NetworkResource> networks(String what) {
    return list(what, () -> new NetworkResource(r.readString("NetworkResource.Mode"),
        r.readString("NetworkResource.Device"), r.readString("NetworkResource.CIDR"), r.readString("NetworkResource.IP"),
        r.readString("NetworkResource.Hostname"), r.readInt("NetworkResource.MBits"),
        FreeFormWire.readMap(r, "NetworkResource.DNS"), ports("NetworkResource.ReservedPorts"),
        ports("NetworkResource.DynamicPorts")));
  }

  private @Nullable List<Port> ports(String what) {
    return list(what, () -> new Port(r.readString("Port.Label"), r.readInt("Port.Value"), r.readInt("Port.To"),
        r.readString("Port.HostNetwork"), r.readBoolean("Port.IgnoreCollision")));
  }

  /** A counted list, or null when the writer wrote none; {@code element} reads one element. */
  private <T> @Nullable List<T> list(String what, Supplier<T> element) {
    int n = r.readCount(what);
    if (n < 0) {
      return null;
    }
    ImmutableList.Builder<T> b = ImmutableList.builderWithExpectedSize(n);
    for (int i = 0; i < n; i++) {
      b.add(element.get());
    }
    return b.build();
  }

  private @Nullable AllocMetric metric() {
    if (!r.readBoolean("Allocation.Metrics")) {
      return null;
    }
    int nodesEvaluated = r.readInt("AllocMetric.NodesEvaluated");
    int nodesFiltered = r.readInt("AllocMetric.NodesFiltered");
    int nodesInPool = r.readInt("AllocMetric.NodesInPool");
    String nodePool = r.readString("AllocMetric.NodePool");
    Map<String, Integer> nodesAvailable = counts("AllocMetric.NodesAvailable");
    Map<String, Integer> classFiltered = counts("AllocMetric.ClassFiltered");
    Map<String, Integer> constraintFiltered = counts("AllocMetric.ConstraintFiltered");
    int nodesExhausted = r.readInt("AllocMetric.NodesExhausted");
    Map<String, Integer> classExhausted = counts("AllocMetric.ClassExhausted");
    Map<String, Integer> dimensionExhausted = counts("AllocMetric.DimensionExhausted");
    List<String> quotaExhausted = strings("AllocMetric.QuotaExhausted");
    Map<String, Object> resourcesExhausted = FreeFormWire.readMap(r, "AllocMetric.ResourcesExhausted");
    List<NodeScoreMeta> scores = list("AllocMetric.ScoreMetaData", this::scoreMeta);
    Duration allocationTime = duration("AllocMetric.AllocationTime");
    int coalescedFailures = r.readInt("AllocMetric.CoalescedFailures");
    return new AllocMetric(nodesEvaluated, nodesFiltered, nodesInPool, nodePool, nodesAvailable, classFiltered,
        constraintFiltered, nodesExhausted, classExhausted, dimensionExhausted, quotaExhausted, resourcesExhausted,
        scores, allocationTime, coalescedFailures);
  }

  private NodeScoreMeta scoreMeta() {
    String nodeID = r.readString("NodeScoreMeta.NodeID");
    Map<String, Double> byScorer;
    int at = sharedTag(scoreMaps.size(), "NodeScoreMeta.Scores");
    if (at == -1) {
      byScorer = null;
    } else if (at >= 0) {
      byScorer = scoreMaps.get(at);
    } else {
      int k = inlineCount("NodeScoreMeta.Scores");
      ImmutableMap.Builder<String, Double> m = ImmutableMap.builderWithExpectedSize(k);
      for (int j = 0; j < k; j++) {
        m.put(r.readString("NodeScoreMeta.Scores"), r.readDouble("NodeScoreMeta.Scores"));
      }
      byScorer = build(m, "NodeScoreMeta.Scores");
      scoreMaps.add(byScorer);
    }
    return new NodeScoreMeta(nodeID, byScorer, r.readDouble("NodeScoreMeta.NormScore"));
  }

  private @Nullable Map<String, Integer> counts(String what) {
    int at = sharedTag(countMaps.size(), what);
    if (at == -1) {
      return null;
    }
    if (at >= 0) {
      return countMaps.get(at);
    }
    int n = inlineCount(what);
    ImmutableMap.Builder<String, Integer> b = ImmutableMap.builderWithExpectedSize(n);
    for (int i = 0; i < n; i++) {
      b.put(r.readString(what), r.readInt(what));
    }
    Map<String, Integer> out = build(b, what);
    countMaps.add(out);
    return out;
  }

  /** The size of a shared value written inline, at most the bytes left. */
  private int inlineCount(String what) {
    int n = r.readVarInt(what);
    if (n < 0 || n > r.remaining()) {
      throw WireReader.corrupt(what, "count " + Integer.toUnsignedString(n) + " with " + r.remaining() + " bytes left");
    }
    return n;
  }

  private @Nullable List<String> strings(String what) {
    return list(what, () -> r.readString(what));
  }

  private Duration duration(String what) {
    long seconds = r.readLong(what);
    int nanos = r.readVarInt(what);
    if (nanos < 0 || nanos > 999_999_999) {
      throw WireReader.corrupt(what, "nanoseconds " + Integer.toUnsignedString(nanos));
    }
    return Duration.ofSeconds(seconds, nanos);
  }

  private @Nullable DesiredTransition desiredTransition() {
    if (!r.readBoolean("Allocation.DesiredTransition")) {
      return null;
    }
    return new DesiredTransition(r.readNullableBoolean("DesiredTransition.Migrate"),
        r.readNullableBoolean("DesiredTransition.Reschedule"), r.readNullableBoolean("DesiredTransition.ForceReschedule"),
        r.readNullableBoolean("DesiredTransition.NoShutdownDelay"),
        r.readNullableBoolean("DesiredTransition.MigrateDisablePlacement"));
  }

  private @Nullable Map<String, TaskState> sharedTaskStates() {
    int at = sharedTag(taskStates.size(), "Allocation.TaskStates");
    if (at == -1) {
      return null;
    }
    if (at >= 0) {
      return taskStates.get(at);
    }
    int n = inlineCount("Allocation.TaskStates");
    ImmutableMap.Builder<String, TaskState> b = ImmutableMap.builderWithExpectedSize(n);
    for (int i = 0; i < n; i++) {
      String task = r.readString("Allocation.TaskStates");
      String state = r.readString("TaskState.State");
      boolean failed = r.readBoolean("TaskState.Failed");
      long restarts = r.readLong("TaskState.Restarts");
      String lastRestart = r.readNullableString("TaskState.LastRestart");
      String startedAt = r.readNullableString("TaskState.StartedAt");
      String finishedAt = r.readNullableString("TaskState.FinishedAt");
      int k = r.readCount("TaskState.Events");
      List<Map<String, Object>> events = null;
      if (k >= 0) {
        events = new ArrayList<>(k);
        for (int j = 0; j < k; j++) {
          Map<String, Object> event = FreeFormWire.readMap(r, "TaskState.Events");
          if (event == null) {
            throw WireReader.corrupt("TaskState.Events", "null event");
          }
          events.add(event);
        }
      }
      b.put(task, new TaskState(state, failed, restarts, lastRestart, startedAt, finishedAt, events));
    }
    Map<String, TaskState> out = build(b, "Allocation.TaskStates");
    taskStates.add(out);
    return out;
  }

  private @Nullable AllocDeploymentStatus deploymentStatus() {
    if (!r.readBoolean("Allocation.DeploymentStatus")) {
      return null;
    }
    return new AllocDeploymentStatus(r.readNullableBoolean("AllocDeploymentStatus.Healthy"),
        r.readNullableString("AllocDeploymentStatus.Timestamp"), r.readBoolean("AllocDeploymentStatus.Canary"),
        r.readLong("AllocDeploymentStatus.ModifyIndex"));
  }

  private @Nullable RescheduleTracker rescheduleTracker() {
    if (!r.readBoolean("Allocation.RescheduleTracker")) {
      return null;
    }
    List<RescheduleEvent> events = list("RescheduleTracker.Events", () -> new RescheduleEvent(
        r.readLong("RescheduleEvent.RescheduleTime"), r.readString("RescheduleEvent.PrevAllocID"),
        r.readString("RescheduleEvent.PrevNodeID"), duration("RescheduleEvent.Delay")));
    return new RescheduleTracker(events, r.readString("RescheduleTracker.LastReschedule"));
  }

  private static <V> Map<String, V> build(ImmutableMap.Builder<String, V> b, String what) {
    try {
      return b.buildOrThrow();
    } catch (IllegalArgumentException e) {
      throw WireReader.corrupt(what, "duplicate key (" + e.getMessage() + ")");
    }
  }
}
