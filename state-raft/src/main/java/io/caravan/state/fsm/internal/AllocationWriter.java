package io.caravan.state.fsm.internal;

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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes allocations (every field but {@code job}, which the command carries separately) field by
 * field in component order, for {@link AllocationReader}. Equal resources, task-state maps, score maps
 * and metric count maps are written once per command and referred to afterwards, so a plan's
 * allocations share one instance of each when read.
 */
public final class AllocationWriter {
  /** Shared-value tag: null. */
  static final int VALUE_NULL = 0;
  /** Shared-value tag: the value follows and joins the table. */
  static final int VALUE_INLINE = 1;
  /** Shared-value tags from this one on are references: table position + this. */
  static final int VALUE_REF = 2;

  private final WireWriter w;
  private final ValueTable<AllocatedResources> resources = new ValueTable<>();
  private final ValueTable<Map<String, TaskState>> taskStates = new ValueTable<>();
  private final ValueTable<Map<String, Double>> scoreMaps = new ValueTable<>();
  private final ValueTable<Map<String, Integer>> countMaps = new ValueTable<>();

  /** Writes to {@code w}. */
  public AllocationWriter(WireWriter w) {
    this.w = w;
  }

  /** Writes {@code a} without its job. */
  public void write(Allocation a) {
    w.writeUniqueString(a.id());
    w.writeString(a.namespace());
    w.writeString(a.evalID());
    w.writeUniqueString(a.name());
    w.writeString(a.nodeID());
    w.writeString(a.nodeName());
    w.writeString(a.jobID());
    w.writeString(a.taskGroup());
    AllocatedResources resources = a.allocatedResources();
    if (shared(this.resources, resources)) {
      resources(resources);
    }
    metric(a.metrics());
    w.writeString(a.desiredStatus());
    w.writeString(a.desiredDescription());
    desiredTransition(a.desiredTransition());
    w.writeString(a.clientStatus());
    w.writeString(a.clientDescription());
    Map<String, TaskState> states = a.taskStates();
    if (shared(taskStates, states)) {
      taskStateMap(states);
    }
    w.writeString(a.deploymentID());
    deploymentStatus(a.deploymentStatus());
    rescheduleTracker(a.rescheduleTracker());
    w.writeString(a.previousAllocation());
    w.writeString(a.nextAllocation());
    w.writeString(a.followupEvalID());
    strings(a.preemptedAllocations());
    w.writeString(a.preemptedByAllocation());
    w.writeLong(a.createIndex());
    w.writeLong(a.modifyIndex());
    w.writeLong(a.allocModifyIndex());
    w.writeLong(a.createTime());
    w.writeLong(a.modifyTime());
    List<AllocState> allocStates = a.allocStates();
    w.writeCount(allocStates);
    if (allocStates != null) {
      for (AllocState s : allocStates) {
        w.writeString(s.field());
        w.writeString(s.value());
        w.writeString(s.time());
      }
    }
  }

  /**
   * Writes the tag of a shared value: null, a reference to an equal value written before, or "inline"
   * (it joins {@code table}), in which case the caller writes it next and true is returned.
   */
  private <T> boolean shared(ValueTable<T> table, @Nullable T value) {
    if (value == null) {
      w.writeVarInt(VALUE_NULL);
      return false;
    }
    int at = table.positionOrAdd(value);
    if (at >= 0) {
      w.writeVarInt(at + VALUE_REF);
      return false;
    }
    w.writeVarInt(VALUE_INLINE);
    return true;
  }

  private void resources(AllocatedResources r) {
    Map<String, AllocatedTaskResources> tasks = r.tasks();
    w.writeCount(tasks);
    if (tasks != null) {
      for (Map.Entry<String, AllocatedTaskResources> e : tasks.entrySet()) {
        w.writeString(e.getKey());
        taskResources(e.getValue());
      }
    }
    FreeFormWire.writeMap(w, r.taskLifecycles());
    AllocatedSharedResources shared = r.shared();
    w.writeBoolean(shared != null);
    if (shared != null) {
      networks(shared.networks());
      w.writeLong(shared.diskMB());
      List<AllocatedPortMapping> ports = shared.ports();
      w.writeCount(ports);
      if (ports != null) {
        for (AllocatedPortMapping p : ports) {
          w.writeString(p.label());
          w.writeInt(p.value());
          w.writeInt(p.to());
          w.writeString(p.hostIP());
        }
      }
    }
  }

  private void taskResources(AllocatedTaskResources t) {
    AllocatedCpuResources cpu = t.cpu();
    w.writeBoolean(cpu != null);
    if (cpu != null) {
      w.writeLong(cpu.cpuShares());
      List<Integer> cores = cpu.reservedCores();
      w.writeCount(cores);
      if (cores != null) {
        for (int c : cores) {
          w.writeInt(c);
        }
      }
    }
    AllocatedMemoryResources memory = t.memory();
    w.writeBoolean(memory != null);
    if (memory != null) {
      w.writeLong(memory.memoryMB());
      w.writeLong(memory.memoryMaxMB());
    }
    networks(t.networks());
    List<AllocatedDeviceResource> devices = t.devices();
    w.writeCount(devices);
    if (devices != null) {
      for (AllocatedDeviceResource d : devices) {
        w.writeString(d.vendor());
        w.writeString(d.type());
        w.writeString(d.name());
        strings(d.deviceIDs());
      }
    }
  }

