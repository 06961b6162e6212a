package io.caravan.agent.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.agent.Agent;
import io.caravan.agent.AgentConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Deployments through the HTTP API of a dev agent (a server and a real client running the mock
 * driver, which reports allocation health after {@code min_healthy_time}), with a real HTTP client:
 * a canary update is promoted with Nomad's {@code /v1/deployment/promote/:id} body and rolls out.
 */
@Timeout(90)
class DeploymentEndpointsTest {
  private static final ObjectMapper M = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private static Agent agent;
  private static String url;

  record Reply(int status, JsonNode body) {}

  @BeforeAll
  static void start() {
    agent = Agent.start(AgentConfig.devAgent().withHttpPort(0));
    url = agent.httpUrl().orElseThrow();
  }

  @AfterAll
  static void stop() {
    agent.close();
  }

  private static String job(String id, String version) {
    return """
        {"Job": {"ID": "%s", "Name": "%s", "Type": "service", "Datacenters": ["*"],
          "TaskGroups": [{"Name": "app", "Count": 2,
            "Update": {"MaxParallel": 1, "Canary": 1, "MinHealthyTime": 1000000000, "HealthyDeadline": 30000000000,
              "ProgressDeadline": 60000000000},
            "Tasks": [{"Name": "server", "Driver": "mock_driver", "Config": {"run_for": "10m"},
              "Env": {"VERSION": "%s"}, "Resources": {"CPU": 50, "MemoryMB": 32}}]}]}}
        """.formatted(id, id, version);
  }

  private Reply call(String method, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30));
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.body().isEmpty() ? null : M.readTree(r.body()));
  }

  private JsonNode awaitLatestDeployment(String job, String what, Predicate<JsonNode> done) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      Reply r = call("GET", "/v1/job/" + job + "/deployment", null);
      if (r.status() == 200 && r.body() != null && !r.body().isNull() && done.test(r.body())) {
        return r.body();
      }
      assertThat(System.nanoTime() - deadline).as("timed out waiting until " + what + "; last: " + r.body()).isNegative();
      Thread.sleep(100);
    }
  }

  private static JsonNode app(JsonNode deployment) {
    return deployment.get("TaskGroups").get("app");
  }

  @Test
  void aCanaryUpdateIsPromotedThroughTheApiAndRollsOut() throws Exception {
    assertThat(call("PUT", "/v1/jobs", job("promo", "v0")).status()).isEqualTo(200);
    awaitLatestDeployment("promo", "v0 deployed", d -> d.get("Status").asText().equals("successful"));
    assertThat(call("GET", "/v1/job/promo", null).body().get("Stable").asBoolean()).isTrue();

    assertThat(call("PUT", "/v1/jobs", job("promo", "v1")).status()).isEqualTo(200);
    JsonNode canarying = awaitLatestDeployment("promo", "v1's canary placed", d -> d.get("JobVersion").asLong() == 1
        && app(d).get("PlacedCanaries").size() == 1);
    String id = canarying.get("ID").asText();
    assertThat(canarying.get("StatusDescription").asText()).isEqualTo("Deployment is running but requires manual promotion");

    // bad input, named in the answer
    Reply mismatch = call("PUT", "/v1/deployment/promote/" + id, "{\"DeploymentID\": \"other\", \"All\": true}");
    assertThat(mismatch.status()).isEqualTo(400);
    assertThat(mismatch.body().get("Error").asText()).contains("does not match");
    assertThat(call("PUT", "/v1/deployment/promote/" + id, "{\"All\": false, \"Groups\": []}").status()).isEqualTo(400);
    Reply unknownGroup = call("PUT", "/v1/deployment/promote/" + id, "{\"Groups\": [\"db\"]}");
    assertThat(unknownGroup.status()).isEqualTo(400);
    assertThat(unknownGroup.body().get("Error").asText()).contains("no task group \"db\"");
    assertThat(call("PUT", "/v1/deployment/promote/" + id, "{\"All\": tru").status()).isEqualTo(400);
    assertThat(call("PUT", "/v1/deployment/promote/no-such-deployment", "{\"All\": true}").status()).isEqualTo(404);
    assertThat(call("GET", "/v1/deployment/promote/" + id, null).status()).isEqualTo(405);

    awaitLatestDeployment("promo", "the canary is healthy", d -> app(d).get("HealthyAllocs").asInt() == 1);
    Reply promoted = call("PUT", "/v1/deployment/promote/" + id, "{\"DeploymentID\": \"" + id + "\", \"All\": true}");
    assertThat(promoted.status()).as(String.valueOf(promoted.body())).isEqualTo(200);
    assertThat(promoted.body().get("EvalID").asText()).isNotEmpty();
    assertThat(promoted.body().get("DeploymentModifyIndex").asLong()).isPositive();

    JsonNode done = awaitLatestDeployment("promo", "v1 deployed", d -> d.get("Status").asText().equals("successful"));
    assertThat(done.get("ID").asText()).isEqualTo(id);
    assertThat(app(done).get("Promoted").asBoolean()).isTrue();
    assertThat(app(done).get("HealthyAllocs").asInt()).isEqualTo(2);
    JsonNode job = call("GET", "/v1/job/promo", null).body();
    assertThat(job.get("Version").asLong()).isEqualTo(1);
    assertThat(job.get("Stable").asBoolean()).isTrue();

    JsonNode allocs = call("GET", "/v1/deployment/allocations/" + id, null).body();
    assertThat(allocs).hasSize(2);
    assertThat(call("GET", "/v1/job/promo/deployments", null).body()).hasSize(2);
    Reply failDone = call("PUT", "/v1/deployment/fail/" + id, "");
    assertThat(failDone.status()).isEqualTo(400);
    assertThat(failDone.body().get("Error").asText()).contains("it is successful");
  }

  @Test
  void aRunningDeploymentCanBeFailedAndPausedThroughTheApi() throws Exception {
    assertThat(call("PUT", "/v1/jobs", job("failing", "v0")).status()).isEqualTo(200);
    awaitLatestDeployment("failing", "v0 deployed", d -> d.get("Status").asText().equals("successful"));
    assertThat(call("PUT", "/v1/jobs", job("failing", "v1")).status()).isEqualTo(200);
    String id = awaitLatestDeployment("failing", "v1 running", d -> d.get("JobVersion").asLong() == 1).get("ID").asText();

    assertThat(call("PUT", "/v1/deployment/pause/" + id, "{\"Pause\": \"yes\"}").status()).isEqualTo(400);
    assertThat(call("PUT", "/v1/deployment/pause/" + id, "{\"Pause\": true}").status()).isEqualTo(200);
    assertThat(call("GET", "/v1/deployment/" + id, null).body().get("Status").asText()).isEqualTo("paused");
    Reply resumed = call("PUT", "/v1/deployment/pause/" + id, "{\"Pause\": false}");
    assertThat(resumed.body().get("EvalID").asText()).isNotEmpty();

    Reply failed = call("PUT", "/v1/deployment/fail/" + id, "{}");
    assertThat(failed.status()).as(String.valueOf(failed.body())).isEqualTo(200);
    JsonNode d = call("GET", "/v1/deployment/" + id, null).body();
    assertThat(d.get("Status").asText()).isEqualTo("failed");
    assertThat(d.get("StatusDescription").asText()).isEqualTo("Deployment marked as failed");
  }
}
