package io.caravan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.caravan.model.canonical.Canonicalizer;
import io.caravan.model.cluster.DesiredUpdates;
import io.caravan.model.cluster.PlanAnnotations;
import io.caravan.model.diff.JobDiffer;
import io.caravan.model.job.Job;
import io.caravan.model.job.Resources;
import io.caravan.model.job.Task;
import io.caravan.model.job.TaskGroup;
import io.caravan.model.json.NomadJson;
import io.caravan.scheduler.annotate.PlanDiffAnnotator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanDiffFormatterTest {

  private static Job job(int count, String image, TaskGroup... extra) {
    Job.Builder b = Job.builder("example").type("service").datacenter("dc1")
        .taskGroup(TaskGroup.builder("cache").count(count).task(Task.builder("redis").driver("docker")
            .config("image", image).config("ports", List.of("db")).resources(Resources.builder().cpu(500).memoryMB(256))));
    for (TaskGroup g : extra) {
      b.taskGroup(g);
    }
    return Canonicalizer.canonicalize(b.build());
  }

  private static JsonNode diff(Job old, Job neu, Map<String, DesiredUpdates> updates) {
    return NomadJson.strict().toTree(PlanDiffAnnotator.annotate(JobDiffer.diff(old, neu, true),
        new PlanAnnotations(updates, null), old, neu));
  }

  private static DesiredUpdates destructive(long n) {
    return new DesiredUpdates(0, 0, 0, 0, 0, n, 0, 0, 0, 0, 0, 0);
  }

  @Test
  void editedTaskConfigPrintsNomadsMarkersAnnotationsAndContextLines() {
    JsonNode d = diff(job(1, "redis:3.2"), job(1, "redis:4.0"), Map.of("cache", destructive(1)));

    assertThat(PlanDiffFormatter.format(d, false)).isEqualTo("""
        +/- Job: "example"
        +/- Task Group: "cache" (1 create/destroy update)
          +/- Task: "redis" (forces create/destroy update)
            +/- Config {
              +/- image:    "redis:3.2" => "redis:4.0"
                  ports[0]: "db"
                }""");
  }

  @Test
  void countChangeIsAnnotatedOnTheField() {
    JsonNode d = diff(job(1, "redis:3.2"), job(3, "redis:3.2"),
        Map.of("cache", new DesiredUpdates(1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)));

    assertThat(PlanDiffFormatter.format(d, false)).isEqualTo("""
        +/- Job: "example"
        +/- Task Group: "cache" (2 create, 1 ignore)
          +/- Count: "1" => "3" (forces create)
              Task: "redis\"""");
  }

  @Test
  void addedGroupIsCollapsedUnlessVerbose() {
    TaskGroup web = TaskGroup.builder("web").count(1).task(Task.builder("app").driver("raw_exec")
        .config("command", "/bin/true").build()).build();
    Job old = job(1, "redis:3.2");
    Job neu = job(1, "redis:3.2", web);
    JsonNode d = diff(old, neu, Map.of("web", new DesiredUpdates(0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
        "cache", new DesiredUpdates(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)));

    assertThat(PlanDiffFormatter.format(d, false)).isEqualTo("""
        +/- Job: "example"
          Task Group: "cache" (1 ignore)
            Task: "redis"

        + Task Group: "web" (1 create)
          + Task: "app" (forces create)""");
    String verbose = PlanDiffFormatter.format(d, true);
    assertThat(verbose).contains("+ Task Group: \"web\" (1 create)\n  + Count:");
    assertThat(verbose).contains("  + Task: \"app\" (forces create)\n    + Driver:");
    assertThat(verbose).contains("    + Config {\n      + command: \"/bin/true\"\n      }");
  }

  @Test
  void newJobShowsOnlyItsGroupsAndTasksUnlessVerbose() {
    JsonNode d = diff(null, job(2, "redis:3.2"), Map.of("cache", new DesiredUpdates(0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)));

    assertThat(PlanDiffFormatter.format(d, false)).isEqualTo("""
        + Job: "example"
        + Task Group: "cache" (2 create)
          + Task: "redis" (forces create)""");
    assertThat(PlanDiffFormatter.format(d, true)).contains("+ Priority:").contains("+ Datacenters {")
        .contains("+ Count:").contains("(forces create)");
  }

  @Test
  void quotesLikeGo() {
    assertThat(PlanDiffFormatter.quote("a \"b\"\n\\")).isEqualTo("\"a \\\"b\\\"\\n\\\\\"");
  }
}
