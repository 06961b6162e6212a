package io.caravan.agent.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.NodeStatus;
import io.caravan.state.config.ServerConfig;
import io.caravan.state.server.CaravanServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP API against a running in-process server, through a real HTTP client on a loopback port. */
class HttpApiServerTest {
  private static final ObjectMapper M = new ObjectMapper();
  private static final String JOB = """
      {"Job": {"ID": "web", "Name": "web", "Type": "service", "Datacenters": ["dc1"],
        "TaskGroups": [{"Name": "app", "Count": 2, "Tasks": [{"Name": "server", "Driver": "raw_exec",
          "Config": {"command": "/bin/sleep", "args": ["60"]}, "Resources": {"CPU": 100, "MemoryMB": 64}}]}]}}
      """;

  private CaravanServer server;
  private HttpApiServer api;
  private final HttpClient http = HttpClient.newHttpClient();

  record Reply(int status, JsonNode body, HttpResponse<String> raw) {
    long index() {
      return Long.parseLong(raw.headers().firstValue("X-Nomad-Index").orElse("0"));
    }
  }

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

  private Reply call(String method, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.url() + path)).timeout(Duration.ofSeconds(30));
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.body().isEmpty() ? null : M.readTree(r.body()), r);
  }

  private Reply get(String path) throws Exception {
    return call("GET", path, null);
  }

  @Test
  void registersReadsListsAndStopsAJob() throws Exception {
    Reply reg = call("PUT", "/v1/jobs", JOB);
    assertThat(reg.status()).as(String.valueOf(reg.body())).isEqualTo(200);
    assertThat(reg.body().get("EvalID").asText()).isNotEmpty();
    long modify = reg.body().get("JobModifyIndex").asLong();
    assertThat(modify).isPositive();
    assertThat(reg.body().get("EvalCreateIndex").asLong()).isEqualTo(modify);
    assertThat(reg.index()).isEqualTo(modify);

    Reply job = get("/v1/job/web");
    assertThat(job.status()).isEqualTo(200);
    assertThat(job.body().get("ID").asText()).isEqualTo("web");
    assertThat(job.body().get("Namespace").asText()).isEqualTo("default");
    assertThat(job.body().get("Status").asText()).isEqualTo("pending");
    assertThat(job.raw().headers().firstValue("X-Nomad-KnownLeader")).contains("true");

    Reply list = get("/v1/jobs");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body()).hasSize(1);
    JsonNode stub = list.body().get(0);
    assertThat(stub.get("ID").asText()).isEqualTo("web");
    assertThat(stub.get("Type").asText()).isEqualTo("service");
    assertThat(stub.get("JobModifyIndex").asLong()).isEqualTo(modify);
    assertThat(stub.get("JobSummary").get("Summary").get("app").get("Running").asInt()).isZero();
    assertThat(list.index()).isGreaterThanOrEqualTo(modify);

    Reply evals = get("/v1/job/web/evaluations");
    // The register evaluation and, once the service scheduler has run it on this node-less
    // server, the blocked evaluation it creates for the unplaced allocation.
    assertThat(evals.body()).anySatisfy(e -> {
      assertThat(e.get("ID").asText()).isEqualTo(reg.body().get("EvalID").asText());
      assertThat(e.get("TriggeredBy").asText()).isEqualTo("job-register");
    });
    assertThat(evals.body()).allSatisfy(e -> assertThat(e.get("JobID").asText()).isEqualTo("web"));
    Reply eval = get("/v1/evaluation/" + reg.body().get("EvalID").asText());
    assertThat(eval.status()).isEqualTo(200);
    assertThat(eval.body().get("JobID").asText()).isEqualTo("web");

    Reply stop = call("DELETE", "/v1/job/web", null);
    assertThat(stop.status()).isEqualTo(200);
    assertThat(stop.body().get("EvalID").asText()).isNotEmpty();
    assertThat(get("/v1/job/web").body().get("Stop").asBoolean()).isTrue();

    Reply purge = call("DELETE", "/v1/job/web?purge=true", null);
    assertThat(purge.status()).isEqualTo(200);
    assertThat(get("/v1/job/web").status()).isEqualTo(404);
    assertThat(get("/v1/jobs").body()).isEmpty();
  }

  @Test
  void blockingQueryReturnsWhenTheIndexMoves() throws Exception {
    assertThat(call("PUT", "/v1/jobs", JOB.replace("\"web\"", "\"first\"")).status()).isEqualTo(200);
    long before = get("/v1/jobs").index();
    HttpRequest blocking = HttpRequest.newBuilder(URI.create(api.url() + "/v1/jobs?index=" + before + "&wait=30s"))
        .timeout(Duration.ofSeconds(60)).GET().build();
    CompletableFuture<HttpResponse<String>> pending = http.sendAsync(blocking, HttpResponse.BodyHandlers.ofString());
    assertThat(call("PUT", "/v1/jobs", JOB).status()).isEqualTo(200);
    long started = System.nanoTime();
    HttpResponse<String> r = pending.get();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(Long.parseLong(r.headers().firstValue("X-Nomad-Index").orElseThrow())).isGreaterThan(before);
    assertThat(M.readTree(r.body()).findValuesAsText("ID")).containsExactly("first", "web");
  }

  @Test
  void blockingQueryTimesOutWithTheSameIndex() throws Exception {
    call("PUT", "/v1/jobs", JOB);
    Reply first = get("/v1/job/web");
    long started = System.nanoTime();
    Reply again = get("/v1/job/web?index=" + first.index() + "&wait=300ms");
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.index()).isEqualTo(first.index());
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void malformedJsonIs400() throws Exception {
    Reply r = call("PUT", "/v1/jobs", "{\"Job\": {\"ID\": ");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body().get("Error").asText()).contains("malformed JSON");
    Reply noJob = call("PUT", "/v1/jobs", "{\"ID\": \"x\"}");
    assertThat(noJob.status()).isEqualTo(400);
    assertThat(noJob.body().get("Error").asText()).contains("Job must be specified");
    Reply wrongType = call("PUT", "/v1/jobs", "{\"Job\": {\"ID\": \"x\", \"Priority\": \"high\"}}");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.body().get("Error").asText()).contains("Priority");
  }

  @Test
  void unknownObjectsAre404() throws Exception {
    Reply job = get("/v1/job/nope");
    assertThat(job.status()).isEqualTo(404);
    assertThat(job.body().get("Error").asText()).contains("job not found").contains("nope");
    assertThat(call("DELETE", "/v1/job/nope", null).status()).isEqualTo(404);
    assertThat(get("/v1/allocation/0000").status()).isEqualTo(404);
    assertThat(get("/v1/evaluation/0000").status()).isEqualTo(404);
    assertThat(get("/v1/node/0000").status()).isEqualTo(404);
    assertThat(get("/v1/client/fs/logs/0000?task=x&type=stdout").status()).isEqualTo(404);
    assertThat(get("/v1/nothing").status()).isEqualTo(404);
  }

  @Test
  void invalidJobspecIs400WithTheDiagnostics() throws Exception {
    ObjectNode body = M.createObjectNode();
    body.put("JobHCL", "job \"x\" {\n  group \"g\" {\n    count = \n  }\n}\n");
    Reply r = call("PUT", "/v1/jobs/parse", M.writeValueAsString(body));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body().get("Error").asText()).contains("invalid jobspec");
    assertThat(r.body().get("Diagnostics")).isNotEmpty();
    assertThat(r.body().get("Diagnostics").get(0).asText()).startsWith("input.hcl:3,");
  }

  @Test
  void parsesHclToApiJsonWithVariablesAndDefaults() throws Exception {
    ObjectNode body = M.createObjectNode();
    body.put("JobHCL", """
        variable "n" { type = number }
        job "p" {
          group "g" {
            count = var.n
            task "t" {
              driver = "raw_exec"
              config { command = "/bin/true" }
            }
          }
        }
        """);
    body.put("Variables", "n = 3\n");
    body.put("Canonicalize", true);
    Reply r = call("POST", "/v1/jobs/parse", M.writeValueAsString(body));
    assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
    assertThat(r.body().get("ID").asText()).isEqualTo("p");
    assertThat(r.body().get("TaskGroups").get(0).get("Count").asInt()).isEqualTo(3);
    assertThat(r.body().get("Region").asText()).isEqualTo("global");
  }

  @Test
  void invalidJobIs400WithTheProblems() throws Exception {
    Reply r = call("PUT", "/v1/jobs", "{\"Job\": {\"ID\": \"bad\", \"Type\": \"service\", \"TaskGroups\": []}}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body().get("Diagnostics")).isNotEmpty();
    Reply mismatch = call("POST", "/v1/job/other", JOB);
    assertThat(mismatch.status()).isEqualTo(400);
    assertThat(mismatch.body().get("Error").asText()).contains("does not match");
  }

  @Test
  void wrongMethodIs405() throws Exception {
    Reply r = call("DELETE", "/v1/jobs", null);
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.raw().headers().firstValue("Allow")).isPresent();
    assertThat(call("POST", "/v1/nodes", "{}").status()).isEqualTo(405);
  }

  @Test
  void planDryRunsWithoutWriting() throws Exception {
    long before = server.snapshot().latestIndex();
    Reply plan = call("PUT", "/v1/job/web/plan", JOB);
    assertThat(plan.status()).as(String.valueOf(plan.body())).isEqualTo(200);
    assertThat(plan.body().get("JobModifyIndex").asLong()).isZero();
    // no node on this server: the group cannot be placed
    assertThat(plan.body().get("FailedTGAllocs").has("app")).isTrue();
    assertThat(server.snapshot().latestIndex()).isEqualTo(before);
    assertThat(get("/v1/job/web").status()).isEqualTo(404);
    assertThat(call("PUT", "/v1/job/other/plan", JOB).status()).isEqualTo(400);
  }

  @Test
  void dispatchesAParameterizedJob() throws Exception {
    String parameterized = JOB.replace("\"Type\": \"service\"", "\"Type\": \"batch\", \"ParameterizedJob\": "
        + "{\"Payload\": \"optional\", \"MetaRequired\": [\"name\"]}");
    assertThat(call("PUT", "/v1/jobs", parameterized).status()).isEqualTo(200);
    Reply d = call("PUT", "/v1/job/web/dispatch", "{\"Payload\": \"aGk=\", \"Meta\": {\"name\": \"x\"}}");
    assertThat(d.status()).as(String.valueOf(d.body())).isEqualTo(200);
    String child = d.body().get("DispatchedJobID").asText();
    assertThat(child).startsWith("web/dispatch-");
    assertThat(d.body().get("EvalID").asText()).isNotEmpty();
    Reply childJob = get("/v1/job/" + java.net.URLEncoder.encode(child, java.nio.charset.StandardCharsets.UTF_8));
    assertThat(childJob.status()).isEqualTo(200);
    assertThat(childJob.body().get("ParentID").asText()).isEqualTo("web");
    assertThat(childJob.body().get("Meta").get("name").asText()).isEqualTo("x");
    Reply missingMeta = call("PUT", "/v1/job/web/dispatch", "{}");
    assertThat(missingMeta.status()).isEqualTo(400);
    assertThat(missingMeta.body().get("Error").asText()).contains("name");
    assertThat(call("PUT", "/v1/job/web/dispatch", "{\"Payload\": \"%%%\"}").status()).isEqualTo(400);
    assertThat(call("PUT", "/v1/job/nope/dispatch", "{}").status()).isEqualTo(404);
  }

  @Test
  void savesAndRestoresASnapshot() throws Exception {
    assertThat(call("PUT", "/v1/jobs", JOB).status()).isEqualTo(200);
    HttpResponse<byte[]> saved = http.send(HttpRequest.newBuilder(URI.create(api.url() + "/v1/operator/snapshot"))
        .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(saved.statusCode()).isEqualTo(200);
    assertThat(saved.headers().firstValue("Content-Type")).contains("application/octet-stream");
    assertThat(Long.parseLong(saved.headers().firstValue("X-Nomad-Index").orElseThrow())).isPositive();
    assertThat(call("PUT", "/v1/jobs", JOB.replace("\"ID\": \"web\"", "\"ID\": \"extra\"")).status())
        .isEqualTo(200);

    HttpResponse<String> restored = http.send(HttpRequest.newBuilder(URI.create(api.url() + "/v1/operator/snapshot"))
        .PUT(HttpRequest.BodyPublishers.ofByteArray(saved.body())).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(restored.statusCode()).as(restored.body()).isEqualTo(200);
    assertThat(get("/v1/job/extra").status()).isEqualTo(404);
    assertThat(get("/v1/job/web").status()).isEqualTo(200);
    Reply bad = call("PUT", "/v1/operator/snapshot", "not a snapshot");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().get("Error").asText()).contains("not a usable Caravan state snapshot");
  }

  @Test
  void forceLaunchesAPeriodicJob() throws Exception {
    String periodic = JOB.replace("\"Type\": \"service\"", "\"Type\": \"batch\", \"Periodic\": "
        + "{\"Spec\": \"@yearly\", \"ProhibitOverlap\": true}");
    assertThat(call("PUT", "/v1/jobs", periodic).status()).isEqualTo(200);
    Reply forced = call("PUT", "/v1/job/web/periodic/force", "");
    assertThat(forced.status()).as(String.valueOf(forced.body())).isEqualTo(200);
    String evalId = forced.body().get("EvalID").asText();
    String child = server.snapshot().evalById(evalId).orElseThrow().jobID();
    assertThat(child).startsWith("web/periodic-");
    Reply childJob = get("/v1/job/" + java.net.URLEncoder.encode(child, java.nio.charset.StandardCharsets.UTF_8));
    assertThat(childJob.body().get("ParentID").asText()).isEqualTo("web");
    assertThat(call("PUT", "/v1/job/nope/periodic/force", "").status()).isEqualTo(404);
    assertThat(call("GET", "/v1/job/web/periodic/force", null).status()).isEqualTo(405);
    assertThat(call("PUT", "/v1/jobs", JOB.replace("\"ID\": \"web\"", "\"ID\": \"svc\"")).status()).isEqualTo(200);
    Reply notPeriodic = call("PUT", "/v1/job/svc/periodic/force", "");
    assertThat(notPeriodic.status()).isEqualTo(400);
    assertThat(notPeriodic.body().get("Error").asText()).contains("not an active periodic job");
  }

  @Test
  void nodesCanBeListedDrainedAndMarkedIneligible() throws Exception {
    Node node = Node.builder().id("11111111-2222-3333-4444-555555555555").name("n1").datacenter("dc1")
        .nodeClass("").nodePool("default").status(NodeStatus.READY).schedulingEligibility(NodeStatus.ELIGIBLE)
        .build();
    server.registerNode(node);
    Reply list = get("/v1/nodes");
    assertThat(list.body()).hasSize(1);
    assertThat(list.body().get(0).get("Name").asText()).isEqualTo("n1");
    assertThat(list.body().get(0).get("Status").asText()).isEqualTo("ready");
    Reply one = get("/v1/node/" + node.id());
    assertThat(one.body().get("Datacenter").asText()).isEqualTo("dc1");

    Reply inel = call("PUT", "/v1/node/" + node.id() + "/eligibility",
        "{\"NodeID\": \"" + node.id() + "\", \"Eligibility\": \"ineligible\"}");
    assertThat(inel.status()).isEqualTo(200);
    assertThat(get("/v1/node/" + node.id()).body().get("SchedulingEligibility").asText()).isEqualTo("ineligible");
    assertThat(call("PUT", "/v1/node/" + node.id() + "/eligibility", "{\"Eligibility\": \"maybe\"}").status())
        .isEqualTo(400);

    Reply drain = call("PUT", "/v1/node/" + node.id() + "/drain",
        "{\"DrainSpec\": {\"Deadline\": 3600000000000, \"IgnoreSystemJobs\": false}, \"MarkEligible\": false}");
    assertThat(drain.status()).as(String.valueOf(drain.body())).isEqualTo(200);
    assertThat(drain.body().get("NodeModifyIndex").asLong()).isPositive();
    // the node runs nothing, so the node drainer finishes the drain at once; the node stays ineligible
    JsonNode drained = get("/v1/node/" + node.id()).body();
    for (int i = 0; i < 100 && drained.get("DrainStrategy").isObject(); i++) {
      drained = get("/v1/node/" + node.id() + "?index=" + drained.get("ModifyIndex").asLong() + "&wait=100ms").body();
    }
    assertThat(drained.get("DrainStrategy").isNull()).isTrue();
    assertThat(drained.get("SchedulingEligibility").asText()).isEqualTo("ineligible");
    assertThat(call("PUT", "/v1/node/" + node.id() + "/drain", "{\"DrainSpec\": null, \"MarkEligible\": true}")
        .status()).isEqualTo(200);
    assertThat(get("/v1/node/" + node.id()).body().get("DrainStrategy").isNull()).isTrue();
  }

  @Test
  void reportsTheLeaderAndMembers() throws Exception {
    Reply leader = get("/v1/status/leader");
    assertThat(leader.body().asText()).isEqualTo("127.0.0.1:4647");
    Reply members = get("/v1/agent/members");
    assertThat(members.body().get("ServerName").asText()).isEqualTo("s0");
    assertThat(members.body().get("Members").get(0).get("Status").asText()).isEqualTo("alive");
    assertThat(members.body().get("Members").get(0).get("Tags").get("leader").asText()).isEqualTo("true");
    assertThat(get("/v1/allocations").body()).isEmpty();
    assertThat(get("/v1/deployments").body()).isEmpty();
    assertThat(get("/v1/evaluations").body()).isEmpty();
  }

  @Test
  void servesTheClientTransportOnTheSamePort() throws Exception {
    Reply r = get("/v1/caravan/client/allocations?node=unknown");
    assertThat(r.status()).isEqualTo(404);
  }
}
