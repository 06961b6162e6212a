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
    assertThat(fields).containsExactly("placed", "stopped", "updatedInPlace", "preempted", "failed", "blockedEval",
        "followUpEvals", "annotations", "deployment", "deploymentUpdates");
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

  @Test
  void preemptsTheHolderOfANeededStaticPortThroughThePlanApplier() throws Exception {
    ObjectNode scn = (ObjectNode) mapper.readTree(TestData.text("scenario/preemption.json"));
    // A small job that fits beside both allocations, but needs static port 8080, which alloc-low holds.
    ((ObjectNode) scn.get("allocations").get(0).get("AllocatedResources").get("Shared"))
        .set("Ports", mapper.readTree("[{\"Label\":\"http\",\"Value\":8080,\"To\":8080,\"HostIP\":\"10.0.0.1\"}]"));
    ((ObjectNode) scn.get("nodes").get(0).get("NodeResources")).set("Networks", mapper.readTree(
        "[{\"Mode\":\"host\",\"Device\":\"eth0\",\"CIDR\":\"10.0.0.1/32\",\"IP\":\"10.0.0.1\",\"MBits\":1000}]"));
    ObjectNode group = (ObjectNode) scn.get("job").get("TaskGroups").get(0);
    group.set("Networks", mapper.readTree("[{\"Mode\":\"host\",\"ReservedPorts\":[{\"Label\":\"http\",\"Value\":8080}]}]"));
    ((ObjectNode) group.get("Tasks").get(0).get("Resources")).put("CPU", 50).put("MemoryMB", 64);
    JsonNode out = run(scn);
    assertThat(out.get("placed")).as(out.toString()).hasSize(1);
    assertThat(out.get("preempted")).hasSize(1);
    assertThat(out.get("preempted").get(0).get("allocId").asText()).isEqualTo("alloc-low");
    assertThat(out.get("failed").size()).isZero();
  }

  private JsonNode run(ObjectNode scenario) throws Exception {
    return mapper.readTree(runner.run(mapper.writeValueAsString(scenario)));
  }

  private static List<String> texts(JsonNode arr, String field) {
    List<String> out = new ArrayList<>();
    arr.forEach(n -> out.add(n.get(field).asText()));
    return out;
  }

  @Test
  void allocationsOfAnOlderVersionGetARollingUpdateBoundedByMaxParallel() throws Exception {
    JsonNode out = mapper.readTree(runner.run(TestData.text("scenario/rolling-update.json")));
    // 4 allocations run version 0; version 1 changes the task config (destructive), max_parallel 2.
    assertThat(out.get("stopped")).hasSize(2);
    out.get("stopped").forEach(s -> assertThat(s.get("description").asText()).isEqualTo("alloc is being updated due to job update"));
    assertThat(out.get("placed")).hasSize(2);
    assertThat(texts(out.get("placed"), "name")).containsExactlyElementsOf(texts(out.get("stopped"), "name"));
    assertThat(out.get("annotations").get("web").get("DestructiveUpdate").asInt()).isEqualTo(2);
    assertThat(out.get("annotations").get("web").get("Ignore").asInt()).isEqualTo(2);
    assertThat(out.get("deployment").get("JobVersion").asInt()).isEqualTo(1);
    assertThat(out.get("deployment").get("Status").asText()).isEqualTo("running");
    assertThat(out.get("blockedEval").asBoolean()).isFalse();
  }

  @Test
  void allocationsOnADownNodeAreStoppedAsLostAndReplaced() throws Exception {
    ObjectNode scn = (ObjectNode) mapper.readTree(TestData.text("scenario/rolling-update.json"));
    ((ObjectNode) scn.get("nodes").get(3)).put("Status", "down");
    for (JsonNode a : scn.get("allocations")) {
      ((ObjectNode) a).remove("Job");
    }
    JsonNode out = run(scn);
    assertThat(out.get("stopped")).singleElement().satisfies(s -> {
      assertThat(s.get("allocId").asText()).isEqualTo("alloc-3");
      assertThat(s.get("clientStatus").asText()).isEqualTo("lost");
    });
    assertThat(out.get("placed")).singleElement().satisfies(p -> {
      assertThat(p.get("name").asText()).isEqualTo("web-app.web[3]");
      assertThat(p.get("previousAllocation").asText()).isEqualTo("alloc-3");
      assertThat(p.get("nodeId").asText()).isNotEqualTo("node-003");
    });
    assertThat(out.get("deployment").isNull()).isTrue();
  }

  @Test
  void anExistingPausedDeploymentHoldsTheRollout() throws Exception {
    ObjectNode scn = (ObjectNode) mapper.readTree(TestData.text("scenario/rolling-update.json"));
    scn.set("deployment", mapper.readTree("""
        {"ID": "d-1", "JobID": "web-app", "JobVersion": 1, "JobCreateIndex": 10, "Status": "paused",
         "TaskGroups": {"web": {"DesiredTotal": 4}}}
        """));
    JsonNode out = run(scn);
    assertThat(out.get("stopped")).isEmpty();
    assertThat(out.get("placed")).isEmpty();
    assertThat(out.get("deployment").isNull()).as("the existing deployment is used, none is created").isTrue();
    assertThat(out.get("annotations").get("web").get("Ignore").asInt()).isEqualTo(4);

    ((ObjectNode) scn.get("deployment")).put("JobID", "other");
    assertThatThrownBy(() -> run(scn)).isInstanceOf(ScenarioException.class)
        .extracting("path").isEqualTo("$.deployment.JobID");
    ((ObjectNode) scn.get("deployment")).put("Bogus", 1);
    assertThatThrownBy(() -> run(scn)).isInstanceOf(ScenarioException.class)
        .hasMessageContaining("$.deployment").hasMessageContaining("Bogus");
  }

  @Test
  void nowDecidesBetweenRescheduleLaterAndNow() throws Exception {
    // alloc-0 failed at 00:00:00 with a constant 30 s delay.
    JsonNode early = mapper.readTree(runner.run(TestData.text("scenario/reschedule.json")));
    assertThat(early.get("placed")).isEmpty();
    assertThat(early.get("followUpEvals")).singleElement().satisfies(f -> {
      assertThat(f.get("triggeredBy").asText()).isEqualTo("alloc-failure");
      assertThat(f.get("waitUntil").asText()).isEqualTo("2026-01-01T00:00:30Z");
    });
    assertThat(early.get("updatedInPlace")).singleElement().satisfies(u -> {
      assertThat(u.get("allocId").asText()).isEqualTo("alloc-0");
      assertThat(u.get("followupEvalId").asText()).isEqualTo(early.get("followUpEvals").get(0).get("id").asText());
    });

    ObjectNode scn = (ObjectNode) mapper.readTree(TestData.text("scenario/reschedule.json"));
    scn.put("now", "2026-01-01T00:01:00Z");
    JsonNode late = run(scn);
    assertThat(late.get("followUpEvals")).isEmpty();
    assertThat(late.get("placed")).singleElement().satisfies(p -> {
      assertThat(p.get("name").asText()).isEqualTo("web-app.web[0]");
      assertThat(p.get("previousAllocation").asText()).isEqualTo("alloc-0");
    });
    assertThat(late.get("stopped")).singleElement().satisfies(s ->
        assertThat(s.get("description").asText()).isEqualTo("alloc was rescheduled because it failed"));

    scn.put("now", "yesterday");
    assertThatThrownBy(() -> run(scn)).isInstanceOf(ScenarioException.class).extracting("path").isEqualTo("$.now");
  }

  @Test
  void anAllocationRunningANewerJobVersionIsRejected() throws Exception {
    ObjectNode scn = (ObjectNode) mapper.readTree(TestData.text("scenario/rolling-update.json"));
    ((ObjectNode) scn.get("allocations").get(2).get("Job")).put("Version", 5);
    assertThatThrownBy(() -> run(scn)).isInstanceOf(ScenarioException.class)
        .extracting("path").isEqualTo("$.allocations[2].Job.Version");
  }
}
