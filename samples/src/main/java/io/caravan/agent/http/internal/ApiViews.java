package io.caravan.agent.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caravan.model.cluster.AllocStatus;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.EvalStatus;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.cluster.Node;
import io.caravan.model.job.Job;
import io.caravan.model.job.TaskGroup;
import io.caravan.model.json.NomadJson;
import io.caravan.state.store.StateSnapshot;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shapes Nomad's API answers with beyond the stored objects: job, allocation and node list
 * stubs, the job summary, and the job status Nomad derives from allocations and evaluations.
 */
public final class ApiViews {
  private static final NomadJson JSON = NomadJson.lenient();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private ApiViews() {}

  /** Nomad's job status: running with a live allocation, dead once stopped or finished, pending before. */
  public static String jobStatus(StateSnapshot s, Job job) {
    String ns = ns(job);
    List<Allocation> allocs = s.allocsByJob(ns, job.id());
    boolean anyLive = allocs.stream().anyMatch(a -> !a.terminal());
    if (anyLive) {
      return "running";
    }
    if (Boolean.TRUE.equals(job.stop())) {
      return "dead";
    }
    if (job.periodic() != null || job.parameterizedJob() != null) {
      return "running";
    }
    List<Evaluation> evals = s.evalsByJob(ns, job.id());
    boolean anyOpenEval = evals.stream()
        .anyMatch(e -> EvalStatus.PENDING.equals(e.status()) || EvalStatus.BLOCKED.equals(e.status()));
    if (anyOpenEval) {
      return "pending";
    }
    if (!allocs.isEmpty() || !evals.isEmpty()) {
      return "dead";
    }
    return "pending";
  }

  /** The job as stored, with the status Nomad would show. */
  public static JsonNode job(StateSnapshot s, Job job) {
    ObjectNode tree = (ObjectNode) JSON.toTree(job);
    tree.put("Status", jobStatus(s, job));
    return tree;
  }

  /** Nomad's JobSummary: allocation counts by client status per task group. */
  public static ObjectNode jobSummary(StateSnapshot s, Job job) {
    Map<String, int[]> counts = new TreeMap<>();
    if (job.taskGroups() != null) {
      for (TaskGroup g : job.taskGroups()) {
        counts.put(g.name(), new int[7]);
      }
    }
    long modify = job.modifyIndex() == null ? 0 : job.modifyIndex();
    for (Allocation a : s.allocsByJob(ns(job), job.id())) {
      int[] c = counts.computeIfAbsent(a.taskGroup(), k -> new int[7]);
      modify = Math.max(modify, a.modifyIndex());
      switch (a.clientStatus() == null ? "" : a.clientStatus()) {
        case AllocStatus.CLIENT_PENDING -> c[1]++;
        case AllocStatus.CLIENT_RUNNING -> c[2]++;
        case AllocStatus.CLIENT_COMPLETE -> c[3]++;
        case AllocStatus.CLIENT_FAILED -> c[4]++;
        case AllocStatus.CLIENT_LOST -> c[5]++;
        case AllocStatus.CLIENT_UNKNOWN -> c[6]++;
        default -> { }
      }
    }
    for (Evaluation e : s.evalsByJob(ns(job), job.id())) {
      if (EvalStatus.BLOCKED.equals(e.status()) && e.queuedAllocations() != null) {
        e.queuedAllocations().forEach((g, n) -> counts.computeIfAbsent(g, k -> new int[7])[0] += n);
      }
    }
    ObjectNode summary = F.objectNode();
    counts.forEach((group, c) -> {
      ObjectNode g = summary.putObject(group);
      g.put("Queued", c[0]);
      g.put("Starting", c[1]);
      g.put("Running", c[2]);
      g.put("Complete", c[3]);
      g.put("Failed", c[4]);
      g.put("Lost", c[5]);
      g.put("Unknown", c[6]);
    });
    ObjectNode out = F.objectNode();
    out.put("JobID", job.id());
    out.put("Namespace", ns(job));
    out.set("Summary", summary);
    ObjectNode children = out.putObject("Children");
    children.put("Pending", 0);
    children.put("Running", 0);
    children.put("Dead", 0);
    out.put("CreateIndex", job.createIndex() == null ? 0 : job.createIndex());
    out.put("ModifyIndex", modify);
    return out;
  }

