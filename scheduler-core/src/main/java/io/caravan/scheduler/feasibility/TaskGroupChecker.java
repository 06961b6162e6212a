package io.caravan.scheduler.feasibility;

import io.caravan.model.cluster.ClientHostVolumeConfig;
import io.caravan.model.cluster.DriverInfo;
import io.caravan.model.cluster.NetworkResource;
import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.NodeDevice;
import io.caravan.model.cluster.NodeDeviceResource;
import io.caravan.model.cluster.NodeNetworkAddress;
import io.caravan.model.cluster.NodeNetworkResource;
import io.caravan.model.job.Constraint;
import io.caravan.model.job.Job;
import io.caravan.model.job.Port;
import io.caravan.model.job.RequestedDevice;
import io.caravan.model.job.Task;
import io.caravan.model.job.TaskGroup;
import io.caravan.model.job.VolumeRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The feasibility checks of one task group, memoised by computed node class as Nomad's
 * {@code FeasibilityWrapper} does: job constraints first (class cache shared by all groups of
 * the job), then the group's drivers, constraints, devices and networks (class cache per group),
 * then host volumes, which are never memoised. Constraints on {@code unique.*} targets "escape"
 * and are checked per node. Not thread-safe: one per evaluation and group.
 */
public final class TaskGroupChecker {
  /** Reason recorded when a node's class is already known to be ineligible. */
  public static final String CLASS_INELIGIBLE = "computed class ineligible";

  private final List<Constraint> jobConstraints = new ArrayList<>();
  private final List<Constraint> groupConstraints = new ArrayList<>();
  private final Set<String> drivers = new LinkedHashSet<>();
  private final List<RequestedDevice> devices = new ArrayList<>();
  private final List<io.caravan.model.job.NetworkResource> networks = new ArrayList<>();
  private final List<VolumeRequest> hostVolumes = new ArrayList<>();
  private final boolean jobEscaped;
  private final boolean groupEscaped;
  private final Map<String, Boolean> jobClassCache;
  private final Map<String, Boolean> groupClassCache;
  private final ConstraintEvaluator evaluator;
  private final DeviceConstraints deviceConstraints;

  /**
   * @param jobClassCache class → eligible for the job-level constraints, shared by all groups of the job
   * @param groupClassCache class → eligible for this group
   */
  public TaskGroupChecker(Job job, TaskGroup tg, ConstraintEvaluator evaluator,
      Map<String, Boolean> jobClassCache, Map<String, Boolean> groupClassCache) {
    this.evaluator = evaluator;
    this.deviceConstraints = new DeviceConstraints(evaluator);
    this.jobClassCache = jobClassCache;
    this.groupClassCache = groupClassCache;
    for (Constraint c : job.constraintsOrEmpty()) {
      if (!isDistinct(c)) {
        jobConstraints.add(c);
      }
    }
    for (Constraint c : tg.constraintsOrEmpty()) {
      if (!isDistinct(c)) {
        groupConstraints.add(c);
      }
    }
    networks.addAll(tg.networksOrEmpty());
    for (Task t : tg.tasksOrEmpty()) {
      drivers.add(t.driver());
      for (Constraint c : t.constraintsOrEmpty()) {
        if (!isDistinct(c)) {
          groupConstraints.add(c);
        }
      }
      if (t.resources() != null) {
        devices.addAll(t.resources().devicesOrEmpty());
        networks.addAll(t.resources().networksOrEmpty());
      }
    }
    boolean csi = false;
    for (VolumeRequest v : tg.volumesOrEmpty().values()) {
      if ("host".equals(v.type())) {
        hostVolumes.add(v);
      } else if ("csi".equals(v.type())) {
        csi = true;
      }
    }
    this.jobEscaped = jobConstraints.stream().anyMatch(TaskGroupChecker::escapes);
    this.groupEscaped = csi || groupConstraints.stream().anyMatch(TaskGroupChecker::escapes);
  }

  /**
   * True when {@link #check} answers from its class caches alone once a node's class has been
   * checked: no constraint escapes the class and there are no host volumes (checked per node).
   * Then, for any node of an already checked class, {@code check} returns {@link #CLASS_INELIGIBLE}
   * or {@code null}, as its first node of that class did or not, so callers may keep that answer
   * per class.
   */
  public boolean classDetermined() {
    return !jobEscaped && !groupEscaped && hostVolumes.isEmpty();
  }

  /** The reason {@code node} is infeasible for the group, or {@code null} when it is feasible. */
  public @Nullable String check(Node node) {
    String cls = node.computedClass();
    Boolean jobOk = jobEscaped ? null : jobClassCache.get(cls);
    if (Boolean.FALSE.equals(jobOk)) {
      return CLASS_INELIGIBLE;
    }
    if (jobOk == null) {
      String reason = firstFailing(jobConstraints, node);
      if (!jobEscaped) {
        jobClassCache.put(cls, reason == null);
      }
      if (reason != null) {
        return reason;
      }
    }
    Boolean groupOk = groupEscaped ? null : groupClassCache.get(cls);
    if (Boolean.FALSE.equals(groupOk)) {
      return CLASS_INELIGIBLE;
    }
    if (groupOk == null) {
      String reason = groupReason(node);
      if (!groupEscaped) {
        groupClassCache.put(cls, reason == null);
      }
      if (reason != null) {
        return reason;
      }
    }
    return hostVolumeReason(node);
  }

