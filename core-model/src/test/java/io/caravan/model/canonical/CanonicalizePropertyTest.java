package io.caravan.model.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.job.Job;
import io.caravan.model.testing.JobGenerator;
import io.caravan.model.testing.RecordGenerator;
import io.caravan.model.testing.Seeds;
import org.junit.jupiter.api.Test;

/** Seeded property tests of canonicalization. */
class CanonicalizePropertyTest {

  @Test
  void canonicalizeIsIdempotentOnArbitraryJobs() {
    Seeds.forAll(0x1DE4, 300, random -> {
      Job once = Canonicalizer.canonicalize(new RecordGenerator(random, 6).next(Job.class));

      assertThat(Canonicalizer.canonicalize(once)).isEqualTo(once);
    });
  }

  @Test
  void canonicalizeIsIdempotentOnRealisticJobs() {
    Seeds.forAll(0x2DE4, 200, random -> {
      Job once = Canonicalizer.canonicalize(new JobGenerator(random).job());

      assertThat(Canonicalizer.canonicalize(once)).isEqualTo(once);
    });
  }

  @Test
  void canonicalJobsHaveEveryTopLevelDefault() {
    Seeds.forAll(0x3DE4, 100, random -> {
      Job job = Canonicalizer.canonicalize(new RecordGenerator(random, 4).next(Job.class));

      assertThat(job.region()).isNotNull();
      assertThat(job.namespace()).isNotNull();
      assertThat(job.priority()).isNotNull();
      assertThat(job.type()).isNotNull();
      assertThat(job.name()).isNotNull();
      job.taskGroupsOrEmpty().forEach(g -> {
        assertThat(g.count()).isNotNull();
        assertThat(g.restartPolicy()).isNotNull();
        assertThat(g.ephemeralDisk()).isNotNull();
        g.tasksOrEmpty().forEach(t -> {
          assertThat(t.resources()).isNotNull();
          assertThat(t.resources().memoryMB()).isNotNull();
          assertThat(t.logConfig()).isNotNull();
          assertThat(t.restartPolicy()).isNotNull();
          assertThat(t.killTimeout()).isNotNull();
        });
      });
    });
  }
}
