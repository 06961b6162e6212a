package io.caravan.scheduler.testing;

import io.caravan.model.job.Constraint;
import io.caravan.model.job.EphemeralDisk;
import io.caravan.model.job.Job;
import io.caravan.model.job.NetworkResource;
import io.caravan.model.job.Port;
import io.caravan.model.job.Resources;
import io.caravan.model.job.Task;
import io.caravan.model.job.TaskGroup;
import java.util.List;

/** Test jobs shaped like Nomad's {@code mock.Job()}. */
public final class Jobs {
  private Jobs() {}

  /** The mock service job: dc1, kernel=linux, group "web" with {@code count}, dynamic ports http/admin, task cpu 500 / mem 256. */
  public static Job mock(String id, int count) {
    return mockBuilder(id, group(count, 500, 256).build()).build();
  }

  /** A job builder around one group. */
  public static Job.Builder mockBuilder(String id, TaskGroup group) {
    return Job.builder().id(id).name("my-job").namespace("default").type("service").priority(50)
        .datacenters(List.of("dc1")).nodePool("default")
        .constraint(new Constraint("${attr.kernel.name}", "linux", "="))
        .taskGroups(List.of(group));
  }

  /** The mock "web" group with the given count and task resources. */
  public static TaskGroup.Builder group(int count, int cpu, int mem) {
    return TaskGroup.builder().name("web").count(count)
        .ephemeralDisk(new EphemeralDisk(false, false, 150))
        .network(NetworkResource.builder().mode("host")
            .dynamicPorts(List.of(Port.builder().label("http").build(), Port.builder().label("admin").build()))
            .build())
        .task(Task.builder().name("web").driver("exec")
            .resources(Resources.builder().cpu(cpu).memoryMB(mem).build()).build());
  }
}
