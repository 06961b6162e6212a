package io.caravan.hcl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.caravan.hcl.functions.NomadFunctions;
import io.caravan.model.testing.Conformance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Level-1 conformance: every corpus file's parsed and evaluated body equals the hcl2json/1 golden. */
class GoldenConformanceTest {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
      .build();

  @Test
  void hcl2CasesMatchGoldens() throws IOException {
    Path dir = corpus();
    int passed = run(dir.resolve("hcl2/cases"), dir.resolve("hcl2/golden"));
    assertThat(passed).isGreaterThanOrEqualTo(MIN_HCL2);
  }

  @Test
  void jobspecCasesMatchGoldens() throws IOException {
    Path dir = corpus();
    int passed = run(dir.resolve("jobspecs/cases"), dir.resolve("jobspecs/golden-hcl2"));
    assertThat(passed).isGreaterThanOrEqualTo(MIN_JOBSPECS);
  }

  /** Pass counts reached so far; raised as conformance improves so regressions fail the build. */
  static final int MIN_HCL2 = 82;
  static final int MIN_JOBSPECS = 323;

  private static Path corpus() {
    var d = Conformance.directory();
    Assumptions.assumeTrue(d.isPresent(), Conformance.absentReason());
    return d.get();
  }

  private int run(Path cases, Path goldens) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(cases)) {
      files = s.filter(p -> p.toString().endsWith(".hcl")).sorted().toList();
    }
    int pass = 0;
    List<String> failures = new ArrayList<>();
    for (Path f : files) {
      String name = f.getFileName().toString();
      String base = name.substring(0, name.length() - 4);
      JsonNode golden = JSON.readTree(goldens.resolve(base + ".json").toFile());
      Map<String, Value> vars = new LinkedHashMap<>();
      Path varsFile = cases.resolve(base + ".vars.json");
      if (Files.exists(varsFile)) {
        JSON.readTree(varsFile.toFile()).fields().forEachRemaining(e -> vars.put(e.getKey(), GoldenWalker.fromJson(e.getValue())));
      }
      EvalContext ctx = EvalContext.of(vars, NomadFunctions.withoutFileSystem(new SplittableRandom(1)), NomadUnresolvedTraversals.INSTANCE);
      JsonNode got = GoldenWalker.walk(Files.readAllBytes(f), name, ctx);
      List<String> diffs = new ArrayList<>();
      GoldenWalker.diff("", golden, got, diffs);
      if (diffs.isEmpty()) pass++;
      else failures.add(name + ":\n    " + String.join("\n    ", diffs));
    }
    System.out.println("[conformance] " + cases + ": " + pass + "/" + files.size() + " pass");
    if (Boolean.getBoolean("hcl.golden.verbose")) failures.forEach(s -> System.out.println("FAIL " + s));
    else failures.stream().limit(15).forEach(s -> System.out.println("FAIL " + s));
    return pass;
  }
}
