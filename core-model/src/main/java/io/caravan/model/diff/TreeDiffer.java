package io.caravan.model.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * The diff engine over jobs in Nomad's API JSON (the codec's trees, whose field names are Nomad's
 * Go field names). "Primitive" flattening follows Nomad's: strings, numbers and booleans of the
 * object itself plus its string maps ({@code Meta[key]}); nested objects, lists and nulls are left
 * to the object diffs. Task config is flattened fully ({@code args[0]}, {@code port_map[0][http]}).
 */
final class TreeDiffer {
  private static final Set<String> JOB_FILTER = Set.of("ID", "Status", "StatusDescription", "Version", "Stable",
      "CreateIndex", "ModifyIndex", "JobModifyIndex", "Update", "SubmitTime", "NomadTokenID", "VaultToken", "Payload");
  private static final Set<String> GROUP_FILTER = Set.of("Name");
  private static final Set<String> TASK_FILTER = Set.of("Name", "Config");
  private static final Set<String> NETWORK_FILTER = Set.of("Device", "CIDR", "IP");
  private static final Set<String> SCALING_FILTER = Set.of("CreateIndex", "ModifyIndex", "ID", "Type");
  /** Go string maps, which Nomad's flattening expands into {@code Name[key]} fields. */
  private static final Set<String> STRING_MAPS = Set.of("Meta", "Env", "CanaryMeta", "GetterOptions", "GetterHeaders",
      "TaggedAddresses");

  private final boolean contextual;

  TreeDiffer(boolean contextual) {
    this.contextual = contextual;
  }

  JobDiff job(@Nullable JsonNode o, @Nullable JsonNode n) {
    if (absent(o) && absent(n)) {
      return new JobDiff(DiffType.NONE, "", null, null, null);
    }
    DiffType type = absent(o) ? DiffType.ADDED : absent(n) ? DiffType.DELETED : DiffType.NONE;
    String id = (absent(n) ? o : n).path("ID").asText("");
    List<FieldDiff> fields = fieldDiffs(flat(o, JOB_FILTER), flat(n, JOB_FILTER), false);
    List<ObjectDiff> objects = new ArrayList<>();
    ObjectDiff dcs = stringSetDiff(strings(o, "Datacenters"), strings(n, "Datacenters"), "Datacenters");
    if (dcs != null && dcs.type() != DiffType.NONE) {
      objects.add(dcs);
    }
    objects.addAll(placementRules(o, n, true));
    List<TaskGroupDiff> groups = groups(o, n);
    add(objects, primitiveObjectDiff(get(o, "Periodic"), get(n, "Periodic"), Set.of(), "Periodic"));
    add(objects, structDiff(get(o, "ParameterizedJob"), get(n, "ParameterizedJob"), "ParameterizedJob", Set.of(),
        (a, b) -> nonNull(stringSetDiff(strings(a, "MetaRequired"), strings(b, "MetaRequired"), "MetaRequired"),
            stringSetDiff(strings(a, "MetaOptional"), strings(b, "MetaOptional"), "MetaOptional"))));
    if (type == DiffType.NONE && (fields.stream().anyMatch(f -> f.type() != DiffType.NONE)
        || objects.stream().anyMatch(x -> x.type() != DiffType.NONE)
        || groups.stream().anyMatch(g -> g.type() != DiffType.NONE))) {
      type = DiffType.EDITED;
    }
    return new JobDiff(type, id, fields, objects, groups);
  }

  private List<TaskGroupDiff> groups(@Nullable JsonNode o, @Nullable JsonNode n) {
    Map<String, JsonNode> old = byName(list(o, "TaskGroups"));
    Map<String, JsonNode> neu = byName(list(n, "TaskGroups"));
    List<TaskGroupDiff> out = new ArrayList<>();
    for (String name : union(old.keySet(), neu.keySet())) {
      out.add(group(name, old.get(name), neu.get(name)));
    }
    return out;
  }