  /** Nomad's JobListStub. */
  public static ObjectNode jobStub(StateSnapshot s, Job job) {
    ObjectNode o = F.objectNode();
    o.put("ID", job.id());
    o.put("ParentID", job.parentID() == null ? "" : job.parentID());
    o.put("Name", job.name());
    o.put("Namespace", ns(job));
    o.set("Datacenters", JSON.toTree(job.datacenters() == null ? List.of() : job.datacenters()));
    o.set("Multiregion", JSON.toTree(job.multiregion()));
    o.put("Type", job.type());
    o.put("Priority", job.priority() == null ? 50 : job.priority());
    o.put("Periodic", job.periodic() != null);
    o.put("ParameterizedJob", job.parameterizedJob() != null);
    o.put("Stop", Boolean.TRUE.equals(job.stop()));
    o.put("Status", jobStatus(s, job));
    o.put("StatusDescription", job.statusDescription() == null ? "" : job.statusDescription());
    o.set("JobSummary", jobSummary(s, job));
    o.put("CreateIndex", job.createIndex() == null ? 0 : job.createIndex());
    o.put("ModifyIndex", job.modifyIndex() == null ? 0 : job.modifyIndex());
    o.put("JobModifyIndex", job.jobModifyIndex() == null ? 0 : job.jobModifyIndex());
    o.put("SubmitTime", job.submitTime() == null ? 0 : job.submitTime());
    o.set("Meta", JSON.toTree(job.meta()));
    o.put("NodePool", job.nodePool() == null ? "default" : job.nodePool());
    o.put("Version", job.version() == null ? 0 : job.version());
    return o;
  }

  /** Nomad's AllocListStub. */
  public static ObjectNode allocStub(Allocation a) {
    ObjectNode o = F.objectNode();
    o.put("ID", a.id());
    o.put("EvalID", a.evalID());
    o.put("Name", a.name());
    o.put("Namespace", a.namespace());
    o.put("NodeID", a.nodeID());
    o.put("NodeName", a.nodeName());
    o.put("JobID", a.jobID());
    Job job = a.job();
    o.put("JobType", job == null ? "" : job.type());
    o.put("JobVersion", job == null || job.version() == null ? 0 : job.version());
    o.put("TaskGroup", a.taskGroup());
    o.set("AllocatedResources", F.nullNode());
    o.put("DesiredStatus", a.desiredStatus());
    o.put("DesiredDescription", a.desiredDescription());
    o.set("DesiredTransition", JSON.toTree(a.desiredTransition()));
    o.put("ClientStatus", a.clientStatus());
    o.put("ClientDescription", a.clientDescription());
    o.set("TaskStates", JSON.toTree(a.taskStates()));
    o.set("DeploymentStatus", JSON.toTree(a.deploymentStatus()));
    o.put("FollowupEvalID", a.followupEvalID());
    o.put("NextAllocation", a.nextAllocation());
    o.set("RescheduleTracker", JSON.toTree(a.rescheduleTracker()));
    o.set("PreemptedAllocations", JSON.toTree(a.preemptedAllocations()));
    o.put("PreemptedByAllocation", a.preemptedByAllocation());
    o.put("CreateIndex", a.createIndex());
    o.put("ModifyIndex", a.modifyIndex());
    o.put("CreateTime", a.createTime());
    o.put("ModifyTime", a.modifyTime());
    return o;
  }

  /** Nomad's NodeListStub. */
  public static ObjectNode nodeStub(Node n, boolean withResources) {
    Map<String, String> attrs = n.attributes() == null ? Map.of() : n.attributes();
    ObjectNode o = F.objectNode();
    o.put("Address", attrs.getOrDefault("unique.network.ip-address", ""));
    o.put("ID", n.id());
    o.put("Datacenter", n.datacenter());
    o.put("Name", n.name());
    o.put("NodeClass", n.nodeClass());
    o.put("NodePool", n.nodePool());
    o.put("Version", attrs.getOrDefault("nomad.version", ""));
    o.put("Drain", n.drain());
    o.put("SchedulingEligibility", n.schedulingEligibility());
    o.put("Status", n.status());
    o.put("StatusDescription", n.statusDescription());
    o.set("Drivers", JSON.toTree(n.drivers()));
    o.set("HostVolumes", JSON.toTree(n.hostVolumes()));
    o.set("LastDrain", JSON.toTree(n.lastDrain()));
    if (withResources) {
      o.set("NodeResources", JSON.toTree(n.nodeResources()));
      o.set("ReservedResources", JSON.toTree(n.reservedResources()));
    }
    o.put("CreateIndex", n.createIndex());
    o.put("ModifyIndex", n.modifyIndex());
    return o;
  }

  private static String ns(Job job) {
    return job.namespace() == null || job.namespace().isEmpty() ? "default" : job.namespace();
  }
}
