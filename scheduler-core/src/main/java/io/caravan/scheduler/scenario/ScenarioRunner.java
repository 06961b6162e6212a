package io.caravan.scheduler.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caravan.model.canonical.Canonicalizer;
import io.caravan.model.cluster.AllocMetric;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Deployment;
import io.caravan.model.cluster.DeploymentStatusUpdate;
import io.caravan.model.cluster.DesiredUpdates;
import io.caravan.model.cluster.EvalStatus;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.NodeScoreMeta;
import io.caravan.model.cluster.Plan;
import io.caravan.model.cluster.PlanResult;
import io.caravan.model.job.Job;
import io.caravan.model.json.ModelJsonException;
import io.caravan.model.json.NomadJson;
import io.caravan.scheduler.explain.Explanations;
import io.caravan.scheduler.harness.SchedulingLoop;
import io.caravan.scheduler.placement.SeededRandom;
import io.caravan.scheduler.reconcile.AllocNameIndex;
import io.caravan.scheduler.schedulers.EvalTriggers;
import io.caravan.scheduler.schedulers.SchedulerException;
import io.caravan.scheduler.schedulers.SchedulerFactory;
import io.caravan.scheduler.snapshot.InMemoryCluster;
import io.caravan.scheduler.snapshot.SchedulerConfiguration;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Runs one registration evaluation described by a scenario JSON file through the real scheduler
 * for the job's type ({@link SchedulerFactory}: service and batch reconcile against the existing
 * allocations, system and sysbatch place per node) on an {@link InMemoryCluster} whose plan
 * applier re-checks every node, and prints what was committed; the engine behind
 * {@code caravan schedule SCENARIO.json}.
 *
 * <p>Input: an object with {@code nodes} (Nomad API Node JSON), optional {@code allocations}
 * (Nomad API Allocation JSON: the existing state, of this job or of others; an allocation of
 * this job without a {@code Job} runs the scenario's job, one with a {@code Job} runs that
 * (older) version), {@code job} (Nomad API Job JSON), optional {@code deployment} (Nomad API
 * Deployment JSON: the job's latest deployment), optional {@code now} (RFC 3339, default
 * 2026-01-01T00:00:00Z: the evaluation's time, which decides reschedule delays and disconnect
 * timeouts), optional {@code seed} (integer, default 0; seeds the evaluation ID and so node order
 * and IDs) and optional {@code schedulerConfiguration} (Nomad's shape; absent means Nomad's
 * test-harness behaviour: binpack with preemption enabled). Jobs are canonicalized.
 *
 * <p>Output: compact JSON with exactly {@code placed} (name, task group, node, score, previous
 * allocation, canary), {@code stopped} (allocation, name, node, description, client status),
 * {@code updatedInPlace}, {@code preempted}, {@code failed} (per group: unplaced count, metrics,
 * explanation), {@code blockedEval}, {@code followUpEvals} (trigger and wait-until),
 * {@code annotations} (desired changes per group; the evaluation asks for an annotated plan, so
 * they are reported even when nothing changes), {@code deployment} (created, or null) and
 * {@code deploymentUpdates}; the same input gives byte-identical output. Bad input throws
 * {@link ScenarioException} naming the JSON path.
 */
public final class ScenarioRunner {
  private static final Set<String> TOP_LEVEL =
      Set.of("nodes", "allocations", "job", "deployment", "now", "seed", "schedulerConfiguration");
  /** The evaluation time of a scenario without {@code now}. */
  public static final Instant DEFAULT_NOW = Instant.parse("2026-01-01T00:00:00Z");

  private final ObjectMapper mapper = new ObjectMapper();
  private final NomadJson codec = NomadJson.strict();

