package io.caravan.model.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.caravan.model.job.Job;
import io.caravan.model.json.NomadJson;
import io.caravan.model.testing.Conformance;
import io.caravan.model.testing.Goldens;
import io.caravan.model.testing.Goldens.GoldenJob;
import io.caravan.model.testing.JsonTreeDiff;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Canonicalizing every golden job gives exactly its golden-canonical twin (Nomad's own output). */
class GoldenCanonicalTest {

  @Test
  void canonicalizingEveryGoldenJobMatchesNomad() {
    Optional<Path> conformance = Conformance.directory();
    assumeTrue(conformance.isPresent(), Conformance::absentReason);

    List<GoldenJob> jobs = Goldens.okJobs(conformance.get(), "golden-job");
    Map<String, JsonNode> canonical =
        Goldens.okJobs(conformance.get(), "golden-canonical").stream()
            .collect(Collectors.toMap(GoldenJob::name, GoldenJob::job));
    List<String> failures = new ArrayList<>();
    for (GoldenJob golden : jobs) {
      JsonNode expected = canonical.get(golden.name());
      if (expected == null) {
        failures.add(golden.name() + ": no golden-canonical twin");
        continue;
      }
      Job result = Canonicalizer.canonicalize(NomadJson.strict().readJob(golden.job()));
      List<String> diffs = JsonTreeDiff.diff(expected, NomadJson.strict().toTree(result));
      if (!diffs.isEmpty()) {
        failures.add(golden.name() + ":\n    " + String.join("\n    ", diffs.subList(0, Math.min(8, diffs.size()))));
      }
    }
    System.out.printf("canonicalize: %d/%d goldens match golden-canonical%n", jobs.size() - failures.size(), jobs.size());
    assertThat(jobs).hasSize(280);
    assertThat(failures).as("jobs whose canonical form differs from Nomad's").isEmpty();
  }

  @Test
  void canonicalizeIsIdempotentOnEveryGolden() {
    Optional<Path> conformance = Conformance.directory();
    assumeTrue(conformance.isPresent(), Conformance::absentReason);

    List<String> changed = new ArrayList<>();
    for (GoldenJob golden : Goldens.okJobs(conformance.get(), "golden-job")) {
      Job once = Canonicalizer.canonicalize(NomadJson.strict().readJob(golden.job()));
      if (!Canonicalizer.canonicalize(once).equals(once)) {
        changed.add(golden.name());
      }
    }
    assertThat(changed).as("jobs that change when canonicalized twice").isEmpty();
  }

  @Test
  void canonicalizingNomadsCanonicalOutputChangesNothing() {
    Optional<Path> conformance = Conformance.directory();
    assumeTrue(conformance.isPresent(), Conformance::absentReason);

    List<String> changed = new ArrayList<>();
    for (GoldenJob golden : Goldens.okJobs(conformance.get(), "golden-canonical")) {
      Job nomads = NomadJson.strict().readJob(golden.job());
      if (!Canonicalizer.canonicalize(nomads).equals(nomads)) {
        changed.add(golden.name());
      }
    }
    assertThat(changed).as("canonical goldens that canonicalize changes").isEmpty();
  }
}
