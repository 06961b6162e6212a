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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands that talk to a running agent, against a dev agent in this JVM. */
class AgentCommandsTest {
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

  private static String sample(String name) {
    return JobCommandsTest.sampleJobs().resolve(name).toString();
  }

  @Test
  void runsListsShowsAndStopsAJob() throws Exception {
    Run reg = run("job", "run", "-detach", "-address", address, sample("countdown-batch.nomad.hcl"));
    assertThat(reg.code()).as(reg.err()).isEqualTo(ExitCodes.OK);
    assertThat(reg.out()).contains("registered").contains("Evaluation ID: ");

    Run list = run("job", "status", "-address", address);
    assertThat(list.code()).as(list.err()).isZero();
    assertThat(list.out()).contains("ID").contains("countdown").contains("batch");

    Run one = run("job", "status", "-address", address, "countdown");
    assertThat(one.code()).as(one.err()).isZero();
    assertThat(one.out()).contains("Summary").contains("Task Group").contains("Allocations");

    Run json = run("job", "status", "-json", "-address", address, "countdown");
    JsonNode job = new ObjectMapper().readTree(json.out());
    assertThat(job.get("ID").asText()).isEqualTo("countdown");

    Run stop = run("job", "stop", "-address", address, "countdown");
    assertThat(stop.code()).as(stop.err()).isZero();
    assertThat(stop.out()).contains("stopped");
    Run purge = run("job", "stop", "-purge", "-address", address, "countdown");
    assertThat(purge.code()).isZero();
    assertThat(run("job", "status", "-address", address, "countdown").code()).isEqualTo(ExitCodes.ERROR);
  }

  @Test
  void unknownObjectsExitWithOne() {
    Run job = run("job", "status", "-address", address, "no-such-job");
    assertThat(job.code()).isEqualTo(ExitCodes.ERROR);
    assertThat(job.err()).contains("Error: job not found");
    assertThat(run("alloc", "status", "-address", address, "abcdef").code()).isEqualTo(ExitCodes.ERROR);
    assertThat(run("eval", "status", "-address", address, "abcdef").code()).isEqualTo(ExitCodes.ERROR);
    assertThat(run("deployment", "status", "-address", address, "abcdef").code()).isEqualTo(ExitCodes.ERROR);
    assertThat(run("job", "stop", "-address", address, "no-such-job").code()).isEqualTo(ExitCodes.ERROR);
  }

