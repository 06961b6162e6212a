package io.caravan.jobspec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.caravan.model.job.Job;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobspecParserTest {

  private static final String WITH_VARS = """
      variable "dcs" {
        type    = list(string)
        default = ["dc1"]
      }
      variable "count" {
        type = number
      }
      job "web" {
        datacenters = var.dcs
        group "g" {
          count = var.count
          task "t" {
            driver = "raw_exec"
            config {
              command = "/bin/echo"
              args    = ["${attr.kernel.name}", "${NOMAD_PORT_http}"]
            }
          }
        }
      }
      """;

  private static JsonNode group(JobspecResult r) {
    return r.apiJson().orElseThrow().get("TaskGroups").get(0);
  }

  @Test
  void argVarsOverrideDefaultsAndAreParsedByType() {
    JobspecResult r = JobspecParser.parse(WITH_VARS, "vars.hcl",
        ParseOptions.defaults().withArgVars(Map.of("dcs", "[\"a\", \"b\"]", "count", "3")));
    assertThat(r.errorLines()).isEmpty();
    Job job = r.job().orElseThrow();
    assertThat(job.datacenters()).containsExactly("a", "b");
    assertThat(group(r).get("Count").asInt()).isEqualTo(3);
  }

  @Test
  void runtimeInterpolationsStayLiteral() {
    JobspecResult r = JobspecParser.parse(WITH_VARS, "vars.hcl", ParseOptions.defaults().withArgVars(Map.of("count", "1")));
    JsonNode args = group(r).get("Tasks").get(0).get("Config").get("args");
    assertThat(args.get(0).asText()).isEqualTo("${attr.kernel.name}");
    assertThat(args.get(1).asText()).isEqualTo("${NOMAD_PORT_http}");
  }

  @Test
  void unsetVariableIsNomadsError() {
    JobspecResult r = JobspecParser.parse(WITH_VARS, "vars.hcl", ParseOptions.defaults());
    assertThat(r.job()).isEmpty();
    assertThat(r.errorLines()).containsExactly("<nil>: Unset variable \"count\"; A used variable must be set or have a "
        + "default value; see https://developer.hashicorp.com/nomad/docs/reference/hcl2/variables  for details.");
  }

  @Test
  void environmentAndVarFilesSetVariablesInNomadsOrder(@TempDir Path dir) throws Exception {
    Path varFile = dir.resolve("prod.vars.hcl");
    Files.writeString(varFile, "count = 7\n");
    JobspecResult fromEnv = JobspecParser.parse(WITH_VARS, "vars.hcl",
        ParseOptions.defaults().withEnv(Map.of("NOMAD_VAR_count", "2", "OTHER", "x")));
    assertThat(group(fromEnv).get("Count").asInt()).isEqualTo(2);
    JobspecResult fileWins = JobspecParser.parse(WITH_VARS, "vars.hcl",
        ParseOptions.defaults().withEnv(Map.of("NOMAD_VAR_count", "2")).withVarFiles(List.of(varFile)));
    assertThat(group(fileWins).get("Count").asInt()).isEqualTo(7);
    JobspecResult argWins = JobspecParser.parse(WITH_VARS, "vars.hcl",
        ParseOptions.defaults().withVarFiles(List.of(varFile)).withArgVars(Map.of("count", "9")));
    assertThat(group(argWins).get("Count").asInt()).isEqualTo(9);
  }

  @Test
  void jsonVarFilesSetTypedVariables(@TempDir Path dir) throws Exception {
    Path varFile = dir.resolve("prod.vars.json");
    Files.writeString(varFile, "{\"count\": 4, \"dcs\": [\"east\", \"west\"]}");
    JobspecResult r = JobspecParser.parse(WITH_VARS, "vars.hcl", ParseOptions.defaults().withVarFiles(List.of(varFile)));
    assertThat(r.errorLines()).isEmpty();
    assertThat(group(r).get("Count").asInt()).isEqualTo(4);
    assertThat(r.job().orElseThrow().datacenters()).containsExactly("east", "west");
  }

  @Test
  void malformedJsonVarFileIsADiagnosticWithItsPosition(@TempDir Path dir) throws Exception {
    Path varFile = dir.resolve("bad.json");
    Files.writeString(varFile, "{\n  \"count\": ,\n}");
    JobspecResult r = JobspecParser.parse(WITH_VARS, "vars.hcl", ParseOptions.defaults().withVarFiles(List.of(varFile)));
    assertThat(r.job()).isEmpty();
    assertThat(r.errorLines()).anySatisfy(line -> assertThat(line).contains("bad.json:2,12"));
  }

  @Test
  void uuidv4IsReproducibleForASeedAndDiffersBetweenSeeds() {
    String src = "job \"u\" {\n  meta {\n    id = uuidv4()\n  }\n  group \"g\" {\n    task \"t\" {\n      driver = \"raw_exec\"\n    }\n  }\n}\n";
    java.util.function.LongFunction<String> idFor = seed -> JobspecParser.parse(src, "u.hcl",
        ParseOptions.defaults().withRandomSeed(seed)).job().orElseThrow().meta().get("id");
    assertThat(idFor.apply(7)).isEqualTo(idFor.apply(7)).matches("[0-9a-f-]{36}");
    assertThat(idFor.apply(7)).isNotEqualTo(idFor.apply(8));
  }

  @Test
  void undefinedArgVarIsAnErrorWhenStrict() {
    JobspecResult r = JobspecParser.parse(WITH_VARS, "vars.hcl",
        ParseOptions.defaults().withArgVars(Map.of("count", "1", "nope", "x")));
    assertThat(r.errorLines()).singleElement().asString().startsWith("<nil>: Undefined -var variable");
  }

  @Test
  void dynamicBlocksExpandWithTheirIterator() {
    String src = """
        locals {
          ports = { http = 8080, admin = 9090 }
        }
        job "dyn" {
          group "g" {
            network {
              dynamic "port" {
                for_each = local.ports
                labels   = [port.key]
                content {
                  static = port.value
                }
              }
            }
            task "t" { driver = "raw_exec" }
          }
        }
        """;
    JobspecResult r = JobspecParser.parse(src, "dyn.hcl", ParseOptions.defaults());
    assertThat(r.errorLines()).isEmpty();
    JsonNode reserved = group(r).get("Networks").get(0).get("ReservedPorts");
    assertThat(reserved).hasSize(2);
    assertThat(reserved.get(0).get("Label").asText()).isEqualTo("admin");
    assertThat(reserved.get(0).get("Value").asInt()).isEqualTo(9090);
  }

  @Test
  void unknownArgumentsGetNomadsMessageAndSuggestion() {
    String src = "job \"x\" {\n  group \"g\" {\n    cont = 2\n    task \"t\" { driver = \"raw_exec\" }\n  }\n}\n";
    JobspecResult r = JobspecParser.parse(src, "typo.hcl", ParseOptions.defaults());
    assertThat(r.errorLines()).containsExactly(
        "typo.hcl:3,5-9: Unsupported argument; An argument named \"cont\" is not expected here. Did you mean \"count\"?");
  }

  @Test
  void durationsAndConstraintShorthandsDecode() {
    String src = """
        job "x" {
          constraint { distinct_hosts = true }
          constraint {
            attribute = "${attr.kernel.name}"
            value     = "linux"
          }
          group "g" {
            restart { delay = "1h5m" }
            task "t" {
              driver       = "raw_exec"
              kill_timeout = "1.5s"
            }
          }
        }
        """;
    JobspecResult r = JobspecParser.parse(src, "c.hcl", ParseOptions.defaults());
    assertThat(r.errorLines()).isEmpty();
    JsonNode job = r.apiJson().orElseThrow();
    assertThat(job.get("Constraints").get(0).get("Operand").asText()).isEqualTo("distinct_hosts");
    assertThat(job.get("Constraints").get(1).get("Operand").asText()).isEqualTo("=");
    assertThat(job.get("Constraints").get(1).get("LTarget").asText()).isEqualTo("${attr.kernel.name}");
    assertThat(group(r).get("RestartPolicy").get("Delay").asLong()).isEqualTo(3_900_000_000_000L);
    assertThat(group(r).get("Tasks").get(0).get("KillTimeout").asLong()).isEqualTo(1_500_000_000L);
  }
}