  /** Runs the scenario in {@code json} and returns the plan as JSON text. */
  public String run(String json) {
    JsonNode root;
    try {
      root = mapper.readTree(json);
    } catch (JsonProcessingException e) {
      throw new ScenarioException("$", "not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new ScenarioException("$", "expected a JSON object");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!TOP_LEVEL.contains(f)) {
        throw new ScenarioException("$." + f,
            "unknown field (expected one of nodes, allocations, job, deployment, now, seed, schedulerConfiguration)");
      }
    }
    long seed = 0;
    if (root.has("seed") && !root.get("seed").isNull()) {
      if (!root.get("seed").isIntegralNumber() || !root.get("seed").canConvertToLong()) {
        throw new ScenarioException("$.seed", "expected an integer");
      }
      seed = root.get("seed").asLong();
    }
    Instant now = DEFAULT_NOW;
    if (root.has("now") && !root.get("now").isNull()) {
      if (!root.get("now").isTextual()) {
        throw new ScenarioException("$.now", "expected an RFC 3339 time such as \"2026-01-01T00:00:00Z\"");
      }
      try {
        now = OffsetDateTime.parse(root.get("now").asText()).toInstant();
      } catch (DateTimeParseException e) {
        throw new ScenarioException("$.now", "not an RFC 3339 time: \"" + root.get("now").asText() + "\"", e);
      }
    }
    InMemoryCluster cluster = new InMemoryCluster();
    Set<String> nodeIds = new HashSet<>();
    JsonNode nodes = requireArray(root, "nodes", true);
    for (int i = 0; i < nodes.size(); i++) {
      String path = "$.nodes[" + i + "]";
      Node node = read(nodes.get(i), Node.class, path);
      if (node.id().isEmpty()) {
        throw new ScenarioException(path + ".ID", "a node needs an ID");
      }
      if (!nodeIds.add(node.id())) {
        throw new ScenarioException(path + ".ID", "duplicate node ID \"" + node.id() + "\"");
      }
      cluster.upsertNode(node.withComputedClass());
    }
    if (!root.has("job") || !root.get("job").isObject()) {
      throw new ScenarioException("$.job", "a job object is required");
    }
    Job job = Canonicalizer.withServerDefaults(read(root.get("job"), Job.class, "$.job"));
    if (job.id() == null || job.id().isEmpty()) {
      throw new ScenarioException("$.job.ID", "a job needs an ID");
    }
    if (job.taskGroupsOrEmpty().isEmpty()) {
      throw new ScenarioException("$.job.TaskGroups", "a job needs at least one task group");
    }
    String type = job.type() == null ? SchedulerFactory.SERVICE : job.type();
    if (!SchedulingLoop.SCHEDULER_TYPES.contains(type)) {
      throw new ScenarioException("$.job.Type", "must be service, batch, system or sysbatch, not \"" + type + "\"");
    }
    cluster.upsertJob(job);
    JsonNode allocs = requireArray(root, "allocations", false);
    Set<String> allocIds = new HashSet<>();
    for (int i = 0; allocs != null && i < allocs.size(); i++) {
      String path = "$.allocations[" + i + "]";
      Allocation a = read(allocs.get(i), Allocation.class, path);
      if (a.id().isEmpty() || !allocIds.add(a.id())) {
        throw new ScenarioException(path + ".ID", a.id().isEmpty() ? "an allocation needs an ID" : "duplicate allocation ID \"" + a.id() + "\"");
      }
      if (!nodeIds.contains(a.nodeID())) {
        throw new ScenarioException(path + ".NodeID", "no node with ID \"" + a.nodeID() + "\"");
      }
      if (a.job() != null) {
        Job allocJob = Canonicalizer.withServerDefaults(a.job());
        a = a.toBuilder().job(allocJob).build();
        if (job.id().equals(allocJob.id()) && sameNamespace(job.namespace(), allocJob.namespace())) {
          long v = allocJob.version() == null ? 0 : allocJob.version();
          if (v > job.version()) {
            throw new ScenarioException(path + ".Job.Version", "version " + v + " is newer than the job's (" + job.version() + ")");
          }
          if (v < job.version() && cluster.jobByIdAndVersion(job.namespace(), job.id(), v).isEmpty()) {
            cluster.upsertJob(allocJob);
          }
        }
      }
      cluster.upsertAlloc(a);
    }
    if (root.has("deployment") && !root.get("deployment").isNull()) {
      Deployment d = read(root.get("deployment"), Deployment.class, "$.deployment");
      if (d.id().isEmpty()) {
        throw new ScenarioException("$.deployment.ID", "a deployment needs an ID");
      }
      if (!d.jobID().equals(job.id())) {
        throw new ScenarioException("$.deployment.JobID", "is \"" + d.jobID() + "\", not the job's ID \"" + job.id() + "\"");
      }
      cluster.upsertDeployment(d.namespace().isEmpty() ? d.toBuilder().namespace(job.namespace()).build() : d);
    }
    SchedulerConfiguration config = new SchedulerConfiguration(SchedulerConfiguration.BINPACK, null, false);
    if (root.has("schedulerConfiguration") && !root.get("schedulerConfiguration").isNull()) {
      try {
        config = codec.read(root.get("schedulerConfiguration"), SchedulerConfiguration.class);
      } catch (ModelJsonException e) {
        throw new ScenarioException(join("$.schedulerConfiguration", e.path()), reason(e), e);
      }
      if (!config.schedulerAlgorithm().equals(SchedulerConfiguration.BINPACK) && !config.spreadAlgorithm()) {
        throw new ScenarioException("$.schedulerConfiguration.SchedulerAlgorithm",
            "must be \"binpack\" or \"spread\", not \"" + config.schedulerAlgorithm() + "\"");
      }
    }
    Map<String, Allocation> before = new HashMap<>();
    for (Allocation a : cluster.allocsByJob(job.namespace(), job.id())) {
      before.put(a.id(), a);
    }
    Evaluation eval = Evaluation.builder()
        .id(SeededRandom.uuid(new SplittableRandom(seed)))
        .namespace(job.namespace())
        .priority(job.priority() == null ? 50 : job.priority())
        .type(type)
        .triggeredBy(EvalTriggers.JOB_REGISTER)
        .jobID(job.id())
        .jobModifyIndex(job.jobModifyIndex() == null ? 0 : job.jobModifyIndex())
        .status(EvalStatus.PENDING)
        .annotatePlan(true)
        .build();
    try {
      SchedulerFactory.create(type, cluster, cluster, config, Clock.fixed(now, ZoneOffset.UTC)).process(eval);
    } catch (SchedulerException | IllegalArgumentException e) {
      throw new ScenarioException("$.job", e.getMessage(), e);
    }
    return render(cluster, before);
  }

