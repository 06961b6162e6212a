package io.caravan.model.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.caravan.model.canonical.Canonicalizer;
import io.caravan.model.job.Job;
import io.caravan.model.testing.JobGenerator;
import io.caravan.model.testing.JsonTreeDiff;
import io.caravan.model.testing.RecordGenerator;
import io.caravan.model.testing.Seeds;
import org.junit.jupiter.api.Test;

/** Seeded property tests: random jobs survive the codec unchanged. */
class CodecPropertyTest {

  @Test
  void arbitraryJobsRoundTripThroughJsonText() {
    Seeds.forAll(0xC0DEC, 300, random -> {
      Job job = new RecordGenerator(random, 6).next(Job.class);

      String json = NomadJson.strict().writeJob(job);
      Job back = NomadJson.strict().readJob(json);

      assertThat(back.equals(job)).as("decoded job differs from the original: %s", differences(job, back)).isTrue();
      assertThat(NomadJson.strict().writeJob(back)).isEqualTo(json);
    });
  }

  @Test
  void arbitraryJobsRoundTripThroughJsonTrees() {
    Seeds.forAll(0x72EE, 200, random -> {
      Job job = new RecordGenerator(random, 6).next(Job.class);

      JsonNode tree = NomadJson.strict().toTree(job);
      Job back = NomadJson.strict().readJob(tree);

      assertThat(back.equals(job)).as("decoded job differs from the original: %s", differences(job, back)).isTrue();
      assertThat(JsonTreeDiff.diff(tree, NomadJson.strict().toTree(back))).isEmpty();
    });
  }

  @Test
  void canonicalJobsRoundTrip() {
    Seeds.forAll(0xCA70, 200, random -> {
      Job job = Canonicalizer.canonicalize(JobGenerator.withSeed(random.nextLong()).job());

      Job back = NomadJson.strict().readJob(NomadJson.strict().writeJob(job));

      assertThat(back.equals(job)).as("decoded job differs from the original: %s", differences(job, back)).isTrue();
    });
  }

  /** Where two jobs differ, by their JSON trees (or a note that only Java-level types differ). */
  private static String differences(Job expected, Job actual) {
    var diffs = JsonTreeDiff.diff(NomadJson.strict().toTree(expected), NomadJson.strict().toTree(actual));
    return diffs.isEmpty() ? "same JSON, different Java values (number types or scales)" : String.join("; ", diffs);
  }
}