  private void networks(@Nullable List<NetworkResource> networks) {
    w.writeCount(networks);
    if (networks == null) {
      return;
    }
    for (NetworkResource n : networks) {
      w.writeString(n.mode());
      w.writeString(n.device());
      w.writeString(n.cidr());
      w.writeString(n.ip());
      w.writeString(n.hostname());
      w.writeInt(n.mBits());
      FreeFormWire.writeMap(w, n.dns());
      ports(n.reservedPorts());
      ports(n.dynamicPorts());
    }
  }

  private void ports(@Nullable List<Port> ports) {
    w.writeCount(ports);
    if (ports == null) {
      return;
    }
    for (Port p : ports) {
      w.writeString(p.label());
      w.writeInt(p.value());
      w.writeInt(p.to());
      w.writeString(p.hostNetwork());
      w.writeBoolean(p.ignoreCollision());
    }
  }

  private void metric(@Nullable AllocMetric m) {
    w.writeBoolean(m != null);
    if (m == null) {
      return;
    }
    w.writeInt(m.nodesEvaluated());
    w.writeInt(m.nodesFiltered());
    w.writeInt(m.nodesInPool());
    w.writeString(m.nodePool());
    counts(m.nodesAvailable());
    counts(m.classFiltered());
    counts(m.constraintFiltered());
    w.writeInt(m.nodesExhausted());
    counts(m.classExhausted());
    counts(m.dimensionExhausted());
    strings(m.quotaExhausted());
    FreeFormWire.writeMap(w, m.resourcesExhausted());
    List<NodeScoreMeta> scores = m.scoreMetaData();
    w.writeCount(scores);
    if (scores != null) {
      for (NodeScoreMeta s : scores) {
        w.writeString(s.nodeID());
        Map<String, Double> byScorer = s.scores();
        if (shared(scoreMaps, byScorer)) {
          w.writeVarInt(byScorer.size());
          for (Map.Entry<String, Double> e : byScorer.entrySet()) {
            w.writeString(e.getKey());
            w.writeDouble(e.getValue());
          }
        }
        w.writeDouble(s.normScore());
      }
    }
    duration(m.allocationTime());
    w.writeInt(m.coalescedFailures());
  }

  private void counts(@Nullable Map<String, Integer> counts) {
    if (shared(countMaps, counts)) {
      w.writeVarInt(counts.size());
      for (Map.Entry<String, Integer> e : counts.entrySet()) {
        w.writeString(e.getKey());
        w.writeInt(e.getValue());
      }
    }
  }

  private void strings(@Nullable List<String> strings) {
    w.writeCount(strings);
    if (strings != null) {
      for (String s : strings) {
        w.writeString(s);
      }
    }
  }

  private void duration(Duration d) {
    w.writeLong(d.getSeconds());
    w.writeVarInt(d.getNano());
  }

  private void desiredTransition(@Nullable DesiredTransition t) {
    w.writeBoolean(t != null);
    if (t != null) {
      w.writeNullableBoolean(t.migrate());
      w.writeNullableBoolean(t.reschedule());
      w.writeNullableBoolean(t.forceReschedule());
      w.writeNullableBoolean(t.noShutdownDelay());
      w.writeNullableBoolean(t.migrateDisablePlacement());
    }
  }

  private void taskStateMap(Map<String, TaskState> states) {
    w.writeVarInt(states.size());
    for (Map.Entry<String, TaskState> e : states.entrySet()) {
      w.writeString(e.getKey());
      TaskState t = e.getValue();
      w.writeString(t.state());
      w.writeBoolean(t.failed());
      w.writeLong(t.restarts());
      w.writeString(t.lastRestart());
      w.writeString(t.startedAt());
      w.writeString(t.finishedAt());
      List<Map<String, Object>> events = t.events();
      w.writeCount(events);
      if (events != null) {
        for (Map<String, Object> event : events) {
          FreeFormWire.writeMap(w, event);
        }
      }
    }
  }

  private void deploymentStatus(@Nullable AllocDeploymentStatus s) {
    w.writeBoolean(s != null);
    if (s != null) {
      w.writeNullableBoolean(s.healthy());
      w.writeString(s.timestamp());
      w.writeBoolean(s.canary());
      w.writeLong(s.modifyIndex());
    }
  }

  private void rescheduleTracker(@Nullable RescheduleTracker t) {
    w.writeBoolean(t != null);
    if (t == null) {
      return;
    }
    List<RescheduleEvent> events = t.events();
    w.writeCount(events);
    if (events != null) {
      for (RescheduleEvent e : events) {
        w.writeLong(e.rescheduleTime());
        w.writeString(e.prevAllocID());
        w.writeString(e.prevNodeID());
        duration(e.delay());
      }
    }
    w.writeString(t.lastReschedule());
  }
}