  private String render(InMemoryCluster cluster, Map<String, Allocation> before) {
    Map<String, Allocation> placed = new LinkedHashMap<>();
    Map<String, Allocation> updated = new LinkedHashMap<>();
    Map<String, Allocation> stopped = new LinkedHashMap<>();
    Map<String, Allocation> preempted = new LinkedHashMap<>();
    Deployment deployment = null;
    List<DeploymentStatusUpdate> deploymentUpdates = new ArrayList<>();
    for (PlanResult r : cluster.planResults()) {
      forEach(r.nodeAllocation(), a -> (before.containsKey(a.id()) ? updated : placed).put(a.id(), a));
      forEach(r.nodeUpdate(), a -> stopped.put(a.id(), a));
      forEach(r.nodePreemptions(), a -> preempted.put(a.id(), a));
      if (r.deployment() != null) {
        deployment = r.deployment();
      }
      if (r.deploymentUpdates() != null) {
        deploymentUpdates.addAll(r.deploymentUpdates());
      }
    }
    Map<String, DesiredUpdates> annotations = new TreeMap<>();
    for (Plan p : cluster.plans()) {
      if (p.annotations() != null && p.annotations().desiredTGUpdates() != null) {
        annotations.putAll(p.annotations().desiredTGUpdates());
      }
    }
    ObjectNode out = mapper.createObjectNode();
    ArrayNode placedOut = out.putArray("placed");
    for (Allocation a : byName(placed.values())) {
      ObjectNode o = placedOut.addObject();
      o.put("name", a.name());
      o.put("taskGroup", a.taskGroup());
      o.put("nodeId", a.nodeID());
      o.put("score", score(a));
      o.put("previousAllocation", a.previousAllocation());
      o.put("canary", a.deploymentStatus() != null && a.deploymentStatus().canary());
    }
    ArrayNode stoppedOut = out.putArray("stopped");
    for (Allocation a : byName(stopped.values())) {
      ObjectNode o = stoppedOut.addObject();
      o.put("allocId", a.id());
      o.put("name", a.name());
      o.put("nodeId", a.nodeID());
      o.put("description", a.desiredDescription());
      o.put("clientStatus", a.clientStatus());
    }
    ArrayNode updatedOut = out.putArray("updatedInPlace");
    for (Allocation a : byName(updated.values())) {
      ObjectNode o = updatedOut.addObject();
      o.put("allocId", a.id());
      o.put("name", a.name());
      o.put("nodeId", a.nodeID());
      o.put("clientStatus", a.clientStatus());
      o.put("followupEvalId", a.followupEvalID());
    }
    ArrayNode preemptedOut = out.putArray("preempted");
    for (Allocation a : preempted.values()) {
      ObjectNode v = preemptedOut.addObject();
      v.put("allocId", a.id());
      v.put("nodeId", a.nodeID());
      v.put("reason", a.desiredDescription());
    }
    ObjectNode failed = out.putObject("failed");
    Evaluation outcome = cluster.updatedEvals().isEmpty() ? null : cluster.updatedEvals().get(cluster.updatedEvals().size() - 1);
    if (outcome != null && outcome.failedTGAllocs() != null) {
      for (Map.Entry<String, AllocMetric> e : outcome.failedTGAllocs().entrySet()) {
        ObjectNode o = failed.putObject(e.getKey());
        int queued = outcome.queuedAllocations() == null ? 0 : outcome.queuedAllocations().getOrDefault(e.getKey(), 0);
        o.put("unplaced", queued);
        o.set("metrics", codec.toTree(e.getValue()));
        o.put("explanation", Explanations.summarize(e.getValue()));
      }
    }
    boolean blocked = false;
    ArrayNode followUps = mapper.createArrayNode();
    for (Evaluation e : cluster.createdEvals()) {
      if (EvalStatus.BLOCKED.equals(e.status())) {
        blocked = true;
      } else {
        ObjectNode o = followUps.addObject();
        o.put("id", e.id());
        o.put("triggeredBy", e.triggeredBy());
        o.put("waitUntil", e.waitUntil() == null ? "" : e.waitUntil());
      }
    }
    out.put("blockedEval", blocked);
    out.set("followUpEvals", followUps);
    ObjectNode ann = out.putObject("annotations");
    annotations.forEach((g, u) -> ann.set(g, codec.toTree(u)));
    out.set("deployment", deployment == null ? NullNode.getInstance() : codec.toTree(deployment));
    ArrayNode du = out.putArray("deploymentUpdates");
    for (DeploymentStatusUpdate u : deploymentUpdates) {
      du.add(codec.toTree(u));
    }
    try {
      return mapper.writeValueAsString(out);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the plan", e);
    }
  }

