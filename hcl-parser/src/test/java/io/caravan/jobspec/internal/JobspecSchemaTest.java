package io.caravan.jobspec.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class JobspecSchemaTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern UNSUPPORTED =
      Pattern.compile("^[^:]+:(\\d+),(\\d+)-\\d+: Unsupported argument; An argument named \"([^\"]+)\"");

  @Test
  void everyBlockReferencesAnExistingSchema() {
    for (BodySchema schema : JobspecSchema.all().values()) {
      for (BlockSpec block : schema.blocks().values()) {
        assertThat(JobspecSchema.all())
            .as("schema %s > block %s", schema.name(), block.type())
            .containsKey(block.bodySchema());
      }
    }
  }

  @Test
  void groupsAndTasksAreLabelledListsAndResourcesAreSingle() {
    assertThat(JobspecSchema.get("job").block("group")).hasValueSatisfying(b -> {
      assertThat(b.cardinality()).isEqualTo(BlockCardinality.LIST);
      assertThat(b.labelNames()).containsExactly("name");
      assertThat(b.goField()).isEqualTo("TaskGroups");
    });
    assertThat(JobspecSchema.get("task").block("resources").map(BlockSpec::cardinality))
        .contains(BlockCardinality.SINGLE);
    assertThat(JobspecSchema.get("group").block("volume").map(BlockSpec::cardinality))
        .contains(BlockCardinality.MAP_BY_LABEL);
    assertThat(JobspecSchema.get("job").attribute("consul_token")).isEmpty();
    assertThat(JobspecSchema.get("resources").attribute("memory").map(AttributeSpec::goField)).contains("MemoryMB");
  }

  /**
   * Every argument and block that the corpus jobspecs Nomad accepts use is in the schema, and every
   * "Unsupported argument" Nomad reports is absent from it.
   */
  @Test
  void schemaAcceptsWhatNomadAcceptsAndRejectsWhatItRejects() throws IOException {
    Optional<Path> corpus = ConformanceCorpus.jobspecs();
    assumeTrue(corpus.isPresent(), "conformance corpus not found at <repo root>/../shared/conformance; skipped");
    List<String> unknownInAccepted = new ArrayList<>();
    TreeSet<String> reported = new TreeSet<>();
    TreeSet<String> found = new TreeSet<>();
    int accepted = 0;
    try (Stream<Path> files = Files.list(corpus.get().resolve("golden-job"))) {
      for (Path jobFile : files.sorted().toList()) {
        JsonNode job = JSON.readTree(jobFile.toFile());
        JsonNode hcl = JSON.readTree(corpus.get().resolve("golden-hcl2").resolve(jobFile.getFileName()).toFile());
        List<String> unknown = new ArrayList<>();
        walkTop(hcl.get("body"), unknown);
        if (job.get("ok").asBoolean()) {
          accepted++;
          unknown.forEach(u -> unknownInAccepted.add(hcl.get("file").asText() + ": " + u));
        } else {
          for (JsonNode line : job.path("error_lines")) {
            Matcher m = UNSUPPORTED.matcher(line.asText());
            if (m.find()) {
              reported.add(hcl.get("file").asText() + ":" + m.group(1) + ":" + m.group(3));
            }
          }
          unknown.stream().filter(u -> u.startsWith("attribute ")).forEach(u ->
              found.add(hcl.get("file").asText() + ":" + u.replaceFirst("^attribute (\\S+) at (\\d+).*$", "$2:$1")));
        }
      }
    }
    assertThat(accepted).isEqualTo(280);
    assertThat(unknownInAccepted).isEmpty();
    assertThat(reported).as("Unsupported argument lines in the goldens").hasSize(16);
    assertThat(found).containsAll(reported);
  }

  private static void walkTop(JsonNode body, List<String> unknown) {
    for (JsonNode item : body) {
      if (item.get("kind").asText().equals("block") && item.get("type").asText().equals("job")) {
        walk(item.get("body"), JobspecSchema.get(JobspecSchema.JOB), unknown);
      }
    }
  }

  private static void walk(JsonNode body, BodySchema schema, List<String> unknown) {
    if (schema.freeForm()) {
      return;
    }
    for (JsonNode item : body) {
      String line = item.get("range").asText().split(":")[0];
      if (item.get("kind").asText().equals("attribute")) {
        String name = item.get("name").asText();
        if (schema.attribute(name).isEmpty()) {
          unknown.add("attribute " + name + " at " + line + " in " + schema.name());
        }
        continue;
      }
      String type = item.get("type").asText();
      if (type.equals("dynamic")) {
        String generated = item.get("labels").get(0).asText();
        Optional<BlockSpec> spec = schema.block(generated);
        if (spec.isEmpty()) {
          unknown.add("block " + generated + " at " + line + " in " + schema.name());
          continue;
        }
        for (JsonNode inner : item.get("body")) {
          if (inner.get("kind").asText().equals("block") && inner.get("type").asText().equals("content")) {
            walk(inner.get("body"), JobspecSchema.get(spec.get().bodySchema()), unknown);
          }
        }
        continue;
      }
      Optional<BlockSpec> spec = schema.block(type);
      if (spec.isEmpty()) {
        unknown.add("block " + type + " at " + line + " in " + schema.name());
      } else {
        walk(item.get("body"), JobspecSchema.get(spec.get().bodySchema()), unknown);
      }
    }
  }
}
