package io.caravan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobCommandsTest {

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = CaravanMain.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  static Path sampleJobs() {
    String root = System.getProperty("caravan.repo.root");
    Path base = root != null ? Paths.get(root) : Paths.get("").toAbsolutePath().getParent();
    return base.resolve("samples").resolve("jobs");
  }

  @Test
  void parsePrintsTheJobAsNomadApiJson() throws Exception {
    Run r = run("job", "parse", sampleJobs().resolve("hello-service.nomad.hcl").toString());
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    JsonNode job = new ObjectMapper().readTree(r.out()).get("Job");
    assertThat(job.get("ID").asText()).isEqualTo("hello-service");
    JsonNode task = job.get("TaskGroups").get(0).get("Tasks").get(0);
    assertThat(task.get("Driver").asText()).isEqualTo("raw_exec");
    assertThat(task.get("Config").get("args").get(2).asText()).isEqualTo("${NOMAD_PORT_http}");
    assertThat(task.get("Env").get("GREETING").asText()).isEqualTo("hello from caravan");
    assertThat(job.get("TaskGroups").get(0).get("Services").get(0).get("Checks").get(0).get("Interval").asLong())
        .isEqualTo(10_000_000_000L);
  }

  @Test
  void parseAppliesVarsAndCanonicalDefaults() throws Exception {
    Run r = run("job", "parse", "-canonical", "-var", "greeting=hi there",
        sampleJobs().resolve("hello-service.nomad.hcl").toString());
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    JsonNode job = new ObjectMapper().readTree(r.out()).get("Job");
    assertThat(job.get("TaskGroups").get(0).get("Tasks").get(0).get("Env").get("GREETING").asText()).isEqualTo("hi there");
    assertThat(job.get("Region").asText()).isEqualTo("global");
    assertThat(job.get("Namespace").asText()).isEqualTo("default");
  }

  @Test
  void parsesTheBatchSample() throws Exception {
    Run r = run("job", "parse", sampleJobs().resolve("countdown-batch.nomad.hcl").toString());
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    JsonNode job = new ObjectMapper().readTree(r.out()).get("Job");
    assertThat(job.get("Type").asText()).isEqualTo("batch");
    assertThat(job.get("TaskGroups").get(0).get("Tasks").get(0).get("Config").get("args").get(1).asText())
        .contains("seq 5 -1 1");
  }

  @Test
  void validateReportsNomadsLineWithSourceAndCaret(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.hcl");
    Files.writeString(bad, "job \"x\" {\n  group \"g\" {\n    task \"t\" {\n      driver = \"raw_exec\"\n      bogus  = 1\n    }\n  }\n}\n");
    Run r = run("job", "validate", bad.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(r.err()).contains(bad + ":5,7-12: Unsupported argument; An argument named \"bogus\" is not expected here.")
        .contains("      bogus  = 1\n")
        .contains("        ^~~~~\n");
  }

  @Test
  void parseAndValidateReadHclJsonSyntax(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("job.nomad.json");
    Files.writeString(json, "{\"job\": {\"x\": {\"group\": {\"g\": {\"task\": {\"t\": {\n"
        + "  \"driver\": \"raw_exec\",\n  \"config\": {\"command\": \"/bin/echo\", \"args\": [\"${NOMAD_PORT_http}\"]}\n}}}}}}}\n");
    Run r = run("job", "parse", json.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    JsonNode task = new ObjectMapper().readTree(r.out()).get("Job").get("TaskGroups").get(0).get("Tasks").get(0);
    assertThat(task.get("Config").get("args").get(0).asText()).isEqualTo("${NOMAD_PORT_http}");
    Files.writeString(json, "{\"job\": {\"x\": {\n  \"bogus\": 1\n}}}\n");
    Run bad = run("job", "validate", json.toString());
    assertThat(bad.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(bad.err()).contains(json + ":2,3-10: Extraneous JSON object property; No argument or block type is named \"bogus\".")
        .contains("  \"bogus\": 1\n")
        .contains("  ^~~~~~~\n");
  }

  @Test
  void validateSucceedsOnTheSamples() {
    Run r = run("job", "validate", sampleJobs().resolve("countdown-batch.nomad.hcl").toString());
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).contains("Job validation successful");
  }

  @Test
  void unsetVariableIsInvalidInput(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("vars.hcl");
    Files.writeString(f, "variable \"image\" {}\njob \"x\" {\n  group \"g\" {\n    task \"t\" {\n      driver = \"docker\"\n"
        + "      config { image = var.image }\n    }\n  }\n}\n");
    Run r = run("job", "parse", f.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(r.err()).contains("<nil>: Unset variable \"image\"");
    Run ok = run("job", "parse", "-var", "image=redis:7", f.toString());
    assertThat(ok.code()).as(ok.err()).isEqualTo(ExitCodes.OK);
    assertThat(ok.out()).contains("\"image\" : \"redis:7\"");
  }

  @Test
  void missingFileIsInvalidInputAndMissingArgumentIsUsage() {
    Run missing = run("job", "parse", "/nonexistent/job.hcl");
    assertThat(missing.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(missing.err()).contains("Error: no such file: /nonexistent/job.hcl");
    Run usage = run("job", "parse");
    assertThat(usage.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(usage.err()).contains("Missing required parameter: 'FILE'");
  }

  @Test
  void everySampleJobValidates() throws Exception {
    java.util.List<Path> jobs;
    try (var files = Files.list(sampleJobs())) {
      jobs = files.filter(p -> p.toString().endsWith(".hcl")).sorted().toList();
    }
    assertThat(jobs).extracting(p -> p.getFileName().toString()).contains(
        "hello-service.nomad.hcl", "countdown-batch.nomad.hcl", "periodic-report.nomad.hcl",
        "parameterized-greet.nomad.hcl", "node-heartbeat-system.nomad.hcl", "lifecycle-web.nomad.hcl",
        "docker-echo.nomad.hcl");
    for (Path job : jobs) {
      Run r = run("job", "validate", job.toString());
      assertThat(r.code()).as(job + ": " + r.err()).isEqualTo(ExitCodes.OK);
    }
  }
}
