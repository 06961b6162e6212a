package io.caravan.model.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.caravan.model.job.Job;
import io.caravan.model.testing.Conformance;
import io.caravan.model.testing.Goldens;
import io.caravan.model.testing.Goldens.GoldenJob;
import io.caravan.model.testing.JsonTreeDiff;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Decoding then encoding every golden job gives back the same JSON tree. */
class GoldenRoundTripTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"golden-job", "golden-canonical"})
  void decodeThenEncodeReproducesEveryGolden(String folder) {
    Optional<Path> conformance = Conformance.directory();
    assumeTrue(conformance.isPresent(), Conformance::absentReason);

    List<GoldenJob> goldens = Goldens.okJobs(conformance.get(), folder);
    List<String> failures = new ArrayList<>();
    for (GoldenJob golden : goldens) {
      try {
        Job job = NomadJson.strict().readJob(golden.job());
        JsonNode encoded = NomadJson.strict().toTree(job);
        List<String> diffs = JsonTreeDiff.diff(golden.job(), encoded);
        if (!diffs.isEmpty()) {
          failures.add(golden.name() + ":\n    " + String.join("\n    ", diffs.subList(0, Math.min(5, diffs.size()))));
        }
      } catch (ModelJsonException e) {
        failures.add(golden.name() + ": " + e.getMessage());
      }
    }
    System.out.printf("round-trip %s: %d/%d goldens identical%n", folder, goldens.size() - failures.size(), goldens.size());
    assertThat(goldens).as("goldens in %s", folder).hasSize(280);
    assertThat(failures).as("goldens that do not round-trip").isEmpty();
  }
}