  private @Nullable String groupReason(Node node) {
    for (String d : drivers) {
      if (!driverOk(node, d)) {
        return "missing drivers";
      }
    }
    String reason = firstFailing(groupConstraints, node);
    if (reason != null) {
      return reason;
    }
    if (!devices.isEmpty() && !hasDevices(node)) {
      return "missing devices";
    }
    return networkReason(node);
  }

  private @Nullable String firstFailing(List<Constraint> constraints, Node node) {
    for (Constraint c : constraints) {
      if (!evaluator.satisfies(c, node)) {
        return c.lTarget() + " " + c.operand() + " " + c.rTarget();
      }
    }
    return null;
  }

  private static boolean driverOk(Node node, String driver) {
    DriverInfo info = node.driversOrEmpty().get(driver);
    if (info != null) {
      return info.detected() && info.healthy();
    }
    String attr = node.attributesOrEmpty().get("driver." + driver);
    if (attr == null) {
      return false;
    }
    return switch (attr) {
      case "1", "t", "T", "true", "TRUE", "True" -> true;
      default -> false;
    };
  }

  /**
   * Nomad's device check: requests in order greedily consume healthy instances of the groups
   * that match them (name, constraints, {@code ${device.ids}}), possibly across groups; usage by
   * other allocations is left to ranking.
   */
  private boolean hasDevices(Node node) {
    List<NodeDeviceResource> groups = node.nodeResources() == null ? List.of() : node.nodeResources().devicesOrEmpty();
    long[] unused = new long[groups.size()];
    for (int i = 0; i < groups.size(); i++) {
      for (NodeDevice d : groups.get(i).instancesOrEmpty()) {
        if (d.healthy()) {
          unused[i]++;
        }
      }
    }
    for (RequestedDevice req : devices) {
      long desired = req.count() == null ? 1 : req.count();
      for (int i = 0; i < groups.size() && desired > 0; i++) {
        NodeDeviceResource g = groups.get(i);
        if (unused[i] == 0 || !deviceConstraints.matches(req, g)) {
          continue;
        }
        long allowed = 0;
        for (NodeDevice d : g.instancesOrEmpty()) {
          if (d.healthy() && deviceConstraints.instanceAllowed(req, g, d.id())) {
            allowed++;
          }
        }
        long take = Math.min(Math.min(unused[i], allowed), desired);
        unused[i] -= take;
        desired -= take;
      }
      if (desired > 0) {
        return false;
      }
    }
    return true;
  }

  private @Nullable String networkReason(Node node) {
    for (io.caravan.model.job.NetworkResource ask : networks) {
      String mode = ask.mode().isEmpty() ? "host" : ask.mode();
      if (mode.equals("none")) {
        continue;
      }
      boolean found = false;
      if (node.nodeResources() != null) {
        for (NetworkResource n : node.nodeResources().networksOrEmpty()) {
          String m = n.mode().isEmpty() ? "host" : n.mode();
          if (m.equals(mode)) {
            found = true;
            break;
          }
        }
      }
      if (!found) {
        return "missing network";
      }
      List<Port> ports = new ArrayList<>(ask.reservedPortsOrEmpty());
      ports.addAll(ask.dynamicPortsOrEmpty());
      for (Port p : ports) {
        String hn = p.hostNetwork();
        if (hn.startsWith("${")) {
          String resolved = TargetResolver.resolve(hn, node);
          hn = resolved == null ? "" : resolved;
          if (hn.isEmpty()) {
            return "missing host network \"" + p.hostNetwork() + "\" for port \"" + p.label() + "\"";
          }
        }
        if (!hn.isEmpty() && !hn.equals("default") && !hasHostNetwork(node, hn)) {
          return "missing host network \"" + hn + "\" for port \"" + p.label() + "\"";
        }
      }
    }
    return null;
  }

  private static boolean hasHostNetwork(Node node, String alias) {
    if (node.hostNetworks() != null && node.hostNetworks().containsKey(alias)) {
      return true;
    }
    if (node.nodeResources() != null) {
      for (NodeNetworkResource n : node.nodeResources().nodeNetworksOrEmpty()) {
        if (n.addresses() != null) {
          for (NodeNetworkAddress a : n.addresses()) {
            if (alias.equals(a.alias())) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  private @Nullable String hostVolumeReason(Node node) {
    for (VolumeRequest v : hostVolumes) {
      ClientHostVolumeConfig hv = node.hostVolumesOrEmpty().get(v.source());
      if (hv == null || (hv.readOnly() && !v.readOnly()) || v.sticky()) {
        return "missing compatible host volumes";
      }
    }
    return null;
  }

  private static boolean isDistinct(Constraint c) {
    return c.operand().equals("distinct_hosts") || c.operand().equals("distinct_property");
  }

  private static boolean escapes(Constraint c) {
    return TargetResolver.escapes(c.lTarget()) || TargetResolver.escapes(c.rTarget());
  }
}
