package io.caravan.jobspec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caravan.model.canonical.Canonicalizer;
import io.caravan.model.json.NomadJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Differential test against Nomad v1.11.3's jobspec2 goldens: every accepted jobspec decodes to the
 * golden API JSON (and canonicalizes to golden-canonical); every rejected one reports the same
 * error lines (as a multiset).
 */
class JobspecConformanceTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  static Optional<Path> corpus() {
    String root = System.getProperty("caravan.repo.root");
    Path start = root != null ? Paths.get(root) : Paths.get("").toAbsolutePath();
    for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolveSibling("shared").resolve("conformance").resolve("jobspecs");
      if (Files.isDirectory(candidate.resolve("cases"))) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  @Test
  void decodesTheCorpusLikeNomad() throws IOException {
    Optional<Path> corpus = corpus();
    assumeTrue(corpus.isPresent(), "conformance corpus not found at <repo root>/../shared/conformance; skipped");
    int okPass = 0;
    int okTotal = 0;
    int canonicalPass = 0;
    int errPass = 0;
    int errTotal = 0;
    List<String> failures = new ArrayList<>();
    List<Path> cases;
    try (Stream<Path> s = Files.list(corpus.get().resolve("cases"))) {
      cases = s.filter(p -> p.toString().endsWith(".hcl")).sorted().toList();
    }
    for (Path file : cases) {
      String name = file.getFileName().toString();
      String stem = name.substring(0, name.length() - 4);
      JsonNode golden = MAPPER.readTree(corpus.get().resolve("golden-job").resolve(stem + ".json").toFile());
      JobspecResult result;
      try {
        result = JobspecParser.parse(Files.readAllBytes(file), name, ParseOptions.defaults());
      } catch (RuntimeException e) {
        failures.add(stem + ": threw " + e + " at " + List.of(e.getStackTrace()).subList(0, Math.min(4, e.getStackTrace().length)));
        if (golden.get("ok").asBoolean()) {
          okTotal++;
        } else {
          errTotal++;
        }
        continue;
      }
      if (golden.get("ok").asBoolean()) {
        okTotal++;
        if (result.apiJson().isPresent() && !result.hasErrors()
            && normalize(result.apiJson().get()).equals(normalize(golden.get("job")))) {
          okPass++;
          JsonNode canonicalGolden = MAPPER.readTree(corpus.get().resolve("golden-canonical").resolve(stem + ".json")
              .toFile()).get("job");
          JsonNode canonical = NomadJson.strict().toTree(Canonicalizer.canonicalize(result.job().orElseThrow()));
          if (normalize(canonical).equals(normalize(canonicalGolden))) {
            canonicalPass++;
          } else {
            failures.add(stem + ": canonical differs");
          }
        } else {
          failures.add(stem + ": " + (result.hasErrors() ? result.errorLines()
              : "job differs " + firstDifference(normalize(result.apiJson().get()), normalize(golden.get("job")), "")));
        }
      } else {
        errTotal++;
        List<String> want = new ArrayList<>();
        golden.path("error_lines").forEach(l -> want.add(l.asText()));
        List<String> got = result.errorLines();
        if (!want.isEmpty() && got.stream().sorted().toList().equals(want.stream().sorted().toList())) {
          errPass++;
        } else if (golden.has("panic") && result.hasErrors()) {
          errPass++; // Nomad panics here; a clean diagnostic is the goal.
        } else {
          failures.add(stem + ": want " + want + " got " + got);
        }
      }
    }
    System.out.printf("jobspec conformance: accepted %d/%d (canonical %d/%d), rejected %d/%d%n",
        okPass, okTotal, canonicalPass, okTotal, errPass, errTotal);
    failures.stream().limit(400).forEach(f -> System.out.println("  " + f));
    assertThat(okTotal).isEqualTo(280);
    assertThat(errTotal).isEqualTo(43);
    assertThat(okPass + errPass).as("passing cases").isGreaterThanOrEqualTo(MINIMUM_PASSING);
  }

  /** The pass count reached when this test was last tightened; raise it as the decoder improves. */
  private static final int MINIMUM_PASSING = 323;

  /** The path and values of the first difference between two normalized trees (for failure messages). */
  static String firstDifference(JsonNode got, JsonNode want, String path) {
    if (got == null || want == null || got.getNodeType() != want.getNodeType()) {
      return path + ": got " + got + " want " + want;
    }
    if (got.isObject()) {
      java.util.TreeSet<String> keys = new java.util.TreeSet<>();
      got.fieldNames().forEachRemaining(keys::add);
      want.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) {
        if (!java.util.Objects.equals(got.get(k), want.get(k))) {
          return firstDifference(got.get(k), want.get(k), path + "." + k);
        }
      }
    } else if (got.isArray()) {
      if (got.size() != want.size()) {
        return path + ": got " + got.size() + " elements want " + want.size();
      }
      for (int i = 0; i < got.size(); i++) {
        if (!got.get(i).equals(want.get(i))) {
          return firstDifference(got.get(i), want.get(i), path + "[" + i + "]");
        }
      }
    }
    return path + ": got " + got + " want " + want;
  }

  /** Drops nulls (null == absent) and makes numbers comparable by value. */
  static JsonNode normalize(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        var e = it.next();
        JsonNode v = normalize(e.getValue());
        if (v != null) {
          out.set(e.getKey(), v);
        }
      }
      return out;
    }
    if (n.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      n.forEach(e -> out.add(normalize(e) == null ? JsonNodeFactory.instance.nullNode() : normalize(e)));
      return out;
    }
    if (n.isNumber()) {
      return JsonNodeFactory.instance.numberNode(n.decimalValue().stripTrailingZeros());
    }
    return n;
  }
}