  private TaskGroupDiff group(String name, @Nullable JsonNode o, @Nullable JsonNode n) {
    DiffType type = typeOf(o, n);
    List<FieldDiff> fields = fieldDiffs(flat(o, GROUP_FILTER), flat(n, GROUP_FILTER), false);
    List<ObjectDiff> objects = new ArrayList<>();
    objects.addAll(placementRules(o, n, true));
    add(objects, primitiveObjectDiff(get(o, "RestartPolicy"), get(n, "RestartPolicy"), Set.of(), "RestartPolicy"));
    add(objects, primitiveObjectDiff(get(o, "ReschedulePolicy"), get(n, "ReschedulePolicy"), Set.of(), "ReschedulePolicy"));
    add(objects, primitiveObjectDiff(get(o, "EphemeralDisk"), get(n, "EphemeralDisk"), Set.of(), "EphemeralDisk"));
    add(objects, primitiveObjectDiff(get(o, "Consul"), get(n, "Consul"), Set.of(), "Consul"));
    add(objects, primitiveObjectDiff(get(o, "Update"), get(n, "Update"), Set.of("Stagger"), "Update"));
    add(objects, primitiveObjectDiff(get(o, "Migrate"), get(n, "Migrate"), Set.of(), "Migrate"));
    add(objects, primitiveObjectDiff(get(o, "Disconnect"), get(n, "Disconnect"), Set.of(), "Disconnect"));
    objects.addAll(networks(list(o, "Networks"), list(n, "Networks")));
    add(objects, structDiff(get(o, "Scaling"), get(n, "Scaling"), "Scaling", SCALING_FILTER,
        (a, b) -> nonNull(configDiff(get(a, "Policy"), get(b, "Policy"), "Policy"))));
    objects.addAll(services(list(o, "Services"), list(n, "Services")));
    objects.addAll(volumes(get(o, "Volumes"), get(n, "Volumes")));
    Map<String, JsonNode> oldTasks = byName(list(o, "Tasks"));
    Map<String, JsonNode> newTasks = byName(list(n, "Tasks"));
    List<TaskDiff> tasks = new ArrayList<>();
    for (String t : union(oldTasks.keySet(), newTasks.keySet())) {
      tasks.add(task(t, oldTasks.get(t), newTasks.get(t)));
    }
    return new TaskGroupDiff(type, name, fields, objects, tasks, null);
  }

  private TaskDiff task(String name, @Nullable JsonNode o, @Nullable JsonNode n) {
    DiffType type = typeOf(o, n);
    List<FieldDiff> fields = fieldDiffs(flat(o, TASK_FILTER), flat(n, TASK_FILTER), false);
    List<ObjectDiff> objects = new ArrayList<>();
    objects.addAll(placementRules(o, n, false));
    add(objects, configDiff(get(o, "Config"), get(n, "Config"), "Config"));
    add(objects, structDiff(get(o, "Resources"), get(n, "Resources"), "Resources", Set.of(), (a, b) -> {
      List<ObjectDiff> nested = new ArrayList<>(networks(list(a, "Networks"), list(b, "Networks")));
      Map<String, JsonNode> da = byName(list(a, "Devices"));
      Map<String, JsonNode> db = byName(list(b, "Devices"));
      for (String d : union(da.keySet(), db.keySet())) {
        add(nested, structDiff(da.get(d), db.get(d), "Device", Set.of(), null));
      }
      return nested;
    }));
    add(objects, primitiveObjectDiff(get(o, "LogConfig"), get(n, "LogConfig"), Set.of(), "LogConfig"));
    add(objects, primitiveObjectDiff(get(o, "DispatchPayload"), get(n, "DispatchPayload"), Set.of(), "DispatchPayload"));
    add(objects, primitiveObjectDiff(get(o, "Lifecycle"), get(n, "Lifecycle"), Set.of(), "Lifecycle"));
    objects.addAll(primitiveSetDiff(list(o, "Artifacts"), list(n, "Artifacts"), Set.of(), "Artifact"));
    objects.addAll(primitiveSetDiff(list(o, "VolumeMounts"), list(n, "VolumeMounts"), Set.of(), "VolumeMount"));
    objects.addAll(services(list(o, "Services"), list(n, "Services")));
    add(objects, structDiff(get(o, "Vault"), get(n, "Vault"), "Vault", Set.of(),
        (a, b) -> nonNull(stringSetDiff(strings(a, "Policies"), strings(b, "Policies"), "Policies"))));
    objects.addAll(primitiveSetDiff(list(o, "Templates"), list(n, "Templates"), Set.of(), "Template"));
    add(objects, structDiff(get(o, "Identity"), get(n, "Identity"), "Identity", Set.of(), null));
    return new TaskDiff(type, name, fields, objects, null);
  }

