package io.caravan.scheduler.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caravan.model.canonical.Canonicalizer;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Node;
import io.caravan.model.job.Job;
import io.caravan.model.job.TaskGroup;
import io.caravan.model.json.ModelJsonException;
import io.caravan.model.json.NomadJson;
import io.caravan.scheduler.placement.GroupRequest;
import io.caravan.scheduler.placement.Placement;
import io.caravan.scheduler.placement.PlacementEngine;
import io.caravan.scheduler.placement.PlacementFailure;
import io.caravan.scheduler.placement.PlacementRequest;
import io.caravan.scheduler.placement.PlacementResult;
import io.caravan.scheduler.placement.SeededRandom;
import io.caravan.scheduler.snapshot.InMemoryCluster;
import io.caravan.scheduler.snapshot.SchedulerConfiguration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Runs one registration evaluation described by a scenario JSON file and prints the plan; the
 * engine behind {@code caravan schedule SCENARIO.json}.
 *
 * <p>Input: an object with {@code nodes} (Nomad API Node JSON), optional {@code allocations}
 * (Nomad API Allocation JSON), {@code job} (Nomad API Job JSON, canonicalized here), optional
 * {@code seed} (integer, default 0) and optional {@code schedulerConfiguration} (Nomad's shape;
 * absent means Nomad's test-harness behaviour: binpack with preemption enabled). Until the
 * reconciler exists, each task group places {@code Count} minus its live allocations.
 *
 * <p>Output: compact JSON with exactly {@code placed}, {@code stopped}, {@code updatedInPlace},
 * {@code preempted}, {@code failed} and {@code blockedEval}; the same input gives byte-identical
 * output. Bad input throws {@link ScenarioException} naming the JSON path.
 */
public final class ScenarioRunner {
  private static final Set<String> TOP_LEVEL = Set.of("nodes", "allocations", "job", "seed", "schedulerConfiguration");

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
        throw new ScenarioException("$." + f, "unknown field (expected one of nodes, allocations, job, seed, schedulerConfiguration)");
      }
    }
    long seed = 0;
    if (root.has("seed") && !root.get("seed").isNull()) {
      if (!root.get("seed").isIntegralNumber() || !root.get("seed").canConvertToLong()) {
        throw new ScenarioException("$.seed", "expected an integer");
      }
      seed = root.get("seed").asLong();
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
      cluster.upsertAlloc(a);
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
    String evalId = SeededRandom.uuid(new SplittableRandom(seed));
    List<GroupRequest> groups = new ArrayList<>();
    List<Allocation> existing = cluster.allocsByJob(job.namespace(), job.id());
    for (TaskGroup tg : job.taskGroupsOrEmpty()) {
      groups.add(new GroupRequest(tg.name(), namesToPlace(job, tg, existing)));
    }
    PlacementResult result;
    try {
      result = new PlacementEngine(cluster, config).place(new PlacementRequest(job, evalId, groups, Set.of()));
    } catch (IllegalArgumentException e) {
      throw new ScenarioException("$.job", e.getMessage(), e);
    }
    return render(result);
  }

  /** Names {@code <job>.<group>[i]} for the lowest indexes not held by a live allocation, up to Count. */
  static List<String> namesToPlace(Job job, TaskGroup tg, List<Allocation> existing) {
    Set<String> taken = new HashSet<>();
    for (Allocation a : existing) {
      if (!a.terminal() && tg.name().equals(a.taskGroup())) {
        taken.add(a.name());
      }
    }
    int count = tg.count() == null ? 1 : tg.count();
    int missing = Math.max(0, count - taken.size());
    List<String> names = new ArrayList<>();
    for (int i = 0; names.size() < missing; i++) {
      String name = job.id() + "." + tg.name() + "[" + i + "]";
      if (!taken.contains(name)) {
        names.add(name);
      }
    }
    return names;
  }

  private String render(PlacementResult result) {
    ObjectNode out = mapper.createObjectNode();
    ArrayNode placed = out.putArray("placed");
    ArrayNode preempted = mapper.createArrayNode();
    for (Placement p : result.placements()) {
      ObjectNode o = placed.addObject();
      o.put("name", p.name());
      o.put("taskGroup", p.taskGroup());
      o.put("nodeId", p.node().id());
      o.put("score", p.score());
      for (String victim : p.preemptedAllocIds()) {
        ObjectNode v = preempted.addObject();
        v.put("allocId", victim);
        v.put("nodeId", p.node().id());
        v.put("reason", "Preempted by alloc ID " + p.allocId());
      }
    }
    out.putArray("stopped");
    out.putArray("updatedInPlace");
    out.set("preempted", preempted);
    ObjectNode failed = out.putObject("failed");
    for (PlacementFailure f : result.failures().values()) {
      ObjectNode o = failed.putObject(f.taskGroup());
      o.put("unplaced", f.unplaced());
      o.set("metrics", codec.toTree(f.metrics()));
      o.put("explanation", f.explanation());
    }
    out.put("blockedEval", !result.failures().isEmpty());
    try {
      return mapper.writeValueAsString(out);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the plan", e);
    }
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
