package io.caravan.scheduler.feasibility;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.caravan.model.cluster.Node;
import io.caravan.scheduler.testing.Nodes;
import io.caravan.scheduler.testing.TestData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Data-driven constraint truth tables (src/test/resources/feasibility/*.json). */
class ConstraintTablesTest {
  private final ConstraintEvaluator evaluator = new ConstraintEvaluator();

  @TestFactory
  List<DynamicTest> operatorTruthTable() {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode row : TestData.json("feasibility/operators.json")) {
      String name = row.toString();
      tests.add(DynamicTest.dynamicTest(name, () -> assertThat(evaluator.check(
              row.get("op").asText(), row.get("l").asText(), row.get("r").asText(),
              row.get("lFound").asBoolean(), row.get("rFound").asBoolean()))
          .as(name).isEqualTo(row.get("expected").asBoolean())));
    }
    return tests;
  }

  @TestFactory
  List<DynamicTest> versionAndSemverPrereleaseRules() {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode row : TestData.json("feasibility/versions.json")) {
      String name = row.toString();
      tests.add(DynamicTest.dynamicTest(name, () -> assertThat(evaluator.check(
              row.get("op").asText(), row.get("l").asText(), row.get("r").asText(), true, true))
          .as(name).isEqualTo(row.get("expected").asBoolean())));
    }
    return tests;
  }

  @TestFactory
  List<DynamicTest> targetResolution() {
    Node base = Nodes.node("node-id-1", "dc1", 1000, 1000, 0, 0, Map.of(), "ready", "eligible");
    Node node = new Node(base.id(), base.secretID(), base.datacenter(), "client-1", base.httpAddr(),
        false, base.attributes(), base.nodeResources(), base.reservedResources(), null, base.meta(),
        "large", "prod", "", false, null, base.schedulingEligibility(), base.status(), "", 0, null,
        base.drivers(), null, null, null, null, null, 0, base.computedClass(), 1, 1);
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode row : TestData.json("feasibility/targets.json")) {
      String name = row.toString();
      tests.add(DynamicTest.dynamicTest(name, () -> {
        String v = TargetResolver.resolve(row.get("target").asText(), node);
        assertThat(v != null).as(name).isEqualTo(row.get("found").asBoolean());
        if (v != null) {
          assertThat(v).as(name).isEqualTo(row.get("value").asText());
        }
      }));
    }
    return tests;
  }
}
