package io.caravan.model.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

import com.fasterxml.jackson.databind.JsonNode;
import io.caravan.model.job.Blob;
import io.caravan.model.job.Job;
import io.caravan.model.job.Resources;
import io.caravan.model.job.Task;
import io.caravan.model.job.TaskGroup;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NomadJsonTest {

  private static final String NESTED_UNKNOWN =
      """
      {"ID": "web", "TaskGroups": [
        {"Name": "g", "Tasks": [
          {"Name": "a", "Driver": "mock"},
          {"Name": "b", "Driver": "mock", "Resources": {"CPU": 100, "MemoryMBs": 5}}
        ]}
      ]}
      """;

  @Test
  void rejectsUnknownFieldWithItsJsonPath() {
    assertThatThrownBy(() -> NomadJson.strict().readJob(NESTED_UNKNOWN))
        .isInstanceOfSatisfying(
            ModelJsonException.class,
            e -> assertThat(e.path()).isEqualTo("TaskGroups[0].Tasks[1].Resources.MemoryMBs"))
        .hasMessageContaining("unknown field \"MemoryMBs\"");
  }

  @Test
  void lenientReadingIgnoresUnknownFields() {
    Job job = NomadJson.lenient().readJob(NESTED_UNKNOWN);

    Resources resources = job.taskGroups().get(0).tasks().get(1).resources();
    assertThat(resources.cpu()).isEqualTo(100);
    assertThat(resources.memoryMB()).isNull();
  }

  @Test
  void readsDurationsAsIntegerNanoseconds() {
    Job job =
        NomadJson.strict()
            .readJob("{\"TaskGroups\": [{\"ShutdownDelay\": 5000000000, \"Tasks\": [{\"KillTimeout\": 1500}]}]}");

    TaskGroup group = job.taskGroups().get(0);
    assertThat(group.shutdownDelay()).isEqualTo(Duration.ofSeconds(5));
    assertThat(group.tasks().get(0).killTimeout()).isEqualTo(Duration.ofNanos(1500));
  }

  @Test
  void writesDurationsAsIntegerNanoseconds() {
    Task task = Task.builder("app").killTimeout(Duration.ofMillis(250)).build();

    JsonNode tree = NomadJson.strict().toTree(task);

    assertThat(tree.get("KillTimeout").isIntegralNumber()).isTrue();
    assertThat(tree.get("KillTimeout").longValue()).isEqualTo(250_000_000L);
    assertThat(tree.get("ShutdownDelay").longValue()).isZero();
  }

  @Test
  void rejectsDurationWrittenAsText() {
    assertThatThrownBy(() -> NomadJson.strict().readJob("{\"TaskGroups\": [{\"Tasks\": [{\"KillTimeout\": \"5s\"}]}]}"))
        .isInstanceOfSatisfying(
            ModelJsonException.class,
            e -> assertThat(e.path()).isEqualTo("TaskGroups[0].Tasks[0].KillTimeout"));
  }

  @Test
  void rejectsTextWhereANumberBelongs() {
    assertThatThrownBy(() -> NomadJson.strict().readJob("{\"Priority\": \"50\"}"))
        .isInstanceOfSatisfying(ModelJsonException.class, e -> assertThat(e.path()).isEqualTo("Priority"));
  }

  @Test
  void rejectsFractionWhereAnIntegerBelongs() {
    assertThatThrownBy(() -> NomadJson.strict().readJob("{\"TaskGroups\": [{\"Count\": 1.5}]}"))
        .isInstanceOfSatisfying(
            ModelJsonException.class, e -> assertThat(e.path()).isEqualTo("TaskGroups[0].Count"));
  }

  @Test
  void malformedJsonIsATypedError() {
    assertThatThrownBy(() -> NomadJson.strict().readJob("{\"ID\": "))
        .isInstanceOf(ModelJsonException.class)
        .hasMessageContaining("line 1");
  }

  @Test
  void acceptsExplicitNullsEverywhere() {
    Job job =
        NomadJson.strict()
            .readJob(
                "{\"ID\": null, \"Dispatched\": null, \"Datacenters\": null,"
                    + " \"TaskGroups\": [{\"Name\": null, \"Tasks\": [{\"Name\": null, \"Leader\": null, \"ShutdownDelay\": null}]}]}");

    assertThat(job.id()).isNull();
    assertThat(job.dispatched()).isFalse();
    assertThat(job.datacenters()).isNull();
    Task task = job.taskGroups().get(0).tasks().get(0);
    assertThat(task.name()).isEmpty();
    assertThat(task.leader()).isFalse();
    assertThat(task.shutdownDelay()).isEqualTo(Duration.ZERO);
  }

  @Test
  void keepsEmptyListDistinctFromNull() {
    Job job = NomadJson.strict().readJob("{\"Datacenters\": [], \"Constraints\": null}");

    assertThat(job.datacenters()).isEmpty();
    assertThat(job.constraints()).isNull();
    assertThat(job.constraintsOrEmpty()).isEmpty();
    JsonNode tree = NomadJson.strict().toTree(job);
    assertThat(tree.get("Datacenters").isArray()).isTrue();
    assertThat(tree.get("Constraints").isNull()).isTrue();
  }

  @Test
  void writesNilFieldsAsExplicitNulls() {
    JsonNode tree = NomadJson.strict().toTree(Job.builder("web").build());

    assertThat(tree.has("Region")).isTrue();
    assertThat(tree.get("Region").isNull()).isTrue();
    assertThat(tree.get("TaskGroups").isNull()).isTrue();
  }

  @Test
  void matchesFieldNamesCaseInsensitivelyLikeGo() {
    Job job = NomadJson.strict().readJob("{\"id\": \"web\", \"taskgroups\": [{\"count\": 2}]}");

    assertThat(job.id()).isEqualTo("web");
    assertThat(job.taskGroups().get(0).count()).isEqualTo(2);
  }

  @Test
  void keepsDriverConfigNumbersAndOrderExactly() {
    Job job =
        NomadJson.strict()
            .readJob(
                "{\"TaskGroups\": [{\"Tasks\": [{\"Config\": {\"z\": 1, \"a\": 0.1, \"big\": 123456789012345678901234567890,"
                    + " \"args\": [\"-x\", true, null], \"nested\": {\"k\": \"v\"}}}]}]}");

    Map<String, Object> config = job.taskGroups().get(0).tasks().get(0).config();
    assertThat(config).containsKeys("z", "a", "big", "args", "nested");
    assertThat(config.keySet()).containsExactly("z", "a", "big", "args", "nested");
    assertThat(config.get("a")).isEqualTo(new BigDecimal("0.1"));
    assertThat(config.get("args")).asInstanceOf(LIST).containsExactly("-x", true, null);
    assertThat(NomadJson.strict().toTree(job).at("/TaskGroups/0/Tasks/0/Config/big").bigIntegerValue())
        .hasToString("123456789012345678901234567890");
  }

  @Test
  void writesMapKeysSortedLikeGo() {
    Job job = Job.builder("web").meta("zeta", "1").meta("alpha", "2").build();

    String json = NomadJson.strict().writeJob(job);

    assertThat(json.indexOf("\"alpha\"")).isLessThan(json.indexOf("\"zeta\""));
  }

  @Test
  void writesPayloadAsBase64() {
    Job job = Job.builder("web").payload(Blob.of("hi".getBytes(StandardCharsets.UTF_8))).build();

    JsonNode tree = NomadJson.strict().toTree(job);

    assertThat(tree.get("Payload").asText()).isEqualTo("aGk=");
    assertThat(NomadJson.strict().readJob(tree).payload()).isEqualTo(job.payload());
  }

  @Test
  void omitsAbsentCsiPluginConfigLikeGoOmitempty() {
    JsonNode tree = NomadJson.strict().toTree(Task.builder("app").build());

    assertThat(tree.has("CSIPluginConfig")).isFalse();
    assertThat(tree.has("Identity")).isTrue();
  }

  @Test
  void nullInsideATypedListIsATypedErrorNamingTheList() {
    assertThatThrownBy(() -> NomadJson.strict().readJob("{\"TaskGroups\": [{\"Constraints\": [null]}]}"))
        .isInstanceOfSatisfying(
            ModelJsonException.class, e -> assertThat(e.path()).isEqualTo("TaskGroups[0].Constraints[0]"));
  }

  @Test
  void rejectsAnObjectWhereAListBelongs() {
    assertThatThrownBy(() -> NomadJson.strict().readJob("{\"TaskGroups\": {}}"))
        .isInstanceOfSatisfying(ModelJsonException.class, e -> assertThat(e.path()).isEqualTo("TaskGroups"));
  }

  @Test
  void readsOtherModelTypesGenerically() {
    Task task = NomadJson.strict().read("{\"Name\": \"app\", \"Driver\": \"mock\"}", Task.class);

    assertThat(task.driver()).isEqualTo("mock");
  }
}
