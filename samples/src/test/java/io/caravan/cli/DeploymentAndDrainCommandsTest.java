package io.caravan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.agent.Agent;
import io.caravan.agent.AgentConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code caravan deployment status / promote / fail} and {@code caravan node drain} against a dev
 * agent in this JVM (shared by the tests; the drain runs last), whose client runs the mock driver and
 * reports allocation health.
 */
@Timeout(120)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeploymentAndDrainCommandsTest {
  private static final ObjectMapper M = new ObjectMapper();
  private static Agent agent;
  private static String address;

  record Run(int code, String out, String err) {}

  @BeforeAll
  static void startAgent() {
    agent = Agent.start(AgentConfig.devAgent().withHttpPort(0));
    address = agent.httpUrl().orElseThrow();
  }

  @AfterAll
  static void stopAgent() {
    agent.close();
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = CaravanMain.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  private static Path job(Path dir, String id, String version, int canaries) throws Exception {
    Path file = dir.resolve(id + "-" + version + ".nomad.hcl");
    Files.writeString(file, """
        job "%s" {
          datacenters = ["*"]
          group "web" {
            count = 2
            update {
              max_parallel      = 1
              canary            = %d
              min_healthy_time  = "1s"
              healthy_deadline  = "30s"
              progress_deadline = "1m"
            }
            task "t" {
              driver = "mock_driver"
              config {
                run_for = "10m"
              }
              env {
                VERSION = "%s"
              }
              resources {
                cpu    = 50
                memory = 32
              }
            }
          }
        }
        """.formatted(id, canaries, version));
    return file;
  }

  private JsonNode awaitLatest(String job, String what, Predicate<JsonNode> done) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      Run list = run("deployment", "status", "-json", "-address", address);
      JsonNode all = list.code() == 0 ? M.readTree(list.out()) : M.createArrayNode();
      JsonNode latest = null;
      for (JsonNode d : all) {
        if (!d.get("JobID").asText().equals(job)) {
          continue;
        }
        if (latest == null || d.get("CreateIndex").asLong() > latest.get("CreateIndex").asLong()) {
          latest = d;
        }
      }
      if (latest != null && done.test(latest)) {
        return latest;
      }
      assertThat(System.nanoTime() - deadline).as("timed out waiting until " + what + "; last: " + latest).isNegative();
      Thread.sleep(200);
    }
  }

  @Test
  @Order(1)
  void deploymentStatusAndPromoteFollowACanaryUpdate(@TempDir Path dir) throws Exception {
    assertThat(run("job", "run", "-detach", "-address", address, job(dir, "promo", "v0", 1).toString()).code()).isZero();
    awaitLatest("promo", "v0 deployed", d -> d.get("Status").asText().equals("successful"));

    assertThat(run("job", "run", "-detach", "-address", address, job(dir, "promo", "v1", 1).toString()).code()).isZero();
    JsonNode d = awaitLatest("promo", "v1's canary healthy", x -> x.get("JobVersion").asLong() == 1
        && x.get("TaskGroups").get("web").get("HealthyAllocs").asInt() == 1);
    String id = d.get("ID").asText();

    Run list = run("deployment", "status", "-address", address);
    assertThat(list.code()).isZero();
    assertThat(list.out()).contains("Job ID").contains("promo").contains(id.substring(0, 8)).contains("successful")
        .contains("running");
    Run one = run("deployment", "status", "-address", address, id.substring(0, 8));
    assertThat(one.code()).as(one.err()).isZero();
    assertThat(one.out()).contains("requires manual promotion").containsPattern("web\\s+false\\s+2\\s+1\\s+1\\s+1\\s+0");

    Run badGroup = run("deployment", "promote", "-address", address, "-group", "db", id);
    assertThat(badGroup.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(badGroup.err()).contains("no task group \"db\"");
    Run promote = run("deployment", "promote", "-address", address, id);
    assertThat(promote.code()).as(promote.err()).isZero();
    assertThat(promote.out()).contains("Deployment \"" + id + "\" promoted").contains("evaluation");

    JsonNode done = awaitLatest("promo", "v1 deployed", x -> x.get("Status").asText().equals("successful"));
    assertThat(done.get("ID").asText()).isEqualTo(id);
    Run again = run("deployment", "promote", "-address", address, id);
    assertThat(again.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(again.err()).contains("it is successful");
    assertThat(run("deployment", "promote", "-address", address, "ffffffff").code()).isEqualTo(ExitCodes.ERROR);
  }

  @Test
  @Order(2)
  void deploymentFailRevertsToTheStableVersion(@TempDir Path dir) throws Exception {
    Path v0 = dir.resolve("revert-v0.hcl");
    Files.writeString(v0, Files.readString(job(dir, "revert", "v0", 1)).replace("canary            = 1",
        "canary            = 1\n      auto_revert       = true"));
    assertThat(run("job", "run", "-detach", "-address", address, v0.toString()).code()).isZero();
    awaitLatest("revert", "v0 deployed", d -> d.get("Status").asText().equals("successful"));
    Path v1 = dir.resolve("revert-v1.hcl");
    Files.writeString(v1, Files.readString(v0).replace("\"v0\"", "\"v1\""));
    assertThat(run("job", "run", "-detach", "-address", address, v1.toString()).code()).isZero();
    String id = awaitLatest("revert", "v1 running", x -> x.get("JobVersion").asLong() == 1).get("ID").asText();

    Run fail = run("deployment", "fail", "-address", address, id);
    assertThat(fail.code()).as(fail.err()).isZero();
    assertThat(fail.out()).contains("marked as failed").contains("rolling back to job version 0");
    Run job = run("job", "status", "-json", "-address", address, "revert");
    assertThat(M.readTree(job.out()).get("Version").asLong()).isEqualTo(2);
  }

  @Test
  @Order(3)
  void nodeDrainDrivesTheDrainerToCompletionAndDisableMakesTheNodeEligible(@TempDir Path dir) throws Exception {
    assertThat(run("job", "run", "-detach", "-address", address, job(dir, "drained", "v0", 0).toString()).code()).isZero();
    awaitLatest("drained", "v0 deployed", d -> d.get("Status").asText().equals("successful"));
    JsonNode nodes = M.readTree(run("node", "status", "-json", "-address", address).out());
    String node = nodes.get(0).get("ID").asText();

    // the dev agent has one node, so nothing can migrate: -force marks everything at once
    Run drain = run("node", "drain", "-enable", "-force", "-yes", "-monitor", "-address", address, node);
    assertThat(drain.code()).as(drain.err()).isZero();
    assertThat(drain.out()).contains("drain strategy set").contains("drain complete");
    JsonNode drained = M.readTree(run("node", "status", "-json", "-address", address, node).out());
    assertThat(drained.get("DrainStrategy").isNull()).isTrue();
    assertThat(drained.get("SchedulingEligibility").asText()).isEqualTo("ineligible");
    java.net.http.HttpResponse<String> allocs = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(address + "/v1/job/drained/allocations")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(M.readTree(allocs.body())).hasSize(2)
        .allSatisfy(a -> assertThat(a.get("DesiredStatus").asText()).isEqualTo("stop"));

    assertThat(run("node", "drain", "-enable", "-force", "-no-deadline", "-yes", "-address", address, node).code())
        .isEqualTo(ExitCodes.USAGE);
    Run disable = run("node", "drain", "-disable", "-yes", "-address", address, node);
    assertThat(disable.code()).as(disable.err()).isZero();
    JsonNode after = M.readTree(run("node", "status", "-json", "-address", address, node).out());
    assertThat(after.get("SchedulingEligibility").asText()).isEqualTo("eligible");
  }
}
