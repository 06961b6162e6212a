package io.caravan.scheduler.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caravan.model.job.Resources;
import io.caravan.model.job.Task;
import io.caravan.model.job.TaskGroup;
import io.caravan.model.job.TaskLifecycle;
import io.caravan.scheduler.testing.Jobs;
import io.caravan.scheduler.testing.Nodes;
import org.junit.jupiter.api.Test;

class TaskGroupAskTest {
  private static Task task(String name, String hook, boolean sidecar, int cpu, int mem) {
    return Task.builder().name(name).driver("exec")
        .lifecycle(hook == null ? null : new TaskLifecycle(hook, sidecar))
        .resources(Resources.builder().cpu(cpu).memoryMB(mem).build()).build();
  }

  @Test
  void takesTheMaximumOverLifecyclePhases() {
    TaskGroup tg = TaskGroup.builder().name("g").count(1)
        .task(task("init", "prestart", false, 1000, 100))
        .task(task("side", "prestart", true, 100, 200))
        .task(task("main", null, false, 300, 300))
        .task(task("post", "poststart", false, 50, 50))
        .task(task("cleanup", "poststop", false, 200, 1000))
        .build();
    TaskGroupAsk ask = TaskGroupAsk.of(tg);
    // main phase: side + main + post = 450 MHz / 550 MB; prestart: init + side = 1100 / 300; poststop: 200 / 1000.
    assertThat(ask.cpu()).isEqualTo(1100);
    assertThat(ask.memoryMB()).isEqualTo(1000);
    assertThat(ask.diskMB()).isEqualTo(TaskGroupAsk.DEFAULT_DISK);
  }

  @Test
  void collectsGroupPortsAndDisk() {
    TaskGroupAsk ask = TaskGroupAsk.of(Jobs.group(1, 500, 256).build());
    assertThat(ask.dynamicPorts()).extracting(p -> p.label()).containsExactly("http", "admin");
    assertThat(ask.staticPorts()).isEmpty();
    assertThat(ask.diskMB()).isEqualTo(150);
  }

  @Test
  void nodeUsageRejectsOvercommitInFitOrder() {
    NodeUsage u = new NodeUsage(Nodes.mock("n"));
    assertThat(u.availableCpu()).isEqualTo(13900);
    assertThat(u.availableMemory()).isEqualTo(7936);
    assertThat(u.availableDisk()).isEqualTo(100 * 1024 - 4096);
    TaskGroupAsk big = TaskGroupAsk.of(Jobs.group(1, 14000, 9000).build());
    assertThat(u.exhaustedDimension(big)).isEqualTo("cpu");
    TaskGroupAsk mem = TaskGroupAsk.of(Jobs.group(1, 100, 9000).build());
    assertThat(u.exhaustedDimension(mem)).isEqualTo("memory");
    assertThat(u.exhaustedDimension(TaskGroupAsk.of(Jobs.group(1, 100, 100).build()))).isNull();
  }

  @Test
  void reservedHostPortsCollideWithStaticPorts() {
    NodeUsage u = new NodeUsage(Nodes.mock("n"));
    TaskGroup ssh = Jobs.group(1, 100, 100).networks(java.util.List.of(io.caravan.model.job.NetworkResource.builder()
        .mode("host").reservedPorts(java.util.List.of(io.caravan.model.job.Port.builder().label("ssh").value(22).build())).build())).build();
    assertThat(u.staticPortCollision(TaskGroupAsk.of(ssh))).isTrue();
  }

  @Test
  void parsesPortSpecsAndRejectsBadOnes() {
    assertThat(PortSpec.parse("22, 80,8000-8002")).containsExactly(22, 80, 8000, 8001, 8002);
    assertThat(PortSpec.parse("")).isEmpty();
    assertThatThrownBy(() -> PortSpec.parse("80,abc")).hasMessageContaining("\"abc\"");
    assertThatThrownBy(() -> PortSpec.parse("90-80")).hasMessageContaining("90-80");
  }
}
