package io.caravan.scheduler.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.job.Constraint;
import io.caravan.model.job.EphemeralDisk;
import io.caravan.model.job.Job;
import io.caravan.model.job.NetworkResource;
import io.caravan.model.job.Port;
import io.caravan.model.job.Resources;
import io.caravan.model.job.Task;
import io.caravan.model.job.TaskGroup;
import io.caravan.scheduler.testing.Jobs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class TasksUpdatedTest {
  private final Job base = Jobs.mock("j", 3);

  private Job withGroup(UnaryOperator<TaskGroup.Builder> change) {
    TaskGroup g = base.taskGroupsOrEmpty().get(0);
    return base.toBuilder().taskGroups(List.of(change.apply(g.toBuilder()).build())).build();
  }

  private Job withTask(UnaryOperator<Task.Builder> change) {
    TaskGroup g = base.taskGroupsOrEmpty().get(0);
    Task t = g.tasksOrEmpty().get(0);
    return withGroup(b -> b.tasks(List.of(change.apply(t.toBuilder()).build())));
  }

  @Test
  void identicalJobsAreNotDestructive() {
    assertThat(TasksUpdated.difference(base, base, "web")).isEmpty();
  }

  @Test
  void countConstraintsAndKillTimeoutChangeInPlace() {
    assertThat(TasksUpdated.destructive(base, withGroup(b -> b.count(7)), "web")).isFalse();
    assertThat(TasksUpdated.destructive(base, base.toBuilder().constraints(List.of(new Constraint("${node.class}", "x", "="))).build(), "web")).isFalse();
    assertThat(TasksUpdated.destructive(base, withTask(t -> t.killTimeout(Duration.ofSeconds(30))), "web")).isFalse();
  }

  @Test
  void taskDriverConfigEnvAndResourcesAreDestructive() {
    assertThat(TasksUpdated.difference(base, withTask(t -> t.driver("docker")), "web")).hasValueSatisfying(d -> assertThat(d).contains("driver"));
    assertThat(TasksUpdated.difference(base, withTask(t -> t.config(Map.of("image", "v2"))), "web")).hasValueSatisfying(d -> assertThat(d).contains("config"));
    assertThat(TasksUpdated.difference(base, withTask(t -> t.env(Map.of("A", "1"))), "web")).hasValueSatisfying(d -> assertThat(d).contains("env"));
    assertThat(TasksUpdated.difference(base, withTask(t -> t.resources(Resources.builder().cpu(501).memoryMB(256).build())), "web"))
        .hasValueSatisfying(d -> assertThat(d).contains("cpu"));
    assertThat(TasksUpdated.difference(base, withTask(t -> t.resources(Resources.builder().cpu(500).memoryMB(512).build())), "web"))
        .hasValueSatisfying(d -> assertThat(d).contains("memory"));
    assertThat(TasksUpdated.difference(base, withTask(t -> t.meta(Map.of("k", "v"))), "web")).hasValueSatisfying(d -> assertThat(d).contains("meta"));
  }

  @Test
  void combinedMetaComparesJobGroupAndTaskMeta() {
    Job jobMeta = base.toBuilder().meta(Map.of("k", "v")).build();
    assertThat(TasksUpdated.destructive(base, jobMeta, "web")).isTrue();
    assertThat(TasksUpdated.destructive(base, withGroup(b -> b.meta(Map.of("k", "v"))), "web")).isTrue();
  }

  @Test
  void groupDiskTaskCountAndNetworkModeAreDestructive() {
    assertThat(TasksUpdated.destructive(base, withGroup(b -> b.ephemeralDisk(new EphemeralDisk(true, false, 150))), "web")).isTrue();
    Task extra = Task.builder().name("sidecar").driver("exec").build();
    TaskGroup g = base.taskGroupsOrEmpty().get(0);
    assertThat(TasksUpdated.difference(base, withGroup(b -> b.tasks(List.of(g.tasksOrEmpty().get(0), extra))), "web"))
        .hasValueSatisfying(d -> assertThat(d).contains("number of tasks"));
    assertThat(TasksUpdated.difference(base, withGroup(b -> b.networks(List.of(NetworkResource.builder().mode("bridge")
        .dynamicPorts(List.of(Port.builder().label("http").build(), Port.builder().label("admin").build())).build()))), "web"))
        .hasValueSatisfying(d -> assertThat(d).contains("mode"));
  }

  @Test
  void dynamicPortValuesAreIgnoredButLabelsAndStaticPortsAreNot() {
    Job assigned = withGroup(b -> b.networks(List.of(NetworkResource.builder().mode("host")
        .dynamicPorts(List.of(Port.builder().label("http").value(23456).build(), Port.builder().label("admin").value(23457).build())).build())));
    assertThat(TasksUpdated.destructive(base, assigned, "web")).isFalse();
    Job relabelled = withGroup(b -> b.networks(List.of(NetworkResource.builder().mode("host")
        .dynamicPorts(List.of(Port.builder().label("web").build(), Port.builder().label("admin").build())).build())));
    assertThat(TasksUpdated.difference(base, relabelled, "web")).hasValueSatisfying(d -> assertThat(d).contains("port map"));
    Job staticPort = withGroup(b -> b.networks(List.of(NetworkResource.builder().mode("host")
        .reservedPorts(List.of(Port.builder().label("http").value(8080).build()))
        .dynamicPorts(List.of(Port.builder().label("admin").build())).build())));
    assertThat(TasksUpdated.destructive(base, staticPort, "web")).isTrue();
  }

  @Test
  void aMissingGroupIsADifference() {
    assertThat(TasksUpdated.destructive(base, base, "nope")).isTrue();
  }
}
