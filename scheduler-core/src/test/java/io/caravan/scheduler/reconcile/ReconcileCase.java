package io.caravan.scheduler.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caravan.model.canonical.Canonicalizer;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Deployment;
import io.caravan.model.cluster.Node;
import io.caravan.model.job.Job;
import io.caravan.model.json.NomadJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one reconciler conformance case (JSON under {@code reconcile/cases/}) into a
 * {@link ReconcileInput}. Shorthands keep the cases readable:
 * <ul>
 *   <li>a job is a name from {@code reconcile/jobs.json}, an inline Nomad API job, or
 *       {@code {"$ref": name, "$set": {"/json/pointer": value}}}; jobs are canonicalized;
 *   <li>an allocation with {@code "$indexes": [from, to]} expands to one per index, with
 *       {@code {i}} substituted in strings; {@code "$job"} names the job version it runs
 *       (default: the case's job); missing fields default to a running allocation named
 *       {@code <job>.<group>[i]} of the first group;
 *   <li>{@code "now"}, {@code "now-10s"}, {@code "now+1m"} are times relative to the case's
 *       {@code now}: Unix nanoseconds in {@code ModifyTime}, {@code CreateTime} and
 *       {@code RescheduleTime}, RFC 3339 elsewhere;
 *   <li>{@code "AllocStates"} (Nomad's client status history) stays on the allocation, where the
 *       reconciler reads it.
 * </ul>
 */
final class ReconcileCase {
  private static final NomadJson CODEC = NomadJson.strict();
  private static final Pattern RELATIVE = Pattern.compile("now(?:([+-])(\\d+)(ms|s|m|h))?");
  private static final Set<String> NANOS_FIELDS = Set.of("ModifyTime", "CreateTime", "RescheduleTime");

  final String name;
  final JsonNode spec;
  final Instant now;
  final Job job;
  final ReconcileInput input;
  final Map<String, Job> jobs = new HashMap<>();

  ReconcileCase(String name, JsonNode spec, JsonNode library) {
    this.name = name;
    this.spec = spec;
    this.now = Instant.parse(spec.path("now").asText("2026-01-01T00:00:00Z"));
    JsonNode jobSpec = spec.get("job");
    this.job = jobSpec == null || jobSpec.isNull() ? null : job(jobSpec, library);
    List<Allocation> allocs = new ArrayList<>();
    for (JsonNode a : spec.path("allocations")) {
      expand(a, library, allocs);
    }
    Map<String, Node> tainted = new LinkedHashMap<>();
    for (JsonNode n : spec.path("taintedNodes")) {
      Node node = CODEC.read(n, Node.class);
      tainted.put(node.id(), node);
    }
    Set<String> gone = new LinkedHashSet<>();
    spec.path("goneNodes").forEach(n -> gone.add(n.asText()));
    Deployment deployment = spec.hasNonNull("deployment") ? CODEC.read(relative(spec.get("deployment"), null), Deployment.class) : null;
    ReconcileInput.Builder b = ReconcileInput.builder(job, spec.path("evalId").asText("eval-1"), now)
        .allocations(allocs).taintedNodes(tainted).goneNodes(gone).deployment(deployment)
        .evalPriority(spec.path("evalPriority").asInt(50));
    if (spec.has("batch")) {
      b.batch(spec.get("batch").asBoolean());
    }
    this.input = b.build();
  }

  private Job job(JsonNode spec, JsonNode library) {
    return Canonicalizer.withServerDefaults(CODEC.read(raw(spec, library), Job.class));
  }

  private JsonNode raw(JsonNode spec, JsonNode library) {
    if (spec.isTextual()) {
      JsonNode named = library.get(spec.asText());
      if (named == null) {
        throw new IllegalArgumentException(name + ": no job \"" + spec.asText() + "\" in reconcile/jobs.json");
      }
      return raw(named, library);
    }
    if (spec.has("$ref")) {
      JsonNode out = raw(spec.get("$ref"), library).deepCopy();
      for (Iterator<Map.Entry<String, JsonNode>> it = spec.path("$set").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        set(out, e.getKey(), e.getValue());
      }
      return out;
    }
    return spec;
  }

  private Job namedJob(String ref, JsonNode library) {
    return jobs.computeIfAbsent(ref, r -> {
      JsonNode named = spec.path("jobs").get(r);
      return job(named != null ? named : com.fasterxml.jackson.databind.node.TextNode.valueOf(r), library);
    });
  }

  private void expand(JsonNode a, JsonNode library, List<Allocation> out) {
    int from = 0;
    int to = 0;
    boolean indexed = a.has("$indexes");
    if (indexed) {
      from = a.get("$indexes").get(0).asInt();
      to = a.get("$indexes").get(1).asInt();
    }
    Job allocJob = a.has("$job") ? namedJob(a.get("$job").asText(), library) : job;
    for (int i = from; i <= to; i++) {
      ObjectNode o = (ObjectNode) substitute(a.deepCopy(), String.valueOf(i));
      o.remove("$indexes");
      o.remove("$job");
      String group = allocJob.taskGroupsOrEmpty().get(0).name();
      putIfAbsent(o, "ID", "alloc-" + i);
      putIfAbsent(o, "Namespace", "default");
      putIfAbsent(o, "JobID", allocJob.id());
      putIfAbsent(o, "TaskGroup", group);
      putIfAbsent(o, "Name", allocJob.id() + "." + o.get("TaskGroup").asText() + "[" + i + "]");
      putIfAbsent(o, "NodeID", "node-1");
      putIfAbsent(o, "DesiredStatus", "run");
      putIfAbsent(o, "ClientStatus", "running");
      ObjectNode resolved = (ObjectNode) relative(o, null);
      out.add(CODEC.read(resolved, Allocation.class).toBuilder().job(allocJob).build());
      if (!indexed) {
        break;
      }
    }
  }

  private static void putIfAbsent(ObjectNode o, String field, String value) {
    if (!o.has(field)) {
      o.put(field, value);
    }
  }

  private static JsonNode substitute(JsonNode n, String i) {
    if (n.isTextual()) {
      return JsonNodeFactory.instance.textNode(n.asText().replace("{i}", i));
    }
    if (n.isObject()) {
      ObjectNode o = (ObjectNode) n;
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      for (String f : names) {
        o.set(f, substitute(o.get(f), i));
      }
    } else if (n.isArray()) {
      ArrayNode arr = (ArrayNode) n;
      for (int k = 0; k < arr.size(); k++) {
        arr.set(k, substitute(arr.get(k), i));
      }
    }
    return n;
  }

  /** Replaces relative times ("now-10s") by nanoseconds or RFC 3339 text depending on the field. */
  JsonNode relative(JsonNode n, String field) {
    if (n.isTextual()) {
      Matcher m = RELATIVE.matcher(n.asText());
      if (!m.matches()) {
        return n;
      }
      Instant t = time(n.asText());
      return field != null && NANOS_FIELDS.contains(field)
          ? JsonNodeFactory.instance.numberNode(Reschedule.nanos(t))
          : JsonNodeFactory.instance.textNode(t.toString());
    }
    if (n.isObject()) {
      ObjectNode o = ((ObjectNode) n).deepCopy();
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      for (String f : names) {
        o.set(f, relative(o.get(f), f));
      }
      return o;
    }
    if (n.isArray()) {
      ArrayNode arr = ((ArrayNode) n).deepCopy();
      for (int k = 0; k < arr.size(); k++) {
        arr.set(k, relative(arr.get(k), field));
      }
      return arr;
    }
    return n;
  }

  /** The instant of a relative time ("now", "now-10s") or an RFC 3339 time. */
  Instant time(String text) {
    Matcher m = RELATIVE.matcher(text);
    if (!m.matches()) {
      return Instant.parse(text);
    }
    if (m.group(1) == null) {
      return now;
    }
    long v = Long.parseLong(m.group(2));
    Duration d = switch (m.group(3)) {
      case "ms" -> Duration.ofMillis(v);
      case "s" -> Duration.ofSeconds(v);
      case "m" -> Duration.ofMinutes(v);
      default -> Duration.ofHours(v);
    };
    return m.group(1).equals("+") ? now.plus(d) : now.minus(d);
  }

  private static void set(JsonNode root, String pointer, JsonNode value) {
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = root.at(pointer.substring(0, slash));
    String last = pointer.substring(slash + 1);
    if (parent.isObject()) {
      ((ObjectNode) parent).set(last, value);
    } else if (parent.isArray()) {
      ((ArrayNode) parent).set(Integer.parseInt(last), value);
    } else {
      throw new IllegalArgumentException("no JSON object or array at " + pointer);
    }
  }
}
