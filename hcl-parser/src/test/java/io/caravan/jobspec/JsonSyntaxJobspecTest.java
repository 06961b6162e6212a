package io.caravan.jobspec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.caravan.model.canonical.Canonicalizer;
import io.caravan.model.json.NomadJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Jobspecs written in HCL's JSON syntax decode like their native-syntax twins and report errors at JSON positions. */
class JsonSyntaxJobspecTest {

  /** JSON files under src/test/resources/json-jobspecs, each the JSON-syntax form of the conformance case with its stem. */
  private static final Map<String, String> TWINS = Map.of(
      "command__testdata__example-basic.nomad.json", "command__testdata__example-basic.nomad.hcl",
      "e2e__affinities__input__multiple_affinities.nomad.json", "e2e__affinities__input__multiple_affinities.nomad.hcl",
      "jobspec2__parse_test.go__L0303.json", "jobspec2__parse_test.go__L0303.hcl",
      "demo__csi__kadalu-csi__app.nomad.json", "demo__csi__kadalu-csi__app.nomad.hcl");

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = JsonSyntaxJobspecTest.class.getResourceAsStream("/json-jobspecs/" + name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    }
  }

  private static JsonNode canonical(JobspecResult r) {
    assertThat(r.errorLines()).isEmpty();
    return JobspecConformanceTest.normalize(NomadJson.strict().toTree(Canonicalizer.canonicalize(r.job().orElseThrow())));
  }

  @Test
  void jsonTwinsOfConformanceJobspecsDecodeToTheSameCanonicalJob() throws IOException {
    var corpus = JobspecConformanceTest.corpus();
    assumeTrue(corpus.isPresent(), "conformance corpus not found; skipped");
    for (var twin : TWINS.entrySet()) {
      Path hcl = corpus.get().resolve("cases").resolve(twin.getValue());
      JobspecResult fromHcl = JobspecParser.parse(Files.readAllBytes(hcl), twin.getValue(), ParseOptions.defaults());
      JobspecResult fromJson = JobspecParser.parse(resource(twin.getKey()), twin.getKey(), ParseOptions.defaults());
      assertThat(canonical(fromJson)).as(twin.getKey()).isEqualTo(canonical(fromHcl));
      assertThat(JobspecConformanceTest.normalize(fromJson.apiJson().orElseThrow()))
          .as(twin.getKey()).isEqualTo(JobspecConformanceTest.normalize(fromHcl.apiJson().orElseThrow()));
    }
  }

  private static final String HCL = """
      variable "dcs" {
        type    = list(string)
        default = ["dc1", "dc2"]
      }
      locals {
        image = "redis:${7 + 0}"
      }
      job "cache" {
        datacenters = var.dcs
        meta = { owner = "ops" }
        group "g" {
          count = 2
          network {
            port "db" { to = 6379 }
          }
          dynamic "task" {
            for_each = ["a", "b"]
            labels   = ["redis-${task.value}"]
            content {
              driver = "docker"
              config {
                image = local.image
                ports = ["db"]
                args  = ["--name", upper(task.value), "${NOMAD_PORT_db}"]
              }
              env { SHARD = task.key }
            }
          }
        }
      }
      """;

  private static final String JSON = """
      {
        "variable": {"dcs": {"type": "list(string)", "default": ["dc1", "dc2"]}},
        "locals": {"image": "redis:${7 + 0}"},
        "job": {"cache": {
          "datacenters": "${var.dcs}",
          "meta": {"owner": "ops"},
          "group": {"g": {
            "count": 2,
            "network": {"port": {"db": {"to": 6379}}},
            "dynamic": {"task": {
              "for_each": ["a", "b"],
              "labels": ["redis-${task.value}"],
              "content": {
                "driver": "docker",
                "config": {"image": "${local.image}", "ports": ["db"], "args": ["--name", "${upper(task.value)}", "${NOMAD_PORT_db}"]},
                "env": {"SHARD": "${task.key}"}
              }
            }}
          }}
        }}
      }
      """;

  @Test
  void jsonSyntaxWithVariablesLocalsFunctionsAndDynamicBlocksMatchesNativeSyntax() {
    JobspecResult fromHcl = JobspecParser.parse(HCL, "cache.nomad.hcl", ParseOptions.defaults());
    JobspecResult fromJson = JobspecParser.parse(JSON, "cache.nomad.json", ParseOptions.defaults());
    assertThat(canonical(fromJson)).isEqualTo(canonical(fromHcl));
    JsonNode task = fromJson.apiJson().orElseThrow().get("TaskGroups").get(0).get("Tasks").get(1);
    assertThat(task.get("Name").asText()).isEqualTo("redis-b");
    assertThat(task.get("Config").get("args").toString()).isEqualTo("[\"--name\",\"B\",\"${NOMAD_PORT_db}\"]");
  }

  @Test
  void syntaxIsDetectedByContentAsNomadDoesAndCanBeForced() {
    String leadingNewline = "\n" + JSON;
    JobspecResult auto = JobspecParser.parse(leadingNewline, "cache.json", ParseOptions.defaults());
    assertThat(auto.hasErrors()).as("Nomad only skips spaces before the brace, so this is read as HCL").isTrue();
    JobspecResult forced = JobspecParser.parse(leadingNewline, "cache.json",
        ParseOptions.defaults().withSyntax(JobspecSyntax.JSON));
    assertThat(forced.errorLines()).isEmpty();
    JobspecResult native_ = JobspecParser.parse("   " + JSON, "cache.hcl", ParseOptions.defaults().withSyntax(JobspecSyntax.NATIVE));
    assertThat(native_.hasErrors()).isTrue();
    assertThat(JobspecParser.parse("   " + JSON, "cache.hcl", ParseOptions.defaults()).errorLines()).isEmpty();
  }

  private static List<String> errors(String json) {
    return JobspecParser.parse(json, "bad.json", ParseOptions.defaults()).errorLines();
  }

  @Test
  void jsonSyntaxErrorsPointAtTheirLineAndColumn() {
    assertThat(errors("{\n  \"job\": {\"x\": {}}\n  \"more\": 1\n}"))
        .containsExactly("bad.json:3,3-9: Missing attribute seperator comma; A comma must appear between each property definition in an object.");
    assertThat(errors("{\"job\": {\n  \"x\": {\"type\" = \"batch\"}}}"))
        .containsExactly("bad.json:2,16-17: Missing property value colon; JSON uses a colon as its name/value delimiter, not an equals sign.");
    assertThat(errors("{\"job\": {\"x\": {\"datacenters\": [\"a\",]}}}"))
        .containsExactly("bad.json:1,35-36: Trailing comma in array; JSON does not permit a trailing comma after the final value in an array.");
    assertThat(errors("{\"job\": {\"x\": {\"priority\": Infinity}}}"))
        .containsExactly("bad.json:1,28-36: Invalid JSON keyword; The JavaScript identifier \"Infinity\" cannot be used in JSON.");
    assertThat(errors("{\"job\": {\"x\": {}}")).containsExactly("bad.json:1,1-2: Unclosed object; No closing brace was found for this JSON object.");
  }

  @Test
  void schemaErrorsInJsonSyntaxPointAtTheProperty() {
    String json = """
        {"job": {"x": {
          "group": {"g": {
            "cont": 1,
            "task": {"t": {"driver": "docker", "resources": {"cpu": "lots"}}}
          }}
        }}}
        """;
    List<String> got = errors(json);
    assertThat(got).anyMatch(l -> l.startsWith("bad.json:3,5-11: Extraneous JSON object property; No argument or block type is named \"cont\"."));
    assertThat(got).anyMatch(l -> l.equals("bad.json:4,62-66: Unsuitable value type; Unsuitable value: a number is required"));
    assertThat(errors("{\"job\": {\"x\": {\"group\": \"g\"}}}"))
        .containsExactly("bad.json:1,25-26: Incorrect JSON value type; Either a JSON object or JSON array of objects is required here,"
            + " to specify block labels for this block.");
    assertThat(errors("{\"job\": {\"x\": {\"update\": 3}}}"))
        .containsExactly("bad.json:1,26-27: Incorrect JSON value type; Either a JSON object or a JSON array is required,"
            + " representing the contents of one or more \"update\" blocks.");
  }

  @Test
  void templateErrorsInsideJsonStringsPointIntoTheString() {
    assertThat(errors("{\"job\": {\"x\": {\n  \"region\": \"a-${nope(}\"}}}"))
        .allMatch(l -> l.startsWith("bad.json:2,"))
        .isNotEmpty();
    // the same expression at the same line and column in both syntaxes gives the same diagnostics
    List<String> fromJson = errors("{\"job\": {\"x\": {\n  \"region\": \"${var.missing}\"}}}");
    List<String> fromHcl = JobspecParser.parse("job \"x\" {\n  region =  \"${var.missing}\"\n}", "bad.json",
        ParseOptions.defaults()).errorLines();
    assertThat(fromJson).contains("bad.json:2,19-27: Unsupported attribute; This object does not have an attribute named \"missing\".")
        .isEqualTo(fromHcl);
  }
}
