package io.caravan.agent.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.state.config.ServerConfig;
import io.caravan.state.server.CaravanServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code PUT /v1/job/:id/plan} with {@code "Diff": true}, through a real HTTP client. */
class PlanDiffHttpTest {
  private static final ObjectMapper M = new ObjectMapper();
  private static final String JOB = """
      {"Job": {"ID": "web", "Name": "web", "Type": "service", "Datacenters": ["dc1"],
        "TaskGroups": [{"Name": "app", "Count": 2, "Tasks": [{"Name": "server", "Driver": "raw_exec",
          "Config": {"command": "/bin/sleep", "args": ["60"]}, "Resources": {"CPU": 100, "MemoryMB": 64}}]}]}%s}
      """;

  private CaravanServer server;
  private HttpApiServer api;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    server = CaravanServer.builder(ServerConfig.load()).name("s0").start();
    api = HttpApiServer.builder(server).address(new InetSocketAddress("127.0.0.1", 0))
        .clientTransport(server.clientTransport()).cluster(ClusterView.single("s0", "127.0.0.1", 4647)).start();
  }

  @AfterEach
  void stop() {
    api.close();
    server.close();
  }

  private HttpResponse<String> put(String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(api.url() + path)).timeout(Duration.ofSeconds(30))
        .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode plan(String job, String diffFlag) throws Exception {
    HttpResponse<String> r = put("/v1/job/web/plan", String.format(job, diffFlag));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return M.readTree(r.body());
  }

  @Test
  void planWithDiffReturnsTheAnnotatedJobDiffInNomadsShape() throws Exception {
    assertThat(put("/v1/jobs", String.format(JOB, "")).statusCode()).isEqualTo(200);
    String changed = JOB.replace("\"Count\": 2", "\"Count\": 3").replace("\"60\"", "\"120\"");

    JsonNode diff = plan(changed, ", \"Diff\": true").get("Diff");

    assertThat(diff.get("Type").asText()).isEqualTo("Edited");
    assertThat(diff.get("ID").asText()).isEqualTo("web");
    JsonNode group = diff.get("TaskGroups").get(0);
    assertThat(group.get("Name").asText()).isEqualTo("app");
    assertThat(group.get("Type").asText()).isEqualTo("Edited");
    JsonNode count = group.get("Fields").get(0);
    assertThat(count.get("Name").asText()).isEqualTo("Count");
    assertThat(count.get("Old").asText()).isEqualTo("2");
    assertThat(count.get("New").asText()).isEqualTo("3");
    assertThat(count.get("Annotations").get(0).asText()).isEqualTo("forces create");
    JsonNode task = group.get("Tasks").get(0);
    assertThat(task.get("Name").asText()).isEqualTo("server");
    assertThat(task.get("Annotations").get(0).asText()).isEqualTo("forces create/destroy update");
    JsonNode config = task.get("Objects").get(0);
    assertThat(config.get("Name").asText()).isEqualTo("Config");
    assertThat(config.get("Fields")).anySatisfy(f -> {
      assertThat(f.get("Name").asText()).isEqualTo("args[0]");
      assertThat(f.get("Type").asText()).isEqualTo("Edited");
      assertThat(f.get("Old").asText()).isEqualTo("60");
      assertThat(f.get("New").asText()).isEqualTo("120");
    });
    // no node joined this server: nothing is placed, and the scheduler's counts say so
    assertThat(group.get("Updates").isObject()).isTrue();
  }

  @Test
  void planOfANewJobIsAnAddedDiff() throws Exception {
    JsonNode diff = plan(JOB, ", \"Diff\": true").get("Diff");

    assertThat(diff.get("Type").asText()).isEqualTo("Added");
    assertThat(diff.get("TaskGroups").get(0).get("Type").asText()).isEqualTo("Added");
    assertThat(diff.get("TaskGroups").get(0).get("Tasks").get(0).get("Annotations").get(0).asText())
        .isEqualTo("forces create");
  }

  @Test
  void planWithoutDiffAnswersNullDiffAndABadFlagIs400() throws Exception {
    assertThat(plan(JOB, "").get("Diff").isNull()).isTrue();
    assertThat(plan(JOB, ", \"Diff\": false").get("Diff").isNull()).isTrue();

    HttpResponse<String> bad = put("/v1/job/web/plan", String.format(JOB, ", \"Diff\": \"yes\""));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("Diff must be a boolean");
  }
}
