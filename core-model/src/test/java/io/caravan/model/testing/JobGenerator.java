package io.caravan.model.testing;

import io.caravan.model.job.Affinity;
import io.caravan.model.job.Constraint;
import io.caravan.model.job.Job;
import io.caravan.model.job.NetworkResource;
import io.caravan.model.job.Port;
import io.caravan.model.job.Resources;
import io.caravan.model.job.Service;
import io.caravan.model.job.Spread;
import io.caravan.model.job.SpreadTarget;
import io.caravan.model.job.Task;
import io.caravan.model.job.TaskGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded generator of realistic, valid jobs for tests in any module: service or batch jobs with a
 * few groups and tasks, CPU/memory requests, constraints, affinities, spreads, a bridge network
 * with dynamic and static ports, and services that use those ports. Every generated job passes
 * {@code JobValidator}. The same seed always gives the same job.
 */
public final class JobGenerator {
  private static final String[] DRIVERS = {"mock", "exec", "raw_exec", "docker"};
  private static final String[] DATACENTERS = {"dc1", "dc2", "dc3"};
  private static final String[] CLASSES = {"small", "medium", "large"};

  private final SplittableRandom random;

  /** A generator drawing from {@code random}. */
  public JobGenerator(SplittableRandom random) {
    this.random = random;
  }

  /** A generator for {@code seed}. */
  public static JobGenerator withSeed(long seed) {
    return new JobGenerator(new SplittableRandom(seed));
  }

  /** A random valid job (not canonicalized: optional blocks are often left unset). */
  public Job job() {
    String id = "job-" + random.nextInt(10_000);
    Job.Builder job =
        Job.builder(id).type(random.nextBoolean() ? "service" : "batch").priority(random.nextInt(1, 101));
    int dcs = random.nextInt(1, DATACENTERS.length + 1);
    for (int i = 0; i < dcs; i++) {
      job.datacenter(DATACENTERS[i]);
    }
    if (random.nextInt(3) == 0) {
      job.constraint(new Constraint("${attr.kernel.name}", "linux", "="));
    }
    if (random.nextInt(4) == 0) {
      job.affinity(new Affinity("${node.class}", CLASSES[random.nextInt(CLASSES.length)], "=", random.nextInt(1, 101)));
    }
    int groups = random.nextInt(1, 4);
    for (int g = 0; g < groups; g++) {
      job.taskGroup(group("group-" + g));
    }
    return job.build();
  }

  /** A random valid task group named {@code name}. */
  public TaskGroup group(String name) {
    TaskGroup.Builder group = TaskGroup.builder(name).count(random.nextInt(0, 6));
    List<String> labels = new ArrayList<>();
    if (random.nextBoolean()) {
      List<Port> dynamic = new ArrayList<>();
      List<Port> reserved = new ArrayList<>();
      int ports = random.nextInt(1, 4);
      for (int p = 0; p < ports; p++) {
        String label = "port" + p;
        labels.add(label);
        if (random.nextInt(3) == 0) {
          reserved.add(new Port(label, 20_000 + 10 * random.nextInt(1000) + p, 0, "", false));
        } else {
          dynamic.add(new Port(label, 0, random.nextBoolean() ? 8080 + p : 0, "", false));
        }
      }
      group.network(
          NetworkResource.builder()
              .mode("bridge")
              .dynamicPorts(dynamic.isEmpty() ? null : dynamic)
              .reservedPorts(reserved.isEmpty() ? null : reserved)
              .build());
      if (random.nextBoolean()) {
        group.service(Service.builder().name(name + "-svc").portLabel(labels.get(0)).provider("nomad").build());
      }
    }
    if (random.nextInt(4) == 0) {
      int first = random.nextInt(0, 101);
      group.spread(
          new Spread(
              "${node.datacenter}",
              random.nextInt(1, 101),
              List.of(new SpreadTarget("dc1", first), new SpreadTarget("dc2", random.nextInt(0, 101 - first)))));
    }
    if (random.nextInt(4) == 0) {
      group.constraint(new Constraint("${meta.rack}", "r" + random.nextInt(4), "!="));
    }
    int tasks = random.nextInt(1, 4);
    for (int t = 0; t < tasks; t++) {
      group.task(task("task-" + t, t == 0 && random.nextBoolean()));
    }
    return group.build();
  }

  /** A random valid task named {@code name}. */
  public Task task(String name, boolean leader) {
    Resources.Builder resources = Resources.builder().memoryMB(16 * random.nextInt(1, 65));
    if (random.nextInt(5) == 0) {
      resources.cores(random.nextInt(1, 5));
    } else {
      resources.cpu(50 * random.nextInt(1, 41));
    }
    Task.Builder task =
        Task.builder(name)
            .driver(DRIVERS[random.nextInt(DRIVERS.length)])
            .leader(leader)
            .resources(resources)
            .config("command", "/bin/sleep")
            .config("args", List.of(Integer.toString(random.nextInt(1, 1000))));
    if (random.nextBoolean()) {
      task.env("MODE", random.nextBoolean() ? "fast" : "slow");
    }
    if (random.nextBoolean()) {
      task.killTimeout(Duration.ofSeconds(random.nextInt(1, 60)));
    }
    return task.build();
  }
}
