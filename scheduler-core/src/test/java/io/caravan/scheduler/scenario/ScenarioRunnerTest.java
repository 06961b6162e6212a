package io.caravan.scheduler.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caravan.scheduler.testing.TestData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioRunnerTest {
  private final ObjectMapper mapper = new ObjectMapper();
  private final ScenarioRunner runner = new ScenarioRunner();

  @Test
  void printsThePlanWithExactlyTheDocumentedFields() throws Exception {
    JsonNode out = mapper.readTree(runner.run(TestData.text("scenario/distinct-hosts.json")));
    List<String> fields = new ArrayList<>();
    out.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactly("placed", "stopped", "updatedInPlace", "preempted", "failed", "blockedEval");
    assertThat(out.get("placed")).hasSize(3);
    for (JsonNode p : out.get("placed")) {
      assertThat(p.get("taskGroup").asText()).isEqualTo("web");
      assertThat(p.get("name").asText()).matches("web-app\\.web\\[[0-3]\\]");
      assertThat(p.get("nodeId").asText()).isNotEqualTo("node-003");
      assertThat(p.get("score").isNumber()).isTrue();
    }
    JsonNode failed = out.get("failed").get("web");
    assertThat(failed.get("unplaced").asInt()).isEqualTo(1);
    assertThat(failed.get("metrics").get("NodesEvaluated").asInt()).isEqualTo(3);
    assertThat(failed.get("metrics").get("ConstraintFiltered").get("distinct_hosts").asInt()).isEqualTo(3);
    assertThat(failed.get("explanation").asText()).contains("distinct_hosts");
    assertThat(out.get("blockedEval").asBoolean()).isTrue();
  }

  @Test
  void sameInputGivesByteIdenticalOutput() {
    String in = TestData.text("scenario/distinct-hosts.json");
    assertThat(new ScenarioRunner().run(in)).isEqualTo(runner.run(in));
  }

  @Test
  void existingAllocationsCountTowardsTheGroup() throws Exception {
    ObjectNode scn = (ObjectNode) mapper.readTree(TestData.text("scenario/distinct-hosts.json"));
    ((ObjectNode) scn.get("job")).remove("Constraints");
    scn.putArray("allocations").add(mapper.readTree("""
        {"ID":"existing-1","Namespace":"default","Name":"web-app.web[0]","NodeID":"node-000","JobID":"web-app",
         "TaskGroup":"web","DesiredStatus":"run","ClientStatus":"running",
         "AllocatedResources":{"Tasks":{"server":{"Cpu":{"CpuShares":500},"Memory":{"MemoryMB":512}}},
           "Shared":{"DiskMB":300,"Ports":[{"Label":"admin","Value":8080}]}}}
        """));
    JsonNode out = mapper.readTree(runner.run(mapper.writeValueAsString(scn)));
    // Static port 8080 fits once per node: node-000 already holds it, so two of three place.
    assertThat(out.get("placed")).hasSize(2);
    List<String> names = new ArrayList<>();
    out.get("placed").forEach(p -> names.add(p.get("name").asText()));
    assertThat(names).containsExactly("web-app.web[1]", "web-app.web[2]");
    out.get("placed").forEach(p -> assertThat(p.get("nodeId").asText()).isNotEqualTo("node-000"));
    JsonNode failed = out.get("failed").get("web");
    assertThat(failed.get("unplaced").asInt()).isEqualTo(1);
    assertThat(failed.get("metrics").get("DimensionExhausted").get("network: reserved port collision").asInt()).isEqualTo(3);
  }

  @Test
  void unknownNodeFieldIsReportedWithItsJsonPath() throws Exception {
    ObjectNode scn = (ObjectNode) mapper.readTree(TestData.text("scenario/distinct-hosts.json"));
    ((ObjectNode) scn.get("nodes").get(2).get("NodeResources")).put("Bogus", 1);
    assertThatThrownBy(() -> runner.run(mapper.writeValueAsString(scn)))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("$.nodes[2].NodeResources")
        .hasMessageContaining("Bogus");
  }

  @Test
  void badSeedTopLevelFieldAndMissingJobAreTypedErrors() {
    assertThatThrownBy(() -> runner.run("{\"nodes\":[],\"job\":{\"ID\":\"x\"},\"seed\":\"abc\"}"))
        .isInstanceOf(ScenarioException.class).extracting("path").isEqualTo("$.seed");
    assertThatThrownBy(() -> runner.run("{\"nodes\":[],\"jobs\":{}}"))
        .isInstanceOf(ScenarioException.class).extracting("path").isEqualTo("$.jobs");
    assertThatThrownBy(() -> runner.run("{\"nodes\":[]}"))
        .isInstanceOf(ScenarioException.class).extracting("path").isEqualTo("$.job");
    assertThatThrownBy(() -> runner.run("[1]"))
        .isInstanceOf(ScenarioException.class).extracting("path").isEqualTo("$");
  }

  @Test
  void unknownAlgorithmIsRejected() {
    assertThatThrownBy(() -> runner.run("{\"nodes\":[],\"job\":{\"ID\":\"x\",\"TaskGroups\":[{\"Name\":\"g\",\"Tasks\":[{\"Name\":\"t\",\"Driver\":\"exec\"}]}]},"
            + "\"schedulerConfiguration\":{\"SchedulerAlgorithm\":\"random\"}}"))
        .isInstanceOf(ScenarioException.class).extracting("path").isEqualTo("$.schedulerConfiguration.SchedulerAlgorithm");
  }

  @Test
  void reportsPreemptedAllocationsWithTheirReason() throws Exception {
    JsonNode out = mapper.readTree(runner.run(TestData.text("scenario/preemption.json")));
    assertThat(out.get("placed")).hasSize(1);
    List<String> victims = new ArrayList<>();
    out.get("preempted").forEach(p -> {
      victims.add(p.get("allocId").asText());
      assertThat(p.get("nodeId").asText()).isEqualTo("node-000");
      assertThat(p.get("reason").asText()).startsWith("Preempted by alloc ID ");
    });
    assertThat(victims).containsExactlyInAnyOrder("alloc-low", "alloc-mid");
    assertThat(out.get("blockedEval").asBoolean()).isFalse();
  }

  @Test
  void preemptionDisabledLeavesTheGroupFailed() throws Exception {
    ObjectNode scn = (ObjectNode) mapper.readTree(TestData.text("scenario/preemption.json"));
    ((ObjectNode) scn.get("schedulerConfiguration").get("PreemptionConfig")).put("ServiceSchedulerEnabled", false);
    JsonNode out = mapper.readTree(runner.run(mapper.writeValueAsString(scn)));
    assertThat(out.get("placed")).isEmpty();
    assertThat(out.get("preempted")).isEmpty();
    assertThat(out.get("failed").get("web").get("metrics").get("DimensionExhausted").get("cpu").asInt()).isEqualTo(1);
    assertThat(out.get("blockedEval").asBoolean()).isTrue();
  }
}
