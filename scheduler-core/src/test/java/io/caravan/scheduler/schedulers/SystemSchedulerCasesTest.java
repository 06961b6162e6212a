package io.caravan.scheduler.schedulers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.caravan.model.cluster.AllocStatus;
import io.caravan.model.cluster.AllocatedCpuResources;
import io.caravan.model.cluster.AllocatedMemoryResources;
import io.caravan.model.cluster.AllocatedResources;
import io.caravan.model.cluster.AllocatedTaskResources;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.DesiredTransition;
import io.caravan.model.cluster.DesiredUpdates;
import io.caravan.model.cluster.DrainStrategy;
import io.caravan.model.cluster.EvalStatus;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.Plan;
import io.caravan.model.job.Constraint;
import io.caravan.model.job.Job;
import io.caravan.model.job.Resources;
import io.caravan.model.job.Task;
import io.caravan.model.job.TaskGroup;
import io.caravan.model.job.UpdateStrategy;
import io.caravan.scheduler.snapshot.InMemoryCluster;
import io.caravan.scheduler.snapshot.PreemptionConfig;
import io.caravan.scheduler.snapshot.SchedulerConfiguration;
import io.caravan.scheduler.testing.Nodes;
import io.caravan.scheduler.testing.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * System and sysbatch scheduler cases as data (src/test/resources/system/*.json), each run
 * through {@link SchedulerFactory} on an {@link InMemoryCluster}. See system/README.md for the
 * format.
 */
class SystemSchedulerCasesTest {
  static Stream<String> cases() {
    try {
      Path dir = Paths.get(SystemSchedulerCasesTest.class.getClassLoader().getResource("system").toURI());
      try (Stream<Path> files = Files.list(dir)) {
        return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList().stream();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void schedulesAsExpected(String file) {
    JsonNode c = TestData.json("system/" + file);
    InMemoryCluster cluster = new InMemoryCluster();
    for (JsonNode n : c.get("nodes")) {
      cluster.upsertNode(node(n));
    }
    Job job = job(c.get("job"), null);
    Map<String, Job> jobs = new LinkedHashMap<>();
    jobs.put("current", job);
    if (c.has("previousJob")) {
      jobs.put("previous", job(c.get("previousJob"), job));
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = fields(c, "otherJobs"); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Job other = job(e.getValue(), null).toBuilder().id(e.getKey()).name(e.getKey()).build();
      jobs.put(e.getKey(), other);
      cluster.upsertJob(other);
    }
    cluster.upsertJob(job);
    for (JsonNode a : iterable(c, "allocations")) {
      cluster.upsertAlloc(alloc(a, jobs));
    }
    SchedulerConfiguration config = new SchedulerConfiguration("binpack",
        new PreemptionConfig(c.path("config").path("preemptSystem").asBoolean(true),
            c.path("config").path("preemptSysbatch").asBoolean(false), false, false), false);
    JsonNode ev = c.path("eval");
    Evaluation eval = Evaluation.builder().id(ev.path("id").asText("a7c3e9f1-5b2d-4c6e-8f0a-1b2c3d4e5f60"))
        .namespace("default").priority(job.priority()).type(job.type())
        .triggeredBy(ev.path("triggeredBy").asText("job-register")).jobID(job.id())
        .jobModifyIndex(job.jobModifyIndex() == null ? 0 : job.jobModifyIndex())
        .status(ev.path("status").asText(EvalStatus.PENDING)).build();
    Scheduler s = SchedulerFactory.create(job.type(), cluster, cluster, config, EvalProcessorTest.CLOCK);
    java.util.Set<String> before = new java.util.HashSet<>();
    cluster.nodes().forEach(n -> cluster.allocsByNode(n.id()).forEach(a -> before.add(a.id())));
    s.process(eval);
    check(c.get("expect"), cluster, eval, before);
  }

  private static void check(JsonNode x, InMemoryCluster cluster, Evaluation eval, java.util.Set<String> before) {
    List<Plan> plans = cluster.plans();
    if (x.has("plans")) {
      assertThat(plans).as("plans submitted").hasSize(x.get("plans").asInt());
    }
    List<Allocation> placed = new ArrayList<>();
    List<Allocation> updated = new ArrayList<>();
    Map<String, Allocation> stopped = new TreeMap<>();
    Map<String, Allocation> preempted = new TreeMap<>();
    for (Plan p : plans) {
      p.nodeAllocation().values().forEach(l -> l.forEach(a -> {
        (before.contains(a.id()) ? updated : placed).add(a);
      }));
      p.nodeUpdate().values().forEach(l -> l.forEach(a -> stopped.put(a.id(), a)));
      p.nodePreemptions().values().forEach(l -> l.forEach(a -> preempted.put(a.id(), a)));
    }
    if (x.has("placed")) {
      assertThat(new TreeSet<>(placed.stream().map(Allocation::nodeID).toList()).stream().toList())
          .as("nodes with a new allocation").containsExactlyElementsOf(strings(x.get("placed")));
      assertThat(placed).as("one new allocation per node").extracting(Allocation::nodeID).doesNotHaveDuplicates();
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = fields(x, "previous"); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      assertThat(placed).filteredOn(a -> a.nodeID().equals(e.getKey())).singleElement()
          .satisfies(a -> assertThat(a.previousAllocation()).as("previous allocation on " + e.getKey())
              .isEqualTo(e.getValue().asText()));
    }
    if (x.has("inPlace")) {
      assertThat(updated.stream().filter(a -> !AllocStatus.CLIENT_UNKNOWN.equals(a.clientStatus())).map(Allocation::id).sorted())
          .as("in-place updates").containsExactlyElementsOf(strings(x.get("inPlace")));
    }
    if (x.has("unknown")) {
      assertThat(updated.stream().filter(a -> AllocStatus.CLIENT_UNKNOWN.equals(a.clientStatus())).map(Allocation::id).sorted())
          .as("allocations marked unknown").containsExactlyElementsOf(strings(x.get("unknown")));
    }
    if (x.has("stopped")) {
      Map<String, String> want = new TreeMap<>();
      x.get("stopped").fields().forEachRemaining(e -> want.put(e.getKey(), e.getValue().asText()));
      Map<String, String> got = new TreeMap<>();
      stopped.forEach((id, a) -> got.put(id, a.desiredDescription() + (a.clientStatus().equals(AllocStatus.CLIENT_LOST) ? " [lost]" : "")));
      assertThat(got).as("stopped allocations → description").isEqualTo(want);
    }
    if (x.has("preempted")) {
      assertThat(preempted.keySet()).as("preempted").containsExactlyElementsOf(strings(x.get("preempted")));
    }
    if (x.has("desired")) {
      Plan last = plans.get(0);
      for (Iterator<Map.Entry<String, JsonNode>> it = x.get("desired").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        DesiredUpdates d = last.annotations().desiredTGUpdates().get(e.getKey());
        assertThat(d).as("annotations of " + e.getKey()).isNotNull();
        Map<String, Long> got = new TreeMap<>(Map.of("place", d.place(), "stop", d.stop(), "ignore", d.ignore(),
            "migrate", d.migrate(), "inPlaceUpdate", d.inPlaceUpdate(), "destructiveUpdate", d.destructiveUpdate(),
            "preemptions", d.preemptions()));
        e.getValue().fields().forEachRemaining(f ->
            assertThat(got.get(f.getKey())).as("desired " + e.getKey() + "." + f.getKey()).isEqualTo(f.getValue().asLong()));
      }
    }
    Evaluation done = cluster.updatedEvals().get(cluster.updatedEvals().size() - 1);
    assertThat(done.status()).as("eval status").isEqualTo(x.path("status").asText(EvalStatus.COMPLETE));
    if (x.has("statusDescription")) {
      assertThat(done.statusDescription()).isEqualTo(x.get("statusDescription").asText());
    }
    if (x.has("queued")) {
      Map<String, Integer> want = new TreeMap<>();
      x.get("queued").fields().forEachRemaining(e -> want.put(e.getKey(), e.getValue().asInt()));
      assertThat(new TreeMap<>(done.queuedAllocations() == null ? Map.of() : done.queuedAllocations()))
          .as("queued allocations").isEqualTo(want);
    }
    if (x.has("failed")) {
      Map<String, ?> failed = done.failedTGAllocs() == null ? Map.of() : done.failedTGAllocs();
      assertThat(failed.keySet()).as("failed groups").containsExactlyInAnyOrderElementsOf(
          () -> x.get("failed").fieldNames());
      x.get("failed").fields().forEachRemaining(e -> {
        var m = done.failedTGAllocs().get(e.getKey());
        JsonNode w = e.getValue();
        if (w.has("nodesFiltered")) {
          assertThat(m.nodesFiltered()).as("nodesFiltered").isEqualTo(w.get("nodesFiltered").asInt());
        }
        if (w.has("nodesExhausted")) {
          assertThat(m.nodesExhausted()).as("nodesExhausted").isEqualTo(w.get("nodesExhausted").asInt());
        }
        if (w.has("coalescedFailures")) {
          assertThat(m.coalescedFailures()).as("coalescedFailures").isEqualTo(w.get("coalescedFailures").asInt());
        }
        if (w.has("constraintFiltered")) {
          w.get("constraintFiltered").fields().forEachRemaining(f ->
              assertThat(m.constraintFiltered()).containsEntry(f.getKey(), f.getValue().asInt()));
        }
        if (w.has("resourcesExhausted")) {
          assertThat(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(m.resourcesExhausted()).toString())
              .as("resourcesExhausted").isEqualTo(w.get("resourcesExhausted").toString());
        }
        if (w.has("nodesInPool")) {
          assertThat(m.nodesInPool()).as("nodesInPool").isEqualTo(w.get("nodesInPool").asInt());
        }
      });
    }
    if (x.has("createdEvals")) {
      List<String> got = cluster.createdEvals().stream()
          .map(e -> e.status() + ":" + e.triggeredBy() + (e.nodeID().isEmpty() ? "" : "@" + e.nodeID())).toList();
      assertThat(got).as("created evaluations (status:trigger@node)").containsExactlyElementsOf(strings(x.get("createdEvals")));
    }
    for (Evaluation created : cluster.createdEvals()) {
      if (EvalStatus.BLOCKED.equals(created.status())) {
        assertThat(created.classEligibility()).as("blocked eval carries class eligibility").isNotEmpty();
        assertThat(created.failedTGAllocs()).as("blocked eval carries failed metrics").isNotEmpty();
        assertThat(created.previousEval()).isEqualTo(eval.id());
      }
    }
  }

  static Node node(JsonNode n) {
    Map<String, String> meta = new LinkedHashMap<>();
    n.path("meta").fields().forEachRemaining(e -> meta.put(e.getKey(), e.getValue().asText()));
    Node node = Nodes.node(n.get("id").asText(), n.path("dc").asText("dc1"), n.path("cpu").asLong(14000),
        n.path("mem").asLong(8192), 100, 256, meta, n.path("status").asText("ready"),
        n.path("eligibility").asText("eligible"));
    Node.Builder b = node.toBuilder().nodePool(n.path("pool").asText("default"));
    if (n.path("drain").asBoolean(false)) {
      b.drain(true).drainStrategy(new DrainStrategy(null, "", ""));
    }
    return b.build().withComputedClass();
  }

  /** A job from the compact form; {@code base} supplies defaults (for previousJob). */
  static Job job(JsonNode j, Job base) {
    String id = j.path("id").asText(base == null ? "sys" : base.id());
    String type = j.path("type").asText(base == null ? "system" : base.type());
    TaskGroup baseTg = base == null ? null : base.taskGroupsOrEmpty().get(0);
    Task baseTask = baseTg == null ? null : baseTg.tasksOrEmpty().get(0);
    int cpu = j.path("cpu").asInt(baseTask == null ? 500 : baseTask.resources().cpu());
    int mem = j.path("mem").asInt(baseTask == null ? 256 : baseTask.resources().memoryMB());
    TaskGroup.Builder tg = TaskGroup.builder().name(j.path("group").asText("web"))
        .count(j.path("count").asInt(baseTg == null ? 1 : baseTg.count()))
        .task(Task.builder().name("web").driver("exec")
            .resources(Resources.builder().cpu(cpu).memoryMB(mem).build()).build());
    List<Constraint> constraints = new ArrayList<>();
    for (JsonNode c : iterable(j, "constraints")) {
      constraints.add(new Constraint(c.get(0).asText(), c.get(1).asText(), c.get(2).asText()));
    }
    if (!constraints.isEmpty()) {
      tg.constraints(constraints);
    }
    Job.Builder b = Job.builder().id(id).name(id).namespace("default").type(type)
        .priority(j.path("priority").asInt(base == null ? 50 : base.priority()))
        .datacenters(strings(j.has("datacenters") ? j.get("datacenters") : null, base == null ? List.of("dc1") : base.datacenters()))
        .nodePool("default")
        .jobModifyIndex(j.path("jobModifyIndex").asLong(base == null ? 10 : 5))
        .version(j.path("version").asLong(base == null ? 1 : 0))
        .taskGroups(List.of(tg.build()));
    if (j.has("maxParallel")) {
      b.update(new UpdateStrategy(null, j.get("maxParallel").asInt(), null, Duration.ofSeconds(10), null, null, 0, false, false));
    }
    if (j.has("meta")) {
      Map<String, String> meta = new LinkedHashMap<>();
      j.get("meta").fields().forEachRemaining(e -> meta.put(e.getKey(), e.getValue().asText()));
      b.meta(meta);
    }
    if (j.path("stop").asBoolean(false)) {
      b.stop(true);
    }
    return b.build();
  }

  static Allocation alloc(JsonNode a, Map<String, Job> jobs) {
    Job job = jobs.get(a.path("job").asText("current"));
    if (job == null) {
      throw new IllegalArgumentException("allocation " + a + " names an unknown job");
    }
    TaskGroup tg = job.taskGroupsOrEmpty().get(0);
    Resources r = tg.tasksOrEmpty().get(0).resources();
    Allocation.Builder b = Allocation.builder().id(a.get("id").asText()).namespace("default")
        .evalID("old-eval").name(a.path("name").asText(job.name() + "." + tg.name() + "[0]"))
        .nodeID(a.get("node").asText()).jobID(job.id()).job(job).taskGroup(tg.name())
        .desiredStatus(a.path("desiredStatus").asText(AllocStatus.DESIRED_RUN))
        .clientStatus(a.path("clientStatus").asText(AllocStatus.CLIENT_RUNNING))
        .allocatedResources(new AllocatedResources(Map.of("web", new AllocatedTaskResources(
            new AllocatedCpuResources(r.cpu(), null), new AllocatedMemoryResources(r.memoryMB(), 0), null, null)),
            null, null))
        .createIndex(a.path("createIndex").asLong(1));
    if (a.path("migrate").asBoolean(false)) {
      b.desiredTransition(new DesiredTransition(true, null, null, null, null));
    }
    return b.build();
  }

  private static Iterable<JsonNode> iterable(JsonNode parent, String field) {
    return parent.has(field) ? parent.get(field) : List.of();
  }

  private static Iterator<Map.Entry<String, JsonNode>> fields(JsonNode parent, String field) {
    return parent.has(field) ? parent.get(field).fields() : java.util.Collections.emptyIterator();
  }

  private static List<String> strings(JsonNode arr) {
    List<String> out = new ArrayList<>();
    arr.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<String> strings(JsonNode arr, List<String> fallback) {
    return arr == null ? fallback : strings(arr);
  }
}
