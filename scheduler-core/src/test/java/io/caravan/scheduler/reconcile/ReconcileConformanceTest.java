package io.caravan.scheduler.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.caravan.model.cluster.DesiredUpdates;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.json.NomadJson;
import io.caravan.scheduler.testing.TestData;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every reconciler conformance case under {@code reconcile/cases/} (behaviour of Nomad's
 * cluster reconciler as described in nomad-semantics.md §2 and §7) and checks the fields its
 * {@code expect} block lists. Counts in {@code desiredTGUpdates} that a case does not list must be 0.
 */
class ReconcileConformanceTest {
  private static final NomadJson CODEC = NomadJson.strict();

  @TestFactory
  Stream<DynamicTest> conformanceCases() throws IOException, URISyntaxException {
    JsonNode library = TestData.json("reconcile/jobs.json");
    Path dir = Paths.get(getClass().getClassLoader().getResource("reconcile/cases").toURI());
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
      JsonNode spec = TestData.json("reconcile/cases/" + f.getFileName());
      ReconcileCase c = new ReconcileCase(f.getFileName().toString(), spec, library);
      ReconcileResult r = ClusterReconciler.reconcile(c.input);
      check(c, r, spec.get("expect"));
    }));
  }

  @Test
  void findsTheCaseFiles() throws Exception {
    Path dir = Paths.get(getClass().getClassLoader().getResource("reconcile/cases").toURI());
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.count()).isGreaterThanOrEqualTo(15);
    }
  }

  static void check(ReconcileCase c, ReconcileResult r, JsonNode expect) {
    SoftAssertions soft = new SoftAssertions();
    String at = c.name + ": ";
    if (expect.has("place")) {
      soft.assertThat(r.place()).as(at + "placements").hasSize(expect.get("place").asInt());
    }
    if (expect.has("placeNames")) {
      soft.assertThat(r.place().stream().map(AllocPlacement::name).toList()).as(at + "placed names")
          .containsExactlyInAnyOrderElementsOf(strings(expect.get("placeNames")));
    }
    if (expect.has("placements")) {
      soft.assertThat(r.place()).as(at + "placements").hasSize(expect.get("placements").size());
      for (int i = 0; i < Math.min(r.place().size(), expect.get("placements").size()); i++) {
        JsonNode e = expect.get("placements").get(i);
        AllocPlacement p = r.place().get(i);
        String where = at + "placement " + i + " ";
        expectText(soft, e, "name", p.name(), where);
        expectText(soft, e, "previousAlloc", p.previousAlloc() == null ? "" : p.previousAlloc().id(), where);
        expectBool(soft, e, "reschedule", p.reschedule(), where);
        expectBool(soft, e, "canary", p.canary(), where);
        expectBool(soft, e, "lost", p.lost(), where);
        expectBool(soft, e, "migrate", p.migrate(), where);
        expectBool(soft, e, "downgradeNonCanary", p.downgradeNonCanary(), where);
      }
    }
    if (expect.has("stop")) {
      soft.assertThat(r.stop()).as(at + "stops").hasSize(expect.get("stop").asInt());
    }
    if (expect.has("stopIds")) {
      soft.assertThat(r.stop().stream().map(s -> s.alloc().id()).toList()).as(at + "stopped IDs")
          .containsExactlyInAnyOrderElementsOf(strings(expect.get("stopIds")));
    }
    if (expect.has("stops")) {
      Map<String, AllocStop> byId = new HashMap<>();
      r.stop().forEach(s -> byId.put(s.alloc().id(), s));
      for (JsonNode e : expect.get("stops")) {
        AllocStop s = byId.get(e.get("id").asText());
        soft.assertThat(s).as(at + "stop of " + e.get("id").asText()).isNotNull();
        if (s != null) {
          String where = at + "stop of " + s.alloc().id() + " ";
          expectText(soft, e, "clientStatus", s.clientStatus(), where);
          expectText(soft, e, "description", s.statusDescription(), where);
          expectBool(soft, e, "followupEval", !s.followupEvalId().isEmpty(), where);
        }
      }
    }
    if (expect.has("inplace")) {
      soft.assertThat(r.inplaceUpdates()).as(at + "in-place updates").hasSize(expect.get("inplace").asInt());
    }
    if (expect.has("destructive")) {
      soft.assertThat(r.destructiveUpdates()).as(at + "destructive updates").hasSize(expect.get("destructive").asInt());
    }
    if (expect.has("destructiveIds")) {
      soft.assertThat(r.destructiveUpdates().stream().map(d -> d.stopAlloc().id()).toList()).as(at + "destructive IDs")
          .containsExactlyInAnyOrderElementsOf(strings(expect.get("destructiveIds")));
    }
    if (expect.has("attributeUpdates")) {
      soft.assertThat(r.attributeUpdates()).as(at + "attribute updates").hasSize(expect.get("attributeUpdates").asInt());
    }
    if (expect.has("disconnectUpdates")) {
      soft.assertThat(r.disconnectUpdates()).as(at + "disconnect updates").hasSize(expect.get("disconnectUpdates").asInt());
      r.disconnectUpdates().forEach(u -> soft.assertThat(u.alloc().clientStatus()).as(at + "disconnected status").isEqualTo("unknown"));
    }
    if (expect.has("reconnectUpdates")) {
      soft.assertThat(r.reconnectUpdates()).as(at + "reconnect updates").hasSize(expect.get("reconnectUpdates").asInt());
    }
    if (expect.has("desiredTGUpdates")) {
      for (Iterator<Map.Entry<String, JsonNode>> it = expect.get("desiredTGUpdates").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        DesiredUpdates got = r.desiredTGUpdates().get(e.getKey());
        soft.assertThat(got).as(at + "desired updates of " + e.getKey()).isNotNull();
        if (got != null) {
          JsonNode gotJson = CODEC.toTree(got);
          for (Iterator<String> f = gotJson.fieldNames(); f.hasNext(); ) {
            String field = f.next();
            long want = e.getValue().path(field).asLong(0);
            soft.assertThat(gotJson.get(field).asLong()).as(at + "desired " + e.getKey() + "." + field).isEqualTo(want);
          }
        }
      }
    }
    if (expect.has("deploymentCreated")) {
      soft.assertThat(r.deployment() != null).as(at + "deployment created").isEqualTo(expect.get("deploymentCreated").asBoolean());
    }
    if (expect.has("deployment") && r.deployment() != null) {
      subset(soft, at + "deployment", expect.get("deployment"), CODEC.toTree(r.deployment()));
    }
    if (expect.has("deploymentUpdates")) {
      List<String> got = r.deploymentUpdates().stream().map(u -> u.status() + ": " + u.statusDescription()).toList();
      List<String> want = new ArrayList<>();
      expect.get("deploymentUpdates").forEach(u -> want.add(u.get("Status").asText() + ": " + u.get("StatusDescription").asText()));
      soft.assertThat(got).as(at + "deployment updates").containsExactlyElementsOf(want);
    }
    if (expect.has("followupEvals")) {
      List<Evaluation> evals = r.allFollowupEvals();
      JsonNode want = expect.get("followupEvals");
      soft.assertThat(evals).as(at + "follow-up evaluations").hasSize(want.size());
      Map<String, List<String>> allocsByEval = new HashMap<>();
      r.attributeUpdates().forEach(a -> allocsByEval.computeIfAbsent(a.followupEvalID(), k -> new ArrayList<>()).add(a.id()));
      r.disconnectUpdates().forEach(u -> allocsByEval.computeIfAbsent(u.alloc().followupEvalID(), k -> new ArrayList<>()).add(u.alloc().id()));
      r.stop().forEach(s -> allocsByEval.computeIfAbsent(s.followupEvalId(), k -> new ArrayList<>()).add(s.alloc().id()));
      for (int i = 0; i < Math.min(evals.size(), want.size()); i++) {
        Evaluation ev = evals.get(i);
        JsonNode w = want.get(i);
        String where = at + "follow-up " + i + " ";
        if (w.has("WaitUntil")) {
          soft.assertThat(Instant.parse(ev.waitUntil())).as(where + "WaitUntil").isEqualTo(c.time(w.get("WaitUntil").asText()));
        }
        expectText(soft, w, "TriggeredBy", ev.triggeredBy(), where);
        soft.assertThat(ev.status()).as(where + "status").isEqualTo("pending");
        if (w.has("allocs")) {
          soft.assertThat(allocsByEval.getOrDefault(ev.id(), List.of())).as(where + "allocations")
              .containsExactlyInAnyOrderElementsOf(strings(w.get("allocs")));
        }
      }
    }
    soft.assertAll();
  }

  private static void subset(SoftAssertions soft, String where, JsonNode want, JsonNode got) {
    if (want.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = want.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        soft.assertThat(got.has(e.getKey())).as(where + "." + e.getKey() + " present").isTrue();
        if (got.has(e.getKey())) {
          subset(soft, where + "." + e.getKey(), e.getValue(), got.get(e.getKey()));
        }
      }
    } else if (want.isNumber() && got.isNumber()) {
      soft.assertThat(got.decimalValue().compareTo(want.decimalValue())).as(where + " = " + want + " (was " + got + ")").isZero();
    } else {
      soft.assertThat(got).as(where).isEqualTo(want);
    }
  }

  private static void expectText(SoftAssertions soft, JsonNode e, String field, String got, String where) {
    if (e.has(field)) {
      soft.assertThat(got).as(where + field).isEqualTo(e.get(field).asText());
    }
  }

  private static void expectBool(SoftAssertions soft, JsonNode e, String field, boolean got, String where) {
    if (e.has(field)) {
      soft.assertThat(got).as(where + field).isEqualTo(e.get(field).asBoolean());
    }
  }

  private static List<String> strings(JsonNode arr) {
    List<String> out = new ArrayList<>();
    arr.forEach(n -> out.add(n.asText()));
    return out;
  }
}
