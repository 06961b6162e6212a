package io.caravan.model.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.caravan.model.canonical.Canonicalizer;
import io.caravan.model.job.Constraint;
import io.caravan.model.job.Job;
import io.caravan.model.job.Resources;
import io.caravan.model.job.Task;
import io.caravan.model.job.TaskGroup;
import io.caravan.model.json.NomadJson;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class JobDifferTest {

  private static Job job(UnaryOperator<Job.Builder> edit, TaskGroup.Builder... groups) {
    Job.Builder b = Job.builder("example").type("service").datacenter("dc1");
    for (TaskGroup.Builder g : groups) {
      b.taskGroup(g);
    }
    return Canonicalizer.canonicalize(edit.apply(b).build());
  }

  private static TaskGroup.Builder cache(int count, String image, Task... extra) {
    TaskGroup.Builder g = TaskGroup.builder("cache").count(count).task(redis(image, 256));
    for (Task t : extra) {
      g.task(t);
    }
    return g;
  }

  private static Task redis(String image, int memory) {
    return Task.builder("redis").driver("docker").config("image", image).config("ports", List.of("db"))
        .resources(Resources.builder().cpu(500).memoryMB(memory)).build();
  }

  private static Task sidecar() {
    return Task.builder("logger").driver("raw_exec").config("command", "/bin/true").build();
  }

  private static Job example() {
    return job(b -> b, cache(1, "redis:3.2"));
  }

  private static FieldDiff field(List<FieldDiff> fields, String name) {
    return fields.stream().filter(f -> f.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no field " + name + " in " + fields));
  }

  private static ObjectDiff object(List<ObjectDiff> objects, String name) {
    return objects.stream().filter(o -> o.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no object " + name + " in " + objects));
  }

  @Test
  void newJobIsAddedWithAllItsFieldsGroupsAndTasks() {
    JobDiff d = JobDiffer.diff(null, example(), true);

    assertThat(d.type()).isEqualTo(DiffType.ADDED);
    assertThat(d.id()).isEqualTo("example");
    assertThat(field(d.fields(), "Priority")).isEqualTo(new FieldDiff(DiffType.ADDED, "Priority", "", "50", null));
    assertThat(field(d.fields(), "Type").neu()).isEqualTo("service");
    assertThat(d.fields()).extracting(FieldDiff::name).doesNotContain("ID", "Version", "SubmitTime", "CreateIndex");
    assertThat(object(d.objects(), "Datacenters").fields()).containsExactly(new FieldDiff(DiffType.ADDED, "Datacenters", "", "dc1", null));
    TaskGroupDiff g = d.taskGroup("cache").orElseThrow();
    assertThat(g.type()).isEqualTo(DiffType.ADDED);
    assertThat(field(g.fields(), "Count").neu()).isEqualTo("1");
    assertThat(g.tasks()).singleElement().satisfies(t -> {
      assertThat(t.type()).isEqualTo(DiffType.ADDED);
      assertThat(field(t.fields(), "Driver").neu()).isEqualTo("docker");
      assertThat(object(t.objects(), "Config").fields()).extracting(FieldDiff::name).containsExactly("image", "ports[0]");
    });
  }

  @Test
  void removedJobIsDeleted() {
    JobDiff d = JobDiffer.diff(example(), null, true);

    assertThat(d.type()).isEqualTo(DiffType.DELETED);
    assertThat(d.id()).isEqualTo("example");
    assertThat(field(d.fields(), "Priority")).isEqualTo(new FieldDiff(DiffType.DELETED, "Priority", "50", "", null));
    assertThat(d.taskGroups()).singleElement().extracting(TaskGroupDiff::type).isEqualTo(DiffType.DELETED);
  }

  @Test
  void sameJobHasNoChangesEvenWhenBookkeepingFieldsDiffer() {
    Job registered = example().toBuilder().version(3L).jobModifyIndex(40L).submitTime(123L).status("running").build();

    JobDiff d = JobDiffer.diff(registered, example(), true);

    assertThat(d.type()).isEqualTo(DiffType.NONE);
    assertThat(d.fields()).isEmpty();
    assertThat(d.objects()).isEmpty();
    assertThat(d.taskGroups()).singleElement().satisfies(g -> {
      assertThat(g.type()).isEqualTo(DiffType.NONE);
      assertThat(g.tasks()).extracting(TaskDiff::type).containsExactly(DiffType.NONE);
    });
  }

  @Test
  void editedJobFieldShowsOldAndNewValue() {
    JobDiff d = JobDiffer.diff(example(), job(b -> b.priority(70).meta("owner", "ops"), cache(1, "redis:3.2")), true);

    assertThat(d.type()).isEqualTo(DiffType.EDITED);
    assertThat(d.fields()).containsExactly(
        new FieldDiff(DiffType.ADDED, "Meta[owner]", "", "ops", null),
        new FieldDiff(DiffType.EDITED, "Priority", "50", "70", null));
    assertThat(d.taskGroups()).extracting(TaskGroupDiff::type).containsExactly(DiffType.NONE);
  }

  @Test
  void editedTaskConfigIsAConfigObjectWithContextLines() {
    JobDiff d = JobDiffer.diff(example(), job(b -> b, cache(1, "redis:4.0")), true);

    assertThat(d.type()).isEqualTo(DiffType.EDITED);
    TaskGroupDiff g = d.taskGroup("cache").orElseThrow();
    assertThat(g.type()).isEqualTo(DiffType.EDITED);
    TaskDiff t = g.tasks().get(0);
    assertThat(t.type()).isEqualTo(DiffType.EDITED);
    assertThat(t.fields()).isEmpty();
    ObjectDiff config = object(t.objects(), "Config");
    assertThat(config.type()).isEqualTo(DiffType.EDITED);
    assertThat(config.fields()).containsExactly(
        new FieldDiff(DiffType.EDITED, "image", "redis:3.2", "redis:4.0", null),
        new FieldDiff(DiffType.NONE, "ports[0]", "db", "db", null));
    assertThat(t.objects()).extracting(ObjectDiff::name).containsExactly("Config");
  }

  @Test
  void withoutContextOnlyChangedFieldsAreListed() {
    JobDiff d = JobDiffer.diff(example(), job(b -> b, cache(1, "redis:4.0")), false);

    assertThat(object(d.taskGroups().get(0).tasks().get(0).objects(), "Config").fields())
        .extracting(FieldDiff::name).containsExactly("image");
  }

  @Test
  void resourcesAreANestedObjectNotFlattenedFields() {
    Job bigger = job(b -> b, TaskGroup.builder("cache").count(1).task(redis("redis:3.2", 512)));

    TaskDiff t = JobDiffer.diff(example(), bigger, true).taskGroups().get(0).tasks().get(0);

    ObjectDiff res = object(t.objects(), "Resources");
    assertThat(res.type()).isEqualTo(DiffType.EDITED);
    assertThat(field(res.fields(), "MemoryMB")).isEqualTo(new FieldDiff(DiffType.EDITED, "MemoryMB", "256", "512", null));
    assertThat(field(res.fields(), "CPU").type()).isEqualTo(DiffType.NONE);
    assertThat(t.fields()).extracting(FieldDiff::name).noneMatch(n -> n.contains("Resources"));
  }

  @Test
  void taskAddedToAGroupIsAnAddedTaskInAnEditedGroup() {
    JobDiff d = JobDiffer.diff(example(), job(b -> b, cache(1, "redis:3.2", sidecar())), true);

    TaskGroupDiff g = d.taskGroup("cache").orElseThrow();
    assertThat(g.type()).isEqualTo(DiffType.EDITED);
    assertThat(g.tasks()).extracting(TaskDiff::name, TaskDiff::type)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("logger", DiffType.ADDED),
            org.assertj.core.groups.Tuple.tuple("redis", DiffType.NONE));
  }

  @Test
  void taskRemovedFromAGroupIsADeletedTask() {
    JobDiff d = JobDiffer.diff(job(b -> b, cache(1, "redis:3.2", sidecar())), example(), true);

    TaskDiff logger = d.taskGroup("cache").orElseThrow().tasks().get(0);
    assertThat(logger.name()).isEqualTo("logger");
    assertThat(logger.type()).isEqualTo(DiffType.DELETED);
    assertThat(field(logger.fields(), "Driver")).isEqualTo(new FieldDiff(DiffType.DELETED, "Driver", "raw_exec", "", null));
  }

  @Test
  void addedConstraintIsAnAddedConstraintObject() {
    Job constrained = job(b -> b.constraint(new Constraint("${attr.kernel.name}", "linux", "=")), cache(1, "redis:3.2"));

    JobDiff d = JobDiffer.diff(example(), constrained, true);

    assertThat(d.type()).isEqualTo(DiffType.EDITED);
    assertThat(d.objects()).singleElement().satisfies(c -> {
      assertThat(c.name()).isEqualTo("Constraint");
      assertThat(c.type()).isEqualTo(DiffType.ADDED);
      assertThat(c.fields()).containsExactly(
          new FieldDiff(DiffType.ADDED, "LTarget", "", "${attr.kernel.name}", null),
          new FieldDiff(DiffType.ADDED, "Operand", "", "=", null),
          new FieldDiff(DiffType.ADDED, "RTarget", "", "linux", null));
    });
  }

  @Test
  void countChangeIsAGroupField() {
    TaskGroupDiff g = JobDiffer.diff(example(), job(b -> b, cache(3, "redis:3.2")), true).taskGroup("cache").orElseThrow();

    assertThat(g.type()).isEqualTo(DiffType.EDITED);
    assertThat(g.fields()).containsExactly(new FieldDiff(DiffType.EDITED, "Count", "1", "3", null));
    assertThat(g.tasks()).extracting(TaskDiff::type).containsExactly(DiffType.NONE);
  }

  @Test
  void groupsAndTasksAreSortedByName() {
    Job many = job(b -> b, TaskGroup.builder("web").count(1).task(sidecar()), cache(1, "redis:3.2", sidecar()),
        TaskGroup.builder("api").count(1).task(sidecar()));

    JobDiff d = JobDiffer.diff(null, many, true);

    assertThat(d.taskGroups()).extracting(TaskGroupDiff::name).containsExactly("api", "cache", "web");
    assertThat(d.taskGroup("cache").orElseThrow().tasks()).extracting(TaskDiff::name).containsExactly("logger", "redis");
    assertThat(JobDiffer.diff(null, many, true)).isEqualTo(d);
  }

  @Test
  void refusesJobsWithDifferentIds() {
    Job other = example().toBuilder().id("other").build();

    assertThatThrownBy(() -> JobDiffer.diff(example(), other, true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"example\"").hasMessageContaining("\"other\"");
  }

  @Test
  void writesNomadsJsonShapeWithNullForEmptyLists() {
    JobDiff d = JobDiffer.diff(example(), job(b -> b, cache(3, "redis:3.2")), true);

    JsonNode json = NomadJson.strict().toTree(d);

    assertThat(json.get("Type").asText()).isEqualTo("Edited");
    assertThat(json.get("ID").asText()).isEqualTo("example");
    assertThat(json.get("Fields").isNull()).isTrue();
    JsonNode g = json.get("TaskGroups").get(0);
    assertThat(g.get("Name").asText()).isEqualTo("cache");
    assertThat(g.get("Fields").get(0).get("Name").asText()).isEqualTo("Count");
    assertThat(g.get("Fields").get(0).get("Old").asText()).isEqualTo("1");
    assertThat(g.get("Fields").get(0).get("New").asText()).isEqualTo("3");
    assertThat(g.get("Fields").get(0).get("Annotations").isNull()).isTrue();
    assertThat(g.get("Updates").isNull()).isTrue();
    assertThat(g.get("Tasks").get(0).get("Type").asText()).isEqualTo("None");
    assertThat(NomadJson.strict().read(json, JobDiff.class)).isEqualTo(d);

    TaskGroupDiff counted = g(d).with(g(d).fields(), g(d).tasks(), Map.of("create", 2L, "ignore", 1L));
    JsonNode updates = NomadJson.strict().toTree(counted).get("Updates");
    assertThat(updates.get("create").asLong()).isEqualTo(2);
    assertThat(updates.get("ignore").asLong()).isEqualTo(1);
  }

  private static TaskGroupDiff g(JobDiff d) {
    return d.taskGroups().get(0);
  }

  @Test
  void metaAndEnvMapsAreFlattenedWithTheirKeys() {
    Job withEnv = job(b -> b, TaskGroup.builder("cache").count(1).meta(Map.of("tier", "db"))
        .task(redis("redis:3.2", 256).toBuilder().env("MODE", "fast").build()));

    TaskGroupDiff g = JobDiffer.diff(example(), withEnv, true).taskGroup("cache").orElseThrow();

    assertThat(g.fields()).containsExactly(new FieldDiff(DiffType.ADDED, "Meta[tier]", "", "db", null));
    assertThat(g.tasks().get(0).fields()).containsExactly(new FieldDiff(DiffType.ADDED, "Env[MODE]", "", "fast", null));
  }
}
