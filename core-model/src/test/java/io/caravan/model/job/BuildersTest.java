package io.caravan.model.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuildersTest {

  @Test
  void buildsANestedJobFluently() {
    Job job =
        Job.builder("web")
            .type("service")
            .datacenter("dc1")
            .taskGroup(
                TaskGroup.builder("web")
                    .count(3)
                    .task(Task.builder("app").driver("mock").resources(Resources.builder().cpu(200).memoryMB(128))))
            .build();

    assertThat(job.id()).isEqualTo("web");
    assertThat(job.name()).isEqualTo("web");
    assertThat(job.taskGroups()).singleElement().satisfies(g -> {
      assertThat(g.count()).isEqualTo(3);
      assertThat(g.tasks().get(0).resources().memoryMB()).isEqualTo(128);
    });
  }

  @Test
  void builtCollectionsAreImmutableCopies() {
    List<String> datacenters = new ArrayList<>(List.of("dc1"));
    Job job = Job.builder("web").datacenters(datacenters).build();
    datacenters.add("dc2");

    assertThat(job.datacenters()).containsExactly("dc1");
    assertThatThrownBy(() -> job.datacenters().add("dc3")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void toBuilderChangesOnlyWhatIsSet() {
    Job job = Job.builder("web").priority(70).meta("team", "core").build();

    Job changed = job.toBuilder().priority(80).build();

    assertThat(changed.priority()).isEqualTo(80);
    assertThat(changed.meta()).containsEntry("team", "core");
    assertThat(job.priority()).isEqualTo(70);
  }

  @Test
  void absentCollectionsReadAsEmptyThroughOrEmpty() {
    Task task = Task.builder("app").build();

    assertThat(task.constraints()).isNull();
    assertThat(task.constraintsOrEmpty()).isEmpty();
    assertThat(task.configOrEmpty()).isEmpty();
  }

  @Test
  void goValueFieldsNeverHoldNull() {
    Constraint constraint = new Constraint(null, null, null);

    assertThat(constraint.lTarget()).isEmpty();
    assertThat(Task.builder().build().shutdownDelay()).isZero();
  }

  @Test
  void driverConfigIsADeepImmutableCopy() {
    List<Object> args = new ArrayList<>(List.of("-v"));
    Task task = Task.builder("app").config("args", args).build();
    args.add("-x");

    assertThat(task.config().get("args")).isEqualTo(List.of("-v"));
    assertThatThrownBy(() -> task.config().put("k", "v")).isInstanceOf(UnsupportedOperationException.class);
  }
}
