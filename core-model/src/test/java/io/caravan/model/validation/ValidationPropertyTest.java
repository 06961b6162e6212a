package io.caravan.model.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.job.Job;
import io.caravan.model.testing.JobGenerator;
import io.caravan.model.testing.RecordGenerator;
import io.caravan.model.testing.Seeds;
import org.junit.jupiter.api.Test;

/** Seeded property tests of validation. */
class ValidationPropertyTest {

  @Test
  void generatedRealisticJobsAreValid() {
    Seeds.forAll(0x7A11D, 300, random -> {
      Job job = new JobGenerator(random).job();

      ValidationReport report = JobValidator.validate(job);

      assertThat(report.isValid()).as("problems:%n%s", report).isTrue();
    });
  }

  @Test
  void arbitraryJobsNeverMakeTheValidatorThrow() {
    Seeds.forAll(0xBADDA7A, 300, random -> {
      Job job = new RecordGenerator(random, 6).next(Job.class);

      ValidationReport report = JobValidator.validate(job);

      assertThat(report.problems()).allSatisfy(p -> assertThat(p.message()).isNotBlank());
    });
  }
}
