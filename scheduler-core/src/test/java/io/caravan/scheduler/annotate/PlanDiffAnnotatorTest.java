package io.caravan.scheduler.annotate;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.canonical.Canonicalizer;
import io.caravan.model.cluster.DesiredUpdates;
import io.caravan.model.cluster.PlanAnnotations;
import io.caravan.model.diff.DiffType;
import io.caravan.model.diff.FieldDiff;
import io.caravan.model.diff.JobDiff;
import io.caravan.model.diff.JobDiffer;
import io.caravan.model.diff.TaskDiff;
import io.caravan.model.diff.TaskGroupDiff;
import io.caravan.model.job.Constraint;
import io.caravan.model.job.Job;
import io.caravan.model.job.Resources;
import io.caravan.model.job.Task;
import io.caravan.model.job.TaskGroup;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class PlanDiffAnnotatorTest {

  private static Job job(int count, UnaryOperator<Task.Builder> task) {
    return Canonicalizer.canonicalize(Job.builder("example").type("service").datacenter("dc1")
        .taskGroup(TaskGroup.builder("cache").count(count).task(task.apply(Task.builder("redis").driver("docker")
            .config("image", "redis:3.2").resources(Resources.builder().cpu(500).memoryMB(256))).build()))
        .build());
  }

  private static PlanAnnotations updates(DesiredUpdates u) {
    return new PlanAnnotations(Map.of("cache", u), null);
  }

  private static DesiredUpdates desired(long ignore, long place, long stop, long inPlace, long destructive) {
    return new DesiredUpdates(ignore, place, 0, stop, inPlace, destructive, 0, 0, 0, 0, 0, 0);
  }

  private static TaskGroupDiff annotated(Job old, Job neu, PlanAnnotations a) {
    JobDiff d = PlanDiffAnnotator.annotate(JobDiffer.diff(old, neu, true), a, old, neu);
    return d.taskGroup("cache").orElseThrow();
  }

  @Test
  void countIncreaseForcesCreateAndCarriesTheUpdateCounts() {
    Job old = job(1, t -> t);
    Job neu = job(3, t -> t);

    TaskGroupDiff g = annotated(old, neu, updates(desired(1, 2, 0, 0, 0)));

    assertThat(g.fields()).containsExactly(new FieldDiff(DiffType.EDITED, "Count", "1", "3", List.of("forces create")));
    assertThat(g.updates()).containsExactly(Map.entry("create", 2L), Map.entry("ignore", 1L));
    assertThat(g.tasks()).extracting(TaskDiff::annotations).containsExactly(List.of());
  }

  @Test
  void countDecreaseForcesDestroy() {
    TaskGroupDiff g = annotated(job(3, t -> t), job(1, t -> t), updates(desired(1, 0, 2, 0, 0)));

    assertThat(g.fields().get(0).annotations()).containsExactly("forces destroy");
    assertThat(g.updates()).containsExactly(Map.entry("destroy", 2L), Map.entry("ignore", 1L));
  }

  @Test
  void changedTaskConfigForcesCreateDestroyUpdate() {
    Job neu = job(1, t -> t.config("image", "redis:4.0"));

    TaskGroupDiff g = annotated(job(1, t -> t), neu, updates(desired(0, 0, 0, 0, 1)));

    assertThat(g.tasks()).singleElement().satisfies(t -> {
      assertThat(t.type()).isEqualTo(DiffType.EDITED);
      assertThat(t.annotations()).containsExactly(PlanDiffAnnotator.FORCES_DESTRUCTIVE);
    });
    assertThat(g.updates()).containsExactly(Map.entry("create/destroy update", 1L));
  }

  @Test
  void changedKillTimeoutOrConstraintIsAnInPlaceUpdate() {
    Job neu = job(1, t -> t.killTimeout(Duration.ofSeconds(30)).constraint(new Constraint("${attr.os.name}", "ubuntu", "=")));

    TaskGroupDiff g = annotated(job(1, t -> t), neu, updates(desired(0, 0, 0, 1, 0)));

    assertThat(g.tasks().get(0).annotations()).containsExactly(PlanDiffAnnotator.FORCES_IN_PLACE);
    assertThat(g.updates()).containsExactly(Map.entry("in-place update", 1L));
  }

  @Test
  void tasksOfANewGroupForceCreate() {
    Job neu = job(2, t -> t);

    JobDiff d = PlanDiffAnnotator.annotate(JobDiffer.diff(null, neu, true), updates(desired(0, 2, 0, 0, 0)), null, neu);

    TaskGroupDiff g = d.taskGroup("cache").orElseThrow();
    assertThat(g.type()).isEqualTo(DiffType.ADDED);
    assertThat(g.tasks().get(0).annotations()).containsExactly(PlanDiffAnnotator.FORCES_CREATE);
    assertThat(g.fields().stream().filter(f -> f.name().equals("Count")).findFirst().orElseThrow().annotations())
        .containsExactly("forces create");
    assertThat(g.updates()).containsExactly(Map.entry("create", 2L));
  }

  @Test
  void withoutAPlanThereAreNoUpdateCounts() {
    TaskGroupDiff g = annotated(job(1, t -> t), job(1, t -> t), null);

    assertThat(g.updates()).isEmpty();
    assertThat(g.tasks().get(0).annotations()).isEmpty();
  }
}