  /** Allocations ordered by task group, name index, name and ID (stable across runs). */
  private static List<Allocation> byName(java.util.Collection<Allocation> allocs) {
    List<Allocation> out = new ArrayList<>(allocs);
    out.sort(java.util.Comparator.comparing(Allocation::taskGroup)
        .thenComparingInt(a -> AllocNameIndex.index(a.name()))
        .thenComparing(Allocation::name)
        .thenComparing(Allocation::id));
    return out;
  }

  /** The normalized score of the chosen node, from the placement metrics (0 when not recorded). */
  private static double score(Allocation a) {
    if (a.metrics() == null || a.metrics().scoreMetaData() == null) {
      return 0;
    }
    double best = 0;
    boolean any = false;
    for (NodeScoreMeta m : a.metrics().scoreMetaData()) {
      if (m.nodeID().equals(a.nodeID())) {
        return m.normScore();
      }
      if (!any || m.normScore() > best) {
        best = m.normScore();
        any = true;
      }
    }
    return best;
  }

  private static void forEach(@Nullable Map<String, List<Allocation>> byNode, java.util.function.Consumer<Allocation> f) {
    if (byNode != null) {
      new TreeMap<>(byNode).values().forEach(list -> list.forEach(f));
    }
  }

  private static boolean sameNamespace(@Nullable String a, @Nullable String b) {
    String x = a == null || a.isEmpty() ? "default" : a;
    String y = b == null || b.isEmpty() ? "default" : b;
    return x.equals(y);
  }

  private <T> T read(JsonNode node, Class<T> type, String path) {
    if (node == null || !node.isObject()) {
      throw new ScenarioException(path, "expected an object");
    }
    try {
      return codec.read(node, type);
    } catch (ModelJsonException e) {
      throw new ScenarioException(join(path, e.path()), reason(e), e);
    }
  }

  private static JsonNode requireArray(JsonNode root, String field, boolean required) {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      if (required) {
        throw new ScenarioException("$." + field, "a list is required");
      }
      return null;
    }
    if (!n.isArray()) {
      throw new ScenarioException("$." + field, "expected a list");
    }
    return n;
  }

  private static String join(String base, String sub) {
    if (sub == null || sub.isEmpty()) {
      return base;
    }
    return sub.startsWith("[") ? base + sub : base + "." + sub;
  }

  private static String reason(ModelJsonException e) {
    String m = e.getMessage();
    int colon = m.indexOf(": ");
    return colon >= 0 ? m.substring(colon + 2) : m;
  }
}
