package io.caravan.scheduler.feasibility;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.cluster.Node;
import io.caravan.model.job.Constraint;
import io.caravan.model.job.Job;
import io.caravan.model.job.TaskGroup;
import io.caravan.scheduler.testing.Jobs;
import io.caravan.scheduler.testing.Nodes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskGroupCheckerTest {

  private static TaskGroupChecker checker(Job job, Map<String, Boolean> jobCache) {
    TaskGroup tg = job.taskGroups().get(0);
    return new TaskGroupChecker(job, tg, new ConstraintEvaluator(), jobCache, new HashMap<>());
  }

  @Test
  void memoisesIneligibleClassesAfterTheFirstNode() {
    Job job = Jobs.mockBuilder("j", Jobs.group(1, 100, 100).build())
        .constraints(List.of(new Constraint("${attr.kernel.name}", "windows", "="))).build();
    Map<String, Boolean> cache = new HashMap<>();
    TaskGroupChecker c = checker(job, cache);
    Node a = Nodes.mock("a");
    Node b = Nodes.mock("b");
    assertThat(a.computedClass()).isEqualTo(b.computedClass());
    assertThat(c.check(a)).isEqualTo("${attr.kernel.name} = windows");
    assertThat(cache).containsEntry(a.computedClass(), false);
    assertThat(c.check(b)).isEqualTo(TaskGroupChecker.CLASS_INELIGIBLE);
  }

  @Test
  void escapedConstraintsAreCheckedPerNode() {
    Job job = Jobs.mockBuilder("j", Jobs.group(1, 100, 100).build())
        .constraints(List.of(new Constraint("${node.unique.id}", "b", "="))).build();
    Map<String, Boolean> cache = new HashMap<>();
    TaskGroupChecker c = checker(job, cache);
    assertThat(c.check(Nodes.mock("a"))).isEqualTo("${node.unique.id} = b");
    assertThat(c.check(Nodes.mock("b"))).isNull();
    assertThat(cache).isEmpty();
  }

  @Test
  void rejectsNodesWithoutTheDriver() {
    TaskGroup tg = TaskGroup.builder().name("g").count(1)
        .task(io.caravan.model.job.Task.builder().name("t").driver("docker").build()).build();
    Job job = Jobs.mockBuilder("j", tg).build();
    assertThat(checker(job, new HashMap<>()).check(Nodes.mock("a"))).isEqualTo("missing drivers");
  }

  @Test
  void rejectsMissingHostNetworkAndHostVolume() {
    TaskGroup net = Jobs.group(1, 100, 100).networks(List.of(io.caravan.model.job.NetworkResource.builder().mode("host")
        .dynamicPorts(List.of(io.caravan.model.job.Port.builder().label("http").hostNetwork("public").build())).build())).build();
    assertThat(checker(Jobs.mockBuilder("j", net).build(), new HashMap<>()).check(Nodes.mock("a")))
        .isEqualTo("missing host network \"public\" for port \"http\"");
  }
}
