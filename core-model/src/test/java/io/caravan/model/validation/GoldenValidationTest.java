package io.caravan.model.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.caravan.model.json.NomadJson;
import io.caravan.model.testing.Conformance;
import io.caravan.model.testing.Goldens;
import io.caravan.model.testing.Goldens.GoldenJob;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The runnable jobs of Nomad's own repository (e2e, demo, command assets; not the parser's
 * test fixtures, which are fragments) are accepted, except the two e2e jobs that Nomad's scaling
 * tests submit precisely because their count lies outside the scaling bounds.
 */
class GoldenValidationTest {

  @Test
  void nomadsRunnableJobsRaiseNoFalseAlarms() {
    Optional<Path> conformance = Conformance.directory();
    assumeTrue(conformance.isPresent(), Conformance::absentReason);

    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (GoldenJob golden : Goldens.okJobs(conformance.get(), "golden-job")) {
      if (golden.name().startsWith("jobspec")) {
        continue;
      }
      checked++;
      ValidationReport report = JobValidator.validate(NomadJson.strict().readJob(golden.job()));
      report.messages().forEach(m -> problems.add(golden.name() + ": " + m));
    }

    assertThat(checked).isGreaterThan(200);
    assertThat(problems)
        .containsExactly(
            "e2e__scaling__input__namespace_default_2.nomad.json: group \"horizontally_scalable\" > scaling: group count 4 is outside the scaling bounds [2, 3]",
            "e2e__scaling__input__namespace_default_3.nomad.json: group \"horizontally_scalable\" > scaling: group count 4 is outside the scaling bounds [5, 6]");
  }
}
