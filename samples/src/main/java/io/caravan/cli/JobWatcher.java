package io.caravan.cli;

import io.caravan.model.cluster.AllocMetric;
import io.caravan.model.cluster.AllocatedPortMapping;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.cluster.NodeScoreMeta;
import io.caravan.model.cluster.TaskState;
import io.caravan.model.job.Job;
import io.caravan.model.job.TaskGroup;
import io.caravan.scheduler.explain.Explanations;
import io.caravan.state.store.StateSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns successive state snapshots into what {@code caravan run} shows a person: evaluations as
 * they finish (with why a group could not be placed), each new allocation with its node and
 * score, each task event, and a per-group summary table whenever the counts change. Keeps what it
 * has already reported, so every line is printed once. Not thread-safe.
 */
final class JobWatcher {
  private final String namespace;
  private final String jobId;
  private final Map<String, String> evalStatus = new HashMap<>();
  private final Map<String, String> allocStatus = new HashMap<>();
  private final Map<String, Integer> eventsSeen = new HashMap<>();
  private String lastSummary = "";

  JobWatcher(String namespace, String jobId) {
    this.namespace = namespace;
    this.jobId = jobId;
  }

  /** The lines that are new since the previous snapshot. */
  List<String> changes(StateSnapshot snap) {
    List<String> out = new ArrayList<>();
    for (Evaluation e : snap.evalsByJob(namespace, jobId)) {
      String before = evalStatus.put(e.id(), e.status());
      if (!e.status().equals(before) && !"pending".equals(e.status())) {
        out.add("==> Evaluation \"" + shortId(e.id()) + "\" (" + e.triggeredBy() + ") " + e.status()
            + (e.statusDescription().isEmpty() ? "" : ": " + e.statusDescription()));
        if (e.failedTGAllocs() != null) {
          for (Map.Entry<String, AllocMetric> f : e.failedTGAllocs().entrySet()) {
            out.add("    Group \"" + f.getKey() + "\" could not be placed: " + Explanations.summarize(f.getValue()));
          }
        }
      } else if (before == null) {
        out.add("==> Evaluation \"" + shortId(e.id()) + "\" (" + e.triggeredBy() + ") created");
      }
    }
    for (Allocation a : snap.allocsByJob(namespace, jobId)) {
      String before = allocStatus.put(a.id(), a.clientStatus() + "/" + a.desiredStatus());
      if (before == null) {
        String node = snap.nodeById(a.nodeID()).map(n -> n.name()).orElse(a.nodeID());
        out.add("    Allocation \"" + shortId(a.id()) + "\" (" + a.name() + ") placed on node \"" + node + "\""
            + score(a).map(s -> String.format(Locale.ROOT, " with score %.3f", s)).orElse("") + ports(a));
      } else if (!before.equals(a.clientStatus() + "/" + a.desiredStatus())) {
        out.add("    Allocation \"" + shortId(a.id()) + "\" is " + a.clientStatus()
            + ("run".equals(a.desiredStatus()) ? "" : " (desired: " + a.desiredStatus() + ")"));
      }
      if (a.taskStates() != null) {
        for (Map.Entry<String, TaskState> t : a.taskStates().entrySet()) {
          List<Map<String, Object>> events = t.getValue().events() == null ? List.of() : t.getValue().events();
          String key = a.id() + "/" + t.getKey();
          int seen = eventsSeen.getOrDefault(key, 0);
          for (int i = seen; i < events.size(); i++) {
            Map<String, Object> ev = events.get(i);
            String message = String.valueOf(ev.getOrDefault("DisplayMessage", ""));
            out.add("    [" + a.name() + " " + t.getKey() + "] " + ev.getOrDefault("Type", "Event")
                + (message.isEmpty() ? "" : ": " + message));
          }
          eventsSeen.put(key, events.size());
        }
      }
    }
    String summary = summary(snap);
    if (!summary.equals(lastSummary)) {
      lastSummary = summary;
      out.add(summary);
    }
    return out;
  }

  /** The allocation's host ports, e.g. {@code ", ports http=127.0.0.1:23456"}, or nothing. */
  private static String ports(Allocation a) {
    if (a.allocatedResources() == null || a.allocatedResources().shared() == null
        || a.allocatedResources().shared().ports() == null || a.allocatedResources().shared().ports().isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder(", ports");
    for (AllocatedPortMapping p : a.allocatedResources().shared().ports()) {
      b.append(' ').append(p.label()).append('=').append(p.hostIP().isEmpty() ? "" : p.hostIP() + ":").append(p.value());
    }
    return b.toString();
  }

  /** The score the scheduler gave the allocation's node, if it recorded one. */
  private static Optional<Double> score(Allocation a) {
    if (a.metrics() == null || a.metrics().scoreMetaData() == null) {
      return Optional.empty();
    }
    for (NodeScoreMeta m : a.metrics().scoreMetaData()) {
      if (m.nodeID().equals(a.nodeID())) {
        return Optional.of(m.normScore());
      }
    }
    return Optional.empty();
  }

  /** The per-group table: queued, starting, running, failed, complete, lost. */
  String summary(StateSnapshot snap) {
    Map<String, int[]> counts = new LinkedHashMap<>();
    Optional<Job> job = snap.jobById(namespace, jobId);
    job.ifPresent(j -> {
      for (TaskGroup g : j.taskGroupsOrEmpty()) {
        counts.put(g.name(), new int[6]);
      }
    });
    Map<String, Integer> live = new HashMap<>();
    for (Allocation a : snap.allocsByJob(namespace, jobId)) {
      int[] c = counts.computeIfAbsent(a.taskGroup(), g -> new int[6]);
      switch (a.clientStatus()) {
        case "pending" -> c[1]++;
        case "running" -> c[2]++;
        case "failed" -> c[3]++;
        case "complete" -> c[4]++;
        case "lost" -> c[5]++;
        default -> { }
      }
      if ("run".equals(a.desiredStatus()) && !a.clientStatus().equals("failed") && !a.clientStatus().equals("lost")) {
        live.merge(a.taskGroup(), 1, Integer::sum);
      }
    }
    boolean stopped = job.map(j -> Boolean.TRUE.equals(j.stop())).orElse(true);
    if (!stopped) {
      job.get().taskGroupsOrEmpty().forEach(g -> {
        int want = g.count() == null ? 1 : g.count();
        counts.get(g.name())[0] = Math.max(0, want - live.getOrDefault(g.name(), 0));
      });
    }
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "    %-16s %6s %8s %7s %6s %8s %4s", "Group", "Queued", "Starting", "Running",
        "Failed", "Complete", "Lost"));
    counts.forEach((g, c) -> b.append('\n').append(String.format(Locale.ROOT, "    %-16s %6d %8d %7d %6d %8d %4d",
        g, c[0], c[1], c[2], c[3], c[4], c[5])));
    return b.toString();
  }

  static String shortId(String id) {
    return id.length() > 8 ? id.substring(0, 8) : id;
  }
}