  /** Constraints, affinities and (for jobs and groups) spreads, each compared as a set. */
  private List<ObjectDiff> placementRules(@Nullable JsonNode o, @Nullable JsonNode n, boolean spreads) {
    List<ObjectDiff> out = new ArrayList<>();
    out.addAll(primitiveSetDiff(list(o, "Constraints"), list(n, "Constraints"), Set.of(), "Constraint"));
    out.addAll(primitiveSetDiff(list(o, "Affinities"), list(n, "Affinities"), Set.of(), "Affinity"));
    if (spreads) {
      out.addAll(primitiveSetDiff(list(o, "Spreads"), list(n, "Spreads"), Set.of(), "Spread"));
    }
    return out;
  }

  /** Networks are a set keyed by their whole content: a changed network is one deleted and one added. */
  private List<ObjectDiff> networks(List<JsonNode> old, List<JsonNode> neu) {
    Map<String, JsonNode> a = byContent(old);
    Map<String, JsonNode> b = byContent(neu);
    List<ObjectDiff> out = new ArrayList<>();
    for (String k : union(a.keySet(), b.keySet())) {
      if (!a.containsKey(k) || !b.containsKey(k)) {
        add(out, network(a.get(k), b.get(k)));
      }
    }
    out.sort(ObjectDiff.ORDER);
    return out;
  }

  private @Nullable ObjectDiff network(@Nullable JsonNode o, @Nullable JsonNode n) {
    return structDiff(o, n, "Network", NETWORK_FILTER, (a, b) -> {
      List<ObjectDiff> nested = new ArrayList<>();
      nested.addAll(ports(list(a, "ReservedPorts"), list(b, "ReservedPorts"), "Static Port", Set.of()));
      nested.addAll(ports(list(a, "DynamicPorts"), list(b, "DynamicPorts"), "Dynamic Port", Set.of("Value")));
      add(nested, dns(get(a, "DNS"), get(b, "DNS")));
      return nested;
    });
  }

  private List<ObjectDiff> ports(List<JsonNode> old, List<JsonNode> neu, String name, Set<String> filter) {
    Map<String, JsonNode> a = byKey(old, "Label");
    Map<String, JsonNode> b = byKey(neu, "Label");
    List<ObjectDiff> out = new ArrayList<>();
    for (String label : union(a.keySet(), b.keySet())) {
      add(out, primitiveObjectDiff(a.get(label), b.get(label), filter, name));
    }
    out.sort(ObjectDiff.ORDER);
    return out;
  }

  /** DNS lists are compared joined with commas, as Nomad does. */
  private @Nullable ObjectDiff dns(@Nullable JsonNode o, @Nullable JsonNode n) {
    if (same(o, n)) {
      return null;
    }
    return new ObjectDiff(typeOf(o, n), "DNS", fieldDiffs(joined(o), joined(n), contextual), null);
  }

  private static @Nullable Map<String, String> joined(@Nullable JsonNode dns) {
    if (absent(dns)) {
      return null;
    }
    Map<String, String> out = new TreeMap<>();
    for (String k : List.of("Servers", "Searches", "Options")) {
      List<String> values = strings(dns, k);
      if (!values.isEmpty()) {
        out.put(k, String.join(",", values));
      }
    }
    return out;
  }

  /**
   * Services have no identity, so each old service is matched to the best unmatched new one, as
   * Nomad scores them: same name 3, same port label 2, same position 1, a match needing more than 2.
   */
  private List<ObjectDiff> services(List<JsonNode> old, List<JsonNode> neu) {
    List<ObjectDiff> out = new ArrayList<>();
    if (old.size() == 1 && neu.size() == 1) {
      add(out, service(old.get(0), neu.get(0)));
      return out;
    }
    int[] newMatch = new int[neu.size()];
    java.util.Arrays.fill(newMatch, -1);
    for (int i = 0; i < old.size(); i++) {
      JsonNode s = old.get(i);
      int best = -1;
      int bestScore = 0;
      for (int j = 0; j < neu.size(); j++) {
        if (newMatch[j] >= 0) {
          continue;
        }
        JsonNode c = neu.get(j);
        int score = (i == j ? 1 : 0)
            + (s.path("PortLabel").asText("").equals(c.path("PortLabel").asText("")) ? 2 : 0)
            + (s.path("Name").asText("").equals(c.path("Name").asText("")) ? 3 : 0);
        if (score > 2 && score > bestScore) {
          bestScore = score;
          best = j;
        }
      }
      if (best < 0) {
        add(out, service(s, null));
      } else {
        newMatch[best] = i;
        add(out, service(s, neu.get(best)));
      }
    }
    for (int j = 0; j < neu.size(); j++) {
      if (newMatch[j] < 0) {
        add(out, service(null, neu.get(j)));
      }
    }
    out.sort(ObjectDiff.ORDER);
    return out;
  }

