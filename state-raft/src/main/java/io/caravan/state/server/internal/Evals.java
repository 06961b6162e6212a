package io.caravan.state.server.internal;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.EvalStatus;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.cluster.Node;
import io.caravan.model.job.Job;
import io.caravan.state.store.StateSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** Builds the evaluations the server creates for job and node changes (Nomad's rules). */
public final class Evals {
  private Evals() {}

  /** A pending evaluation of {@code job} triggered by {@code trigger}. */
  public static Evaluation forJob(Job job, String trigger, String id, long nowNanos) {
    return Evaluation.builder()
        .id(id)
        .namespace(job.namespace() == null || job.namespace().isEmpty() ? "default" : job.namespace())
        .priority(job.priority() == null ? 50 : job.priority())
        .type(job.type() == null ? "service" : job.type())
        .triggeredBy(trigger)
        .jobID(job.id())
        .jobModifyIndex(job.jobModifyIndex() == null ? 0 : job.jobModifyIndex())
        .status(EvalStatus.PENDING)
        .createTime(nowNanos)
        .modifyTime(nowNanos)
        .build();
  }

  /**
   * Node-update evaluations for a node whose status changed (Nomad's createNodeEvals): one per job
   * with an allocation on the node, plus one per system or sysbatch job that could run on it.
   */
  public static List<Evaluation> forNode(StateSnapshot state, Node node, Supplier<String> ids, long nowNanos) {
    return forNode(state, node, EvalStatus.TRIGGER_NODE_UPDATE, ids, nowNanos);
  }

  /** Like {@link #forNode(StateSnapshot, Node, Supplier, long)} with another trigger (e.g. {@code node-drain}). */
  public static List<Evaluation> forNode(StateSnapshot state, Node node, String trigger, Supplier<String> ids,
      long nowNanos) {
    Set<String> seen = new LinkedHashSet<>();
    List<Evaluation> out = new ArrayList<>();
    for (Allocation a : state.allocsByNode(node.id())) {
      Job job = a.job();
      if (job == null || !seen.add(a.namespace() + "\u0000" + a.jobID())) {
        continue;
      }
      out.add(nodeEval(job, node, trigger, ids.get(), nowNanos));
    }
    for (Job job : state.jobs()) {
      boolean system = "system".equals(job.type()) || "sysbatch".equals(job.type());
      if (!system || Boolean.TRUE.equals(job.stop()) || !runsOn(job, node)
          || !seen.add(job.namespace() + "\u0000" + job.id())) {
        continue;
      }
      out.add(nodeEval(job, node, trigger, ids.get(), nowNanos));
    }
    return out;
  }

  private static Evaluation nodeEval(Job job, Node node, String trigger, String id, long nowNanos) {
    return forJob(job, trigger, id, nowNanos).toBuilder()
        .nodeID(node.id())
        .nodeModifyIndex(node.modifyIndex())
        .build();
  }

  private static boolean runsOn(Job job, Node node) {
    String pool = job.nodePool() == null || job.nodePool().isEmpty() ? "default" : job.nodePool();
    if (!pool.equals("all") && !pool.equals(node.nodePool())) {
      return false;
    }
    List<String> dcs = job.datacenters();
    if (dcs == null || dcs.isEmpty()) {
      return true;
    }
    for (String dc : dcs) {
      if (dc.equals("*") || dc.equals(node.datacenter())
          || (dc.endsWith("*") && node.datacenter().startsWith(dc.substring(0, dc.length() - 1)))) {
        return true;
      }
    }
    return false;
  }
}