  @Test
  void invalidJobspecsAndUsageExitWithTwo(@TempDir Path tmp) throws Exception {
    Path bad = tmp.resolve("bad.nomad.hcl");
    Files.writeString(bad, "job \"x\" {\n  group \"g\" {\n    count = \n  }\n}\n");
    Run r = run("job", "run", "-address", address, bad.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("bad.nomad.hcl:3,");
    assertThat(run("node", "drain", "-address", address, "abc").code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run("node", "drain", "-enable", "-disable", "-address", address, "abc").code())
        .isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void anUnreachableAgentExitsWithOneAndSaysSo() {
    Run r = run("job", "status", "-address", "http://127.0.0.1:1");
    assertThat(r.code()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains("cannot reach the agent at http://127.0.0.1:1");
  }

  @Test
  void planShowsThePlacementsAndExitsOneForChanges() {
    Run plan = run("job", "plan", "-address", address, sample("hello-service.nomad.hcl"));
    assertThat(plan.code()).as(plan.out() + plan.err()).isEqualTo(1);
    assertThat(plan.out()).contains("Scheduler dry-run:").containsPattern("web\\s+1\\s+0")
        .contains("All tasks successfully allocated.");
    assertThat(run("job", "status", "-address", address, "hello-service").code()).isEqualTo(ExitCodes.ERROR);
    assertThat(run("job", "plan", "-address", "http://127.0.0.1:1", sample("hello-service.nomad.hcl")).code())
        .isEqualTo(JobPlanCommand.PLAN_ERROR);
  }

  @Test
  void forceLaunchesThePeriodicSample() {
    assertThat(run("job", "run", "-detach", "-address", address, sample("periodic-report.nomad.hcl")).code()).isZero();
    Run force = run("job", "periodic", "force", "-address", address, "periodic-report");
    assertThat(force.code()).as(force.err()).isZero();
    assertThat(force.out()).containsPattern("Evaluation ID = \\S+");
    Run notPeriodic = run("job", "periodic", "force", "-address", address, "nope");
    assertThat(notPeriodic.code()).isNotZero();
    assertThat(notPeriodic.err()).contains("job not found: nope");
  }

  @Test
  void savesAndRestoresTheClusterStateOfItsOwnAgent(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    // its own agent: a restore replaces the whole state, which the other tests' shared agent must keep
    try (Agent own = Agent.start(AgentConfig.devAgent().withHttpPort(0))) {
      String at = own.httpUrl().orElseThrow();
      assertThat(run("job", "run", "-detach", "-address", at, sample("periodic-report.nomad.hcl")).code()).isZero();
      java.nio.file.Path file = dir.resolve("state.snap");
      Run save = run("operator", "snapshot", "save", "-address", at, file.toString());
      assertThat(save.code()).as(save.err()).isZero();
      assertThat(save.out()).contains("State file written to " + file);
      assertThat(run("job", "run", "-detach", "-address", at, sample("parameterized-greet.nomad.hcl")).code()).isZero();

      Run restore = run("operator", "snapshot", "restore", "-address", at, file.toString());
      assertThat(restore.code()).as(restore.err()).isZero();
      assertThat(restore.out()).contains("Snapshot restored");
      assertThat(run("job", "status", "-address", at, "greet").code()).isEqualTo(ExitCodes.ERROR);
      assertThat(run("job", "status", "-address", at, "periodic-report").code()).isZero();
      Run missing = run("operator", "snapshot", "restore", "-address", at, dir.resolve("nope").toString());
      assertThat(missing.code()).isEqualTo(ExitCodes.USAGE);
    }
  }

  @Test
  void dispatchesTheParameterizedSample() {
    assertThat(run("job", "run", "-detach", "-address", address, sample("parameterized-greet.nomad.hcl")).code())
        .isZero();
    Run dispatch = run("job", "dispatch", "-address", address, "-meta", "name=caravan", "greet");
    assertThat(dispatch.code()).as(dispatch.err()).isZero();
    assertThat(dispatch.out()).contains("Dispatched Job ID = greet/dispatch-");
    Run missing = run("job", "dispatch", "-address", address, "greet");
    assertThat(missing.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(missing.err()).contains("requires meta key \"name\"");
    assertThat(run("job", "dispatch", "-address", address, "no-such-job").code()).isEqualTo(ExitCodes.ERROR);
  }

  @Test
  void showsDrainsAndMarksTheDevNode() {
    Run list = run("node", "status", "-address", address);
    assertThat(list.code()).as(list.err()).isZero();
    assertThat(list.out()).contains("ready").contains("eligible");
    String id = agent.client().orElseThrow().node().id();
    String prefix = id.substring(0, 8);

    Run one = run("node", "status", "-address", address, prefix);
    assertThat(one.code()).as(one.err()).isZero();
    assertThat(one.out()).contains(id).contains("raw_exec");

    assertThat(run("node", "eligibility", "-disable", "-address", address, prefix).code()).isZero();
    assertThat(run("node", "status", "-address", address, prefix).out()).contains("ineligible");
    assertThat(run("node", "eligibility", "-enable", "-address", address, prefix).code()).isZero();

    Run drain = run("node", "drain", "-enable", "-deadline", "10m", "-address", address, prefix);
    assertThat(drain.code()).as(drain.err()).isZero();
    // the node drainer may already have finished (nothing to migrate); either way the node is ineligible
    assertThat(run("node", "status", "-address", address, prefix).out()).containsPattern("Eligibility\\s+= ineligible");
    assertThat(run("node", "drain", "-disable", "-address", address, prefix).code()).isZero();
    assertThat(run("node", "status", "-address", address, prefix).out()).containsPattern("Drain\\s+= false");
  }

  @Test
  void runsABatchJobToCompletionAndPrintsItsLogs(@TempDir Path tmp) throws Exception {
    Path spec = tmp.resolve("echo.nomad.hcl");
    Files.writeString(spec, """
        job "echo" {
          type        = "batch"
          datacenters = ["*"]
          group "g" {
            restart {
              attempts = 0
              mode     = "fail"
            }
            task "say" {
              driver = "raw_exec"
              config {
                command = "/bin/sh"
                args    = ["-c", "echo hello-out; echo hello-err >&2"]
              }
              resources {
                cpu    = 20
                memory = 16
              }
            }
          }
        }
        """);
    Run r = run("job", "run", "-address", address, spec.toString());
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).contains("Allocation \"").contains("finished with status \"complete\"");
    String allocId = agent.server().orElseThrow().allocationsOfJob("default", "echo").get(0).id();

    // -f follows until the allocation is terminal, so it returns once the task has exited
    Run out = run("alloc", "logs", "-f", "-address", address, allocId.substring(0, 8));
    assertThat(out.code()).as(out.err()).isZero();
    assertThat(out.out()).isEqualTo("hello-out\n");
    Run err = run("alloc", "logs", "-stderr", "-f", "-address", address, allocId, "say");
    assertThat(err.out()).isEqualTo("hello-err\n");
    Run tail = run("alloc", "logs", "-tail", "-n", "4", "-f", "-address", address, allocId);
    assertThat(tail.out()).isEqualTo("out\n");
    assertThat(run("alloc", "logs", "-address", address, allocId, "nope").code()).isEqualTo(ExitCodes.ERROR);
    java.net.http.HttpResponse<String> framed = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(address + "/v1/client/fs/logs/" + allocId
            + "?task=say&type=stdout")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    JsonNode frame = new ObjectMapper().readTree(framed.body());
    assertThat(new String(java.util.Base64.getDecoder().decode(frame.get("Data").asText()))).isEqualTo("hello-out\n");
    assertThat(frame.get("File").asText()).isEqualTo("alloc/logs/say.stdout.0");
    assertThat(frame.get("Offset").asLong()).isEqualTo(10);
    Run status = run("alloc", "status", "-address", address, allocId);
    assertThat(status.out()).contains("Task \"say\" is \"dead\"");
  }

  @Test
  void listsTheServerMembers() {
    Run r = run("server", "members", "-address", address);
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("alive").contains("true");
  }
}