  private @Nullable ObjectDiff service(@Nullable JsonNode o, @Nullable JsonNode n) {
    return structDiff(o, n, "Service", Set.of(), (a, b) -> {
      List<ObjectDiff> nested = nonNull(stringSetDiff(strings(a, "CanaryTags"), strings(b, "CanaryTags"), "CanaryTags"),
          stringSetDiff(strings(a, "Tags"), strings(b, "Tags"), "Tags"));
      Map<String, JsonNode> ca = byKey(list(a, "Checks"), "Name");
      Map<String, JsonNode> cb = byKey(list(b, "Checks"), "Name");
      for (String c : union(ca.keySet(), cb.keySet())) {
        add(nested, structDiff(ca.get(c), cb.get(c), "Check", Set.of(),
            (x, y) -> nonNull(structDiff(get(x, "CheckRestart"), get(y, "CheckRestart"), "CheckRestart", Set.of(), null))));
      }
      add(nested, structDiff(get(a, "Connect"), get(b, "Connect"), "ConsulConnect", Set.of(), null));
      return nested;
    });
  }

  private List<ObjectDiff> volumes(@Nullable JsonNode o, @Nullable JsonNode n) {
    Map<String, JsonNode> a = entries(o);
    Map<String, JsonNode> b = entries(n);
    List<ObjectDiff> out = new ArrayList<>();
    for (String k : union(a.keySet(), b.keySet())) {
      add(out, structDiff(a.get(k), b.get(k), "Volume", Set.of(), (x, y) -> nonNull(structDiff(get(x, "MountOptions"),
          get(y, "MountOptions"), "MountOptions", Set.of(),
          (p, q) -> nonNull(stringSetDiff(strings(p, "MountFlags"), strings(q, "MountFlags"), "MountFlags"))))));
    }
    return out;
  }

  /** A free-form map (task config, scaling policy) flattened fully; null when both are equal. */
  private @Nullable ObjectDiff configDiff(@Nullable JsonNode o, @Nullable JsonNode n, String name) {
    boolean oldEmpty = absent(o) || o.isEmpty();
    boolean newEmpty = absent(n) || n.isEmpty();
    if (same(o, n) || (oldEmpty && newEmpty)) {
      return null;
    }
    DiffType type = oldEmpty ? DiffType.ADDED : newEmpty ? DiffType.DELETED : DiffType.EDITED;
    Map<String, String> a = new TreeMap<>();
    Map<String, String> b = new TreeMap<>();
    flattenAll("", o, a);
    flattenAll("", n, b);
    return new ObjectDiff(type, name, fieldDiffs(a, b, contextual), null);
  }

  /**
   * A block diffed as a whole (Nomad's pattern for resources, services, networks): null when equal,
   * else added, deleted or edited by presence, with its primitive fields and {@code nested} diffs.
   */
  private @Nullable ObjectDiff structDiff(@Nullable JsonNode o, @Nullable JsonNode n, String name, Set<String> filter,
      @Nullable BiFunction<JsonNode, JsonNode, List<ObjectDiff>> nested) {
    if (same(o, n)) {
      return null;
    }
    List<FieldDiff> fields = fieldDiffs(flat(o, filter), flat(n, filter), contextual);
    List<ObjectDiff> objects = nested == null ? List.of()
        : nested.apply(absent(o) ? MissingNode.getInstance() : o, absent(n) ? MissingNode.getInstance() : n);
    return new ObjectDiff(typeOf(o, n), name, fields, objects);
  }

