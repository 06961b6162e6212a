package io.caravan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.agent.Agent;
import io.caravan.agent.AgentConfig;
import io.caravan.cli.AgentCommandsTest.Run;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code caravan job plan} against a dev agent in this JVM: the diff, the dry run and the exit codes. The
 * job is a batch job so that a changed task is replaced at once (a service's rolling update holds the
 * replacement back while the first allocation is not yet healthy).
 */
class JobPlanCommandTest {
  private static final String JOB = """
      job "plandiff" {
        type        = "batch"
        datacenters = ["*"]
        group "cache" {
          count = %d
          task "redis" {
            driver = "raw_exec"
            config {
              command = "/bin/sleep"
              args    = ["%s"]
            }
            resources {
              cpu    = 50
              memory = 32
            }
          }
        }
      }
      """;

  private static Agent agent;
  private static String address;

  @TempDir Path dir;

  @BeforeAll
  static void startAgent() {
    agent = Agent.start(AgentConfig.devAgent().withHttpPort(0));
    address = agent.httpUrl().orElseThrow();
  }

  @AfterAll
  static void stopAgent() {
    agent.close();
  }

  private String file(String name, int count, String seconds) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, String.format(JOB, count, seconds));
    return f.toString();
  }

  private static JsonNode allocations(String job) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(address + "/v1/job/" + job + "/allocations")).build(), HttpResponse.BodyHandlers.ofString());
    return new ObjectMapper().readTree(r.body());
  }

  @Test
  void plansANewJobThenAChangeWithNomadsDiffLinesAndExitCodes() throws Exception {
    String v1 = file("v1.hcl", 1, "300");
    Run fresh = AgentCommandsTest.run("job", "plan", "-address", address, v1);
    assertThat(fresh.code()).as(fresh.out() + fresh.err()).isEqualTo(1);
    assertThat(fresh.out()).startsWith("""
        + Job: "plandiff"
        + Task Group: "cache" (1 create)
          + Task: "redis" (forces create)

        Scheduler dry-run:
        - All tasks successfully allocated.
        """);

    assertThat(AgentCommandsTest.run("job", "run", "-detach", "-address", address, v1).code()).isZero();
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (allocations("plandiff").isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(allocations("plandiff")).as("the registered job is placed").isNotEmpty();

    Run same = AgentCommandsTest.run("job", "plan", "-address", address, v1);
    assertThat(same.code()).as(same.out() + same.err()).isZero();
    assertThat(same.out()).startsWith("""
        Job: "plandiff"
        Task Group: "cache" (1 ignore)
          Task: "redis"
        """);

    Run changed = AgentCommandsTest.run("job", "plan", "-address", address, file("v2.hcl", 2, "301"));
    assertThat(changed.code()).as(changed.out() + changed.err()).isEqualTo(1);
    assertThat(changed.out()).startsWith("""
        +/- Job: "plandiff"
        +/- Task Group: "cache" (1 create, 1 create/destroy update)
          +/- Count: "1" => "2" (forces create)
          +/- Task: "redis" (forces create/destroy update)
            +/- Config {
              +/- args[0]: "300" => "301"
                  command: "/bin/sleep"
                }

        Scheduler dry-run:
        - All tasks successfully allocated.
        """);
    assertThat(changed.out()).containsPattern("cache\\s+1\\s+0\\s+0\\s+1").contains("Job Modify Index: ");

    Run noDiff = AgentCommandsTest.run("job", "plan", "-diff=false", "-address", address, file("v3.hcl", 2, "301"));
    assertThat(noDiff.out()).startsWith("Scheduler dry-run:").doesNotContain("Task Group: \"cache\"");
    assertThat(noDiff.code()).isEqualTo(1);

    Run json = AgentCommandsTest.run("job", "plan", "-json", "-address", address, file("v4.hcl", 2, "301"));
    JsonNode r = new ObjectMapper().readTree(json.out());
    assertThat(r.get("Diff").get("Type").asText()).isEqualTo("Edited");
    assertThat(r.get("Diff").get("TaskGroups").get(0).get("Updates").get("create/destroy update").asInt()).isEqualTo(1);
    assertThat(json.code()).isEqualTo(1);
  }

  @Test
  void explainsAPlacementThatWouldFail() throws Exception {
    Path f = dir.resolve("huge.hcl");
    Files.writeString(f, String.format(JOB, 1, "300").replace("plandiff", "huge").replace("memory = 32", "memory = 100000000"));

    Run plan = AgentCommandsTest.run("job", "plan", "-address", address, f.toString());

    assertThat(plan.code()).as(plan.out() + plan.err()).isEqualTo(1);
    assertThat(plan.out()).contains("""
        - WARNING: Failed to place all allocations.
          Task Group "cache" (failed to place 1 allocation):
        """).contains("    * Dimension \"memory\" exhausted on 1 nodes");
  }

  @Test
  void helpDescribesTheDiffAndTheExitCodes() {
    Run help = AgentCommandsTest.run("job", "plan", "--help");
    assertThat(help.out()).contains("forces create/destroy update").contains("-verbose").contains("-diff")
        .contains("Exit 0: no allocations created or destroyed, 1: some would be, 255: error.");
  }
}