  /** A block diffed by its primitive fields only (Nomad's primitiveObjectDiff); null when none changed. */
  private @Nullable ObjectDiff primitiveObjectDiff(@Nullable JsonNode o, @Nullable JsonNode n, Set<String> filter,
      String name) {
    List<FieldDiff> fields = fieldDiffs(flat(o, filter), flat(n, filter), contextual);
    DiffType type = typeFromFields(fields);
    return type == DiffType.NONE ? null : new ObjectDiff(type, name, fields, null);
  }

  /** A list of blocks compared as a set by content (constraints, affinities, spreads, artifacts, templates). */
  private List<ObjectDiff> primitiveSetDiff(List<JsonNode> old, List<JsonNode> neu, Set<String> filter, String name) {
    Map<String, JsonNode> a = byContent(old);
    Map<String, JsonNode> b = byContent(neu);
    List<ObjectDiff> out = new ArrayList<>();
    for (String k : union(a.keySet(), b.keySet())) {
      add(out, primitiveObjectDiff(a.get(k), b.get(k), filter, name));
    }
    out.sort(ObjectDiff.ORDER);
    return out;
  }

  private @Nullable ObjectDiff stringSetDiff(List<String> old, List<String> neu, String name) {
    Set<String> a = new TreeSet<>(old);
    Set<String> b = new TreeSet<>(neu);
    if (a.equals(b) && !contextual) {
      return null;
    }
    List<FieldDiff> fields = new ArrayList<>();
    boolean added = false;
    boolean removed = false;
    for (String k : a) {
      if (!b.contains(k)) {
        fields.add(fieldDiff(k, "", name, contextual));
        removed = true;
      } else if (contextual) {
        fields.add(fieldDiff(k, k, name, contextual));
      }
    }
    for (String k : b) {
      if (!a.contains(k)) {
        fields.add(fieldDiff("", k, name, contextual));
        added = true;
      }
    }
    fields.sort(FieldDiff.ORDER);
    DiffType type = added && removed ? DiffType.EDITED : added ? DiffType.ADDED : removed ? DiffType.DELETED : DiffType.NONE;
    if (type == DiffType.NONE && fields.isEmpty()) {
      return null;
    }
    return new ObjectDiff(type, name, fields, null);
  }

  private static DiffType typeFromFields(List<FieldDiff> fields) {
    boolean added = false;
    boolean deleted = false;
    for (FieldDiff f : fields) {
      switch (f.type()) {
        case EDITED -> {
          return DiffType.EDITED;
        }
        case ADDED -> added = true;
        case DELETED -> deleted = true;
        default -> { }
      }
    }
    return added && deleted ? DiffType.EDITED : added ? DiffType.ADDED : deleted ? DiffType.DELETED : DiffType.NONE;
  }

  static List<FieldDiff> fieldDiffs(@Nullable Map<String, String> old, @Nullable Map<String, String> neu,
      boolean contextual) {
    Map<String, String> a = old == null ? Map.of() : old;
    Map<String, String> b = neu == null ? Map.of() : neu;
    List<FieldDiff> out = new ArrayList<>();
    for (String k : union(a.keySet(), b.keySet())) {
      FieldDiff d = fieldDiff(a.getOrDefault(k, ""), b.getOrDefault(k, ""), k, contextual);
      if (d != null) {
        out.add(d);
      }
    }
    out.sort(FieldDiff.ORDER);
    return out;
  }

  private static @Nullable FieldDiff fieldDiff(String old, String neu, String name, boolean contextual) {
    if (old.equals(neu)) {
      return contextual ? new FieldDiff(DiffType.NONE, name, old, neu, null) : null;
    }
    if (old.isEmpty()) {
      return new FieldDiff(DiffType.ADDED, name, "", neu, null);
    }
    if (neu.isEmpty()) {
      return new FieldDiff(DiffType.DELETED, name, old, "", null);
    }
    return new FieldDiff(DiffType.EDITED, name, old, neu, null);
  }

  /** The object's own primitive fields and string maps, by Go name; null when the object is absent. */
  private static @Nullable Map<String, String> flat(@Nullable JsonNode obj, Set<String> filter) {
    if (absent(obj) || !obj.isObject()) {
      return null;
    }
    Map<String, String> out = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (filter.contains(e.getKey())) {
        continue;
      }
      if (v.isValueNode() && !v.isNull()) {
        out.put(e.getKey(), text(v));
      } else if (v.isObject() && STRING_MAPS.contains(e.getKey())) {
        for (Iterator<Map.Entry<String, JsonNode>> m = v.fields(); m.hasNext(); ) {
          Map.Entry<String, JsonNode> kv = m.next();
          if (kv.getValue().isValueNode() && !kv.getValue().isNull()) {
            out.put(e.getKey() + "[" + kv.getKey() + "]", text(kv.getValue()));
          }
        }
      }
    }
    return out;
  }

  /** Flattens a free-form value fully: map keys as {@code a[b]}, list items as {@code a[0]}, null as "nil". */
  private static void flattenAll(String prefix, @Nullable JsonNode v, Map<String, String> out) {
    if (v == null || v.isMissingNode()) {
      return;
    }
    if (v.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        flattenAll(prefix.isEmpty() ? e.getKey() : prefix + "[" + e.getKey() + "]", e.getValue(), out);
      }
    } else if (v.isArray()) {
      for (int i = 0; i < v.size(); i++) {
        flattenAll(prefix + "[" + i + "]", v.get(i), out);
      }
    } else if (v.isNull()) {
      out.put(prefix, "nil");
    } else {
      out.put(prefix, text(v));
    }
  }

  /** A value as Go's {@code %v} prints it: integers in decimal, floats without trailing zeros. */
  private static String text(JsonNode v) {
    if (v.isTextual()) {
      return v.asText();
    }
    if (v.isBoolean()) {
      return v.asBoolean() ? "true" : "false";
    }
    if (v.isIntegralNumber()) {
      return v.bigIntegerValue().toString();
    }
    if (v.isNumber()) {
      return v.decimalValue().stripTrailingZeros().toPlainString();
    }
    if (v.isBinary()) {
      return v.asText();
    }
    return v.toString();
  }

  private static DiffType typeOf(@Nullable JsonNode o, @Nullable JsonNode n) {
    if (absent(o)) {
      return DiffType.ADDED;
    }
    if (absent(n)) {
      return DiffType.DELETED;
    }
    return o.equals(n) ? DiffType.NONE : DiffType.EDITED;
  }

  private static boolean same(@Nullable JsonNode o, @Nullable JsonNode n) {
    return absent(o) ? absent(n) : !absent(n) && o.equals(n);
  }

  static boolean absent(@Nullable JsonNode n) {
    return n == null || n.isNull() || n.isMissingNode();
  }

  private static @Nullable JsonNode get(@Nullable JsonNode obj, String field) {
    return absent(obj) ? null : obj.get(field);
  }

  private static List<JsonNode> list(@Nullable JsonNode obj, String field) {
    JsonNode v = get(obj, field);
    List<JsonNode> out = new ArrayList<>();
    if (v != null && v.isArray()) {
      v.forEach(out::add);
    }
    return out;
  }

  private static List<String> strings(@Nullable JsonNode obj, String field) {
    List<String> out = new ArrayList<>();
    for (JsonNode v : list(obj, field)) {
      out.add(text(v));
    }
    return out;
  }

  private static Map<String, JsonNode> byName(List<JsonNode> items) {
    return byKey(items, "Name");
  }

  private static Map<String, JsonNode> byKey(List<JsonNode> items, String key) {
    Map<String, JsonNode> out = new TreeMap<>();
    for (JsonNode i : items) {
      out.put(i.path(key).asText(""), i);
    }
    return out;
  }

  private static Map<String, JsonNode> byContent(List<JsonNode> items) {
    Map<String, JsonNode> out = new TreeMap<>();
    for (JsonNode i : items) {
      out.put(i.toString(), i);
    }
    return out;
  }

  private static Map<String, JsonNode> entries(@Nullable JsonNode obj) {
    Map<String, JsonNode> out = new TreeMap<>();
    if (!absent(obj) && obj.isObject()) {
      obj.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
    }
    return out;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> out = new TreeSet<>(a);
    out.addAll(b);
    return out;
  }

  private static void add(List<ObjectDiff> to, @Nullable ObjectDiff d) {
    if (d != null) {
      to.add(d);
    }
  }

  private static List<ObjectDiff> nonNull(@Nullable ObjectDiff... diffs) {
    List<ObjectDiff> out = new ArrayList<>();
    for (ObjectDiff d : diffs) {
      add(out, d);
    }
    return out;
  }
}
